CREATE TABLE users (
  id BIGINT PRIMARY KEY,
  handle VARCHAR(30) NOT NULL UNIQUE,
  follower_count BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE posts (
  id BIGINT PRIMARY KEY,
  author_id BIGINT NOT NULL REFERENCES users(id),
  body VARCHAR(500) NOT NULL,
  client_request_id UUID NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  UNIQUE (author_id, client_request_id)
);
CREATE INDEX posts_author_time ON posts(author_id, created_at DESC);

CREATE TABLE follows (
  follower_id BIGINT NOT NULL REFERENCES users(id),
  followee_id BIGINT NOT NULL REFERENCES users(id),
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follows_followee ON follows(followee_id);
