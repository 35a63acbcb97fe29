CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  username VARCHAR(30) UNIQUE NOT NULL
);

CREATE TABLE posts (
  id BIGSERIAL PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  caption VARCHAR(2200),
  created_at TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX posts_user_created ON posts(user_id, created_at DESC);

CREATE TABLE photos (
  post_id BIGINT PRIMARY KEY REFERENCES posts(id),
  image_data BYTEA NOT NULL,
  thumbnail BYTEA NOT NULL
);

CREATE TABLE follows (
  follower_id BIGINT REFERENCES users(id),
  followee_id BIGINT REFERENCES users(id),
  PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follows_followee ON follows(followee_id);

CREATE TABLE likes (
  post_id BIGINT REFERENCES posts(id),
  user_id BIGINT REFERENCES users(id),
  PRIMARY KEY (post_id, user_id)
);
CREATE INDEX likes_user ON likes(user_id);
