CREATE TABLE messages (
  chat_id        UUID,
  day_bucket     INT,
  seq            BIGINT,
  client_msg_id  UUID,
  sender_id      BIGINT,
  body           TEXT,
  media_key      VARCHAR(256),
  created_at     TIMESTAMP,
  PRIMARY KEY ((chat_id, day_bucket), seq)
) WITH CLUSTERING ORDER BY (seq DESC);

CREATE TABLE read_markers (
  chat_id   UUID,
  user_id   BIGINT,
  read_seq  BIGINT,
  delivered_seq BIGINT,
  PRIMARY KEY (chat_id, user_id)
);

CREATE TABLE user_chats (
  user_id   BIGINT,
  chat_id   UUID,
  last_activity TIMESTAMP,
  PRIMARY KEY (user_id, chat_id)
);
