CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  user_email VARCHAR(255),
  site VARCHAR(50),
  receipt_number VARCHAR(30),
  status VARCHAR(255),
  last_checked TIMESTAMP
);
