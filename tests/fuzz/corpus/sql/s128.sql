CREATE TABLE app_user (
  id SERIAL PRIMARY KEY,
  email VARCHAR(255) NOT NULL UNIQUE,
  is_manager BOOLEAN DEFAULT false
);

CREATE TABLE folder (
  id SERIAL PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  parent_id INT REFERENCES folder(id)
);
CREATE INDEX folder_parent_idx ON folder(parent_id);

CREATE TABLE document (
  id SERIAL PRIMARY KEY,
  owner_id INT NOT NULL REFERENCES app_user(id),
  folder_id INT REFERENCES folder(id),
  file_name VARCHAR(255) NOT NULL,
  content BYTEA NOT NULL,
  title VARCHAR(255),
  author VARCHAR(255),
  extracted_text TEXT,
  created_at TIMESTAMP DEFAULT now()
);
CREATE INDEX document_owner_idx ON document(owner_id);
CREATE INDEX document_folder_idx ON document(folder_id);
