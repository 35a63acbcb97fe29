CREATE TABLE messages (
  conversation_id  UUID,
  seq              BIGINT,
  client_msg_id    UUID,
  sender_id        BIGINT,
  body             TEXT,
  sent_at          TIMESTAMP,
  PRIMARY KEY (conversation_id, seq)
) WITH CLUSTERING ORDER BY (seq DESC) AND default_time_to_live = 2592000;

CREATE TABLE conversations_by_user (
  user_id          BIGINT,
  conversation_id  UUID,
  peer_id          BIGINT,
  last_seq         BIGINT,
  PRIMARY KEY (user_id, conversation_id)
);
