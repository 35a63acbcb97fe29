CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL);

CREATE TABLE friendships (
  user_id BIGINT NOT NULL REFERENCES users(id),
  friend_id BIGINT NOT NULL REFERENCES users(id),
  since TIMESTAMP NOT NULL,
  PRIMARY KEY (user_id, friend_id)
);
CREATE INDEX idx_friend_reverse ON friendships(friend_id);

CREATE TABLE posts (
  id BIGINT PRIMARY KEY,
  author_id BIGINT NOT NULL REFERENCES users(id),
  body VARCHAR(5000),
  visibility VARCHAR(10) NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX idx_posts_author_time ON posts(author_id, created_at DESC);
