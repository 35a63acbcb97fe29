CREATE TABLE messages (
  id BIGSERIAL PRIMARY KEY,
  chat_id BIGINT NOT NULL REFERENCES chats(id),
  sender_id BIGINT NOT NULL REFERENCES users(id),
  body TEXT,
  image BYTEA,
  sent_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ON messages(chat_id, sent_at);
CREATE INDEX ON messages(sender_id);

CREATE TABLE deliveries (
  message_id BIGINT NOT NULL REFERENCES messages(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  delivered_at TIMESTAMPTZ,
  read_at TIMESTAMPTZ,
  PRIMARY KEY (message_id, user_id)
);
CREATE INDEX ON deliveries(user_id);
