CREATE TABLE companies (id UUID PRIMARY KEY, name VARCHAR(200) NOT NULL);

CREATE TABLE users (
  id UUID PRIMARY KEY,
  company_id UUID REFERENCES companies(id),
  email VARCHAR(320) NOT NULL UNIQUE,
  role VARCHAR(16) NOT NULL
);
CREATE INDEX ON users(company_id);

CREATE TABLE lawyer_companies (
  lawyer_id UUID NOT NULL REFERENCES users(id),
  company_id UUID NOT NULL REFERENCES companies(id),
  PRIMARY KEY (lawyer_id, company_id)
);
CREATE INDEX ON lawyer_companies(company_id);

CREATE TABLE documents (
  id UUID PRIMARY KEY,
  company_id UUID NOT NULL REFERENCES companies(id),
  owner_id UUID NOT NULL REFERENCES users(id),
  s3_key VARCHAR(512) NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ON documents(company_id, status);
CREATE INDEX ON documents(owner_id);

CREATE TABLE fields (
  id UUID PRIMARY KEY,
  document_id UUID NOT NULL REFERENCES documents(id),
  company_id UUID NOT NULL REFERENCES companies(id),
  name VARCHAR(64) NOT NULL,
  value TEXT
);
CREATE INDEX ON fields(document_id);
CREATE INDEX ON fields(company_id);

CREATE TABLE field_audit (
  id BIGSERIAL PRIMARY KEY,
  field_id UUID NOT NULL REFERENCES fields(id),
  company_id UUID NOT NULL REFERENCES companies(id),
  actor_id UUID NOT NULL REFERENCES users(id),
  old_value TEXT,
  new_value TEXT,
  at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ON field_audit(field_id, at);
CREATE INDEX ON field_audit(company_id);
CREATE INDEX ON field_audit(actor_id);
