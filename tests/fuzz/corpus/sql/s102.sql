CREATE TABLE companies (
  id BIGSERIAL PRIMARY KEY,
  name VARCHAR(200) NOT NULL
);

CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  company_id BIGINT NOT NULL REFERENCES companies(id),
  email VARCHAR(320) NOT NULL,
  is_manager BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE folders (
  id BIGSERIAL PRIMARY KEY,
  company_id BIGINT NOT NULL REFERENCES companies(id),
  parent_id BIGINT REFERENCES folders(id),
  name VARCHAR(255) NOT NULL
);

CREATE TABLE documents (
  id BIGSERIAL PRIMARY KEY,
  company_id BIGINT NOT NULL REFERENCES companies(id),
  folder_id BIGINT REFERENCES folders(id),
  owner_id BIGINT NOT NULL REFERENCES users(id),
  s3_key VARCHAR(512) NOT NULL,
  filename VARCHAR(255) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'pending',
  title VARCHAR(500),
  doc_type VARCHAR(50),
  body_text TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
