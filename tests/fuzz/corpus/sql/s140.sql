CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50));

CREATE TABLE posts (
  id INT PRIMARY KEY AUTO_INCREMENT,
  author_id INT,
  text VARCHAR(280),
  created_at DATETIME
);

CREATE TABLE follows (
  follower INT,
  followee INT
);
