CREATE TABLE companies (id UUID PRIMARY KEY, name VARCHAR(200) NOT NULL);

CREATE TABLE users (
  id UUID PRIMARY KEY,
  company_id UUID NOT NULL REFERENCES companies(id),
  email VARCHAR(320) NOT NULL UNIQUE,
  role VARCHAR(16) NOT NULL          -- employee | manager | admin
);
CREATE INDEX idx_users_company ON users(company_id);

CREATE TABLE folders (
  id UUID PRIMARY KEY,
  company_id UUID NOT NULL REFERENCES companies(id),
  parent_id UUID REFERENCES folders(id),
  name VARCHAR(255) NOT NULL,
  UNIQUE (company_id, parent_id, name)
);
CREATE INDEX idx_folders_parent ON folders(parent_id);

CREATE TABLE documents (
  id UUID PRIMARY KEY,
  company_id UUID NOT NULL REFERENCES companies(id),
  folder_id UUID REFERENCES folders(id),
  uploaded_by UUID NOT NULL REFERENCES users(id),
  s3_key VARCHAR(512) NOT NULL,
  file_name VARCHAR(255) NOT NULL,
  mime_type VARCHAR(100) NOT NULL,
  size_bytes BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'processing',   -- processing | ready | failed
  title VARCHAR(500),
  author VARCHAR(200),
  doc_type VARCHAR(50),
  metadata JSONB NOT NULL DEFAULT '{}',
  search_vector TSVECTOR,
  deleted_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_docs_company_status ON documents(company_id, status, created_at DESC);
CREATE INDEX idx_docs_folder ON documents(folder_id);
CREATE INDEX idx_docs_uploader ON documents(uploaded_by);
CREATE INDEX idx_docs_search ON documents USING GIN (search_vector);

CREATE TABLE tags (
  id UUID PRIMARY KEY,
  company_id UUID NOT NULL REFERENCES companies(id),
  name VARCHAR(100) NOT NULL,
  UNIQUE (company_id, name)
);

CREATE TABLE document_tags (
  document_id UUID NOT NULL REFERENCES documents(id),
  tag_id UUID NOT NULL REFERENCES tags(id),
  PRIMARY KEY (document_id, tag_id)
);
CREATE INDEX idx_document_tags_tag ON document_tags(tag_id);
