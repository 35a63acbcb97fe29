CREATE TABLE companies (id UUID PRIMARY KEY, name VARCHAR(200) NOT NULL);

CREATE TABLE users (
  id UUID PRIMARY KEY,
  company_id UUID REFERENCES companies(id),
  email VARCHAR(320) NOT NULL UNIQUE,
  role VARCHAR(16) NOT NULL
);
CREATE INDEX users_company ON users(company_id);

CREATE TABLE documents (
  company_id UUID NOT NULL REFERENCES companies(id),
  id UUID NOT NULL,
  uploader_id UUID NOT NULL REFERENCES users(id),
  s3_key VARCHAR(512) NOT NULL,
  status VARCHAR(20) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, id)
);
CREATE INDEX documents_status ON documents(company_id, status);
CREATE INDEX documents_uploader ON documents(uploader_id);

CREATE TABLE fields (
  company_id UUID NOT NULL,
  document_id UUID NOT NULL,
  name VARCHAR(80) NOT NULL,
  value TEXT,
  PRIMARY KEY (company_id, document_id, name),
  FOREIGN KEY (company_id, document_id) REFERENCES documents(company_id, id)
);

CREATE TABLE field_audit (
  id UUID PRIMARY KEY,
  company_id UUID NOT NULL,
  document_id UUID NOT NULL,
  field_name VARCHAR(80) NOT NULL,
  old_value TEXT,
  new_value TEXT,
  changed_by UUID NOT NULL REFERENCES users(id),
  changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  FOREIGN KEY (company_id, document_id) REFERENCES documents(company_id, id)
);
CREATE INDEX field_audit_doc ON field_audit(company_id, document_id, changed_at);
CREATE INDEX field_audit_user ON field_audit(changed_by);
