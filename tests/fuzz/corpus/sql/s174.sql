CREATE TABLE users (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR,
  email VARCHAR,
  role VARCHAR
);

CREATE TABLE documents (
  id INT AUTO_INCREMENT PRIMARY KEY,
  user_id INT,
  filename VARCHAR,
  file_data LONGBLOB,
  status VARCHAR,
  uploaded_at DATETIME
);

CREATE TABLE fields (
  id INT AUTO_INCREMENT PRIMARY KEY,
  document_id INT,
  name VARCHAR,
  value TEXT
);
