CREATE TABLE users (
  id BIGINT PRIMARY KEY,
  username VARCHAR(30) NOT NULL UNIQUE,
  follower_count BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE posts (
  id BIGINT PRIMARY KEY,                 -- snowflake id, time-ordered
  user_id BIGINT NOT NULL REFERENCES users(id),
  media_key VARCHAR(256) NOT NULL,       -- object-storage key prefix for all variants
  caption VARCHAR(2200),
  status VARCHAR(12) NOT NULL DEFAULT 'processing',
  idempotency_key VARCHAR(64) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX idx_posts_user_time ON posts(user_id, created_at DESC);
CREATE INDEX idx_posts_status ON posts(status) WHERE status <> 'ready';

CREATE TABLE follows (
  follower_id BIGINT NOT NULL REFERENCES users(id),
  followee_id BIGINT NOT NULL REFERENCES users(id),
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX idx_follows_followee ON follows(followee_id);

CREATE TABLE likes (
  post_id BIGINT NOT NULL REFERENCES posts(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (post_id, user_id)
);
CREATE INDEX idx_likes_user ON likes(user_id);
