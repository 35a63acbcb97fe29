CREATE TABLE users (id BIGINT PRIMARY KEY, handle VARCHAR(15) NOT NULL UNIQUE);

CREATE TABLE tweets (
  id BIGINT PRIMARY KEY,
  author_id BIGINT NOT NULL REFERENCES users(id),
  text VARCHAR(280) NOT NULL,
  media_key VARCHAR(200),
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX idx_tweets_author ON tweets(author_id, created_at DESC);

CREATE TABLE follows (
  follower_id BIGINT NOT NULL REFERENCES users(id),
  followee_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX idx_follows_followee ON follows(followee_id);
