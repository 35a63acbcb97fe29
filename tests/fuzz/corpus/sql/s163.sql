CREATE TABLE companies (
  id   UUID PRIMARY KEY,
  name VARCHAR(200) NOT NULL
);

CREATE TABLE users (
  id         UUID PRIMARY KEY,
  company_id UUID REFERENCES companies(id),
  email      VARCHAR(320) NOT NULL UNIQUE,
  role       VARCHAR(16) NOT NULL
);

CREATE TABLE documents (
  id            UUID PRIMARY KEY,
  company_id    UUID NOT NULL REFERENCES companies(id),
  uploaded_by   UUID NOT NULL REFERENCES users(id),
  storage_key   VARCHAR(512) NOT NULL,      -- S3 object key; the bytes never touch the DB
  sha256        CHAR(64) NOT NULL,
  status        VARCHAR(20) NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE extracted_fields (
  id           UUID PRIMARY KEY,
  document_id  UUID NOT NULL REFERENCES documents(id),
  company_id   UUID NOT NULL REFERENCES companies(id),
  name         VARCHAR(100) NOT NULL,
  value        TEXT,
  UNIQUE (document_id, name)
);

CREATE TABLE field_history (
  id          BIGSERIAL PRIMARY KEY,
  field_id    UUID NOT NULL REFERENCES extracted_fields(id),
  company_id  UUID NOT NULL REFERENCES companies(id),
  edited_by   UUID NOT NULL REFERENCES users(id),
  old_value   TEXT,
  new_value   TEXT,
  edited_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE assignments (
  lawyer_id  UUID NOT NULL REFERENCES users(id),
  company_id UUID NOT NULL REFERENCES companies(id),
  PRIMARY KEY (lawyer_id, company_id)
);

-- indexes, kept separate so they can be reviewed together
CREATE INDEX users_company_idx        ON users (company_id);
CREATE INDEX documents_company_status ON documents (company_id, status, created_at DESC);
CREATE INDEX documents_uploader_idx   ON documents (uploaded_by);
CREATE INDEX fields_company_idx       ON extracted_fields (company_id);
CREATE INDEX history_field_idx        ON field_history (field_id, edited_at);
CREATE INDEX history_company_idx      ON field_history (company_id);
CREATE INDEX history_editor_idx       ON field_history (edited_by);
CREATE INDEX assignments_company_idx  ON assignments (company_id);
