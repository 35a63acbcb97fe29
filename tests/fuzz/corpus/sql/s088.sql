CREATE TABLE conversations (
  id UUID PRIMARY KEY,
  user_a BIGINT NOT NULL,
  user_b BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX idx_conv_a ON conversations(user_a);
CREATE INDEX idx_conv_b ON conversations(user_b);

CREATE TABLE messages (
  conversation_id UUID NOT NULL REFERENCES conversations(id),
  message_id BIGINT NOT NULL,           -- snowflake, time ordered
  sender_id BIGINT NOT NULL,
  body VARCHAR(4096) NOT NULL,
  status VARCHAR(10) NOT NULL,          -- sent | delivered | read
  PRIMARY KEY (conversation_id, message_id)
);
