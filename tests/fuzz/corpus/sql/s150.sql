CREATE TABLE companies (
  id          UUID PRIMARY KEY,
  name        VARCHAR(200) NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id          UUID PRIMARY KEY,
  company_id  UUID REFERENCES companies(id),      -- NULL for platform lawyers
  email       VARCHAR(320) NOT NULL UNIQUE,
  role        VARCHAR(16) NOT NULL CHECK (role IN ('applicant', 'lawyer', 'admin')),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_users_company ON users(company_id);

CREATE TABLE lawyer_assignments (
  lawyer_id   UUID NOT NULL REFERENCES users(id),
  company_id  UUID NOT NULL REFERENCES companies(id),
  PRIMARY KEY (lawyer_id, company_id)
);
CREATE INDEX idx_assignments_company ON lawyer_assignments(company_id);

CREATE TABLE documents (
  id            UUID PRIMARY KEY,
  company_id    UUID NOT NULL REFERENCES companies(id),
  uploaded_by   UUID NOT NULL REFERENCES users(id),
  reviewer_id   UUID REFERENCES users(id),
  s3_key        VARCHAR(512) NOT NULL,
  content_type  VARCHAR(100) NOT NULL,
  size_bytes    BIGINT NOT NULL,
  status        VARCHAR(20) NOT NULL DEFAULT 'uploaded',  -- uploaded | extracting | needs_review | approved | failed
  version       INT NOT NULL DEFAULT 1,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_documents_company_status ON documents(company_id, status, created_at DESC);
CREATE INDEX idx_documents_uploaded_by ON documents(uploaded_by);
CREATE INDEX idx_documents_reviewer ON documents(reviewer_id, status);

CREATE TABLE extracted_fields (
  id           UUID PRIMARY KEY,
  document_id  UUID NOT NULL REFERENCES documents(id),
  company_id   UUID NOT NULL REFERENCES companies(id),
  field_name   VARCHAR(100) NOT NULL,
  value        TEXT,
  confidence   NUMERIC(4,3),
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (document_id, field_name)
);
CREATE INDEX idx_fields_company ON extracted_fields(company_id);

-- append-only: the application role gets INSERT and SELECT only
CREATE TABLE field_changes (
  id           BIGSERIAL PRIMARY KEY,
  field_id     UUID NOT NULL REFERENCES extracted_fields(id),
  document_id  UUID NOT NULL REFERENCES documents(id),
  company_id   UUID NOT NULL REFERENCES companies(id),
  changed_by   UUID NOT NULL REFERENCES users(id),
  old_value    TEXT,
  new_value    TEXT,
  reason       VARCHAR(500),
  changed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_changes_document ON field_changes(document_id, changed_at);
CREATE INDEX idx_changes_field ON field_changes(field_id);
CREATE INDEX idx_changes_company ON field_changes(company_id);
CREATE INDEX idx_changes_user ON field_changes(changed_by);
