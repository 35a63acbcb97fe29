CREATE TABLE orgs (id BIGINT PRIMARY KEY, name VARCHAR(200) NOT NULL);

CREATE TABLE members (
  id      BIGINT PRIMARY KEY,
  org_id  BIGINT NOT NULL REFERENCES orgs(id),
  email   VARCHAR(320) NOT NULL,
  role    VARCHAR(12) NOT NULL,
  UNIQUE (org_id, email)
);

CREATE TABLE folders (
  id         BIGINT PRIMARY KEY,
  org_id     BIGINT NOT NULL REFERENCES orgs(id),
  parent_id  BIGINT REFERENCES folders(id),
  name       VARCHAR(255) NOT NULL
);
CREATE INDEX folders_org_parent ON folders(org_id, parent_id);
CREATE INDEX folders_parent ON folders(parent_id);

CREATE TABLE documents (
  id           BIGINT PRIMARY KEY,
  org_id       BIGINT NOT NULL REFERENCES orgs(id),
  folder_id    BIGINT REFERENCES folders(id),
  uploader_id  BIGINT NOT NULL REFERENCES members(id),
  object_key   VARCHAR(1024) NOT NULL,
  state        VARCHAR(12) NOT NULL,        -- processing | ready | failed
  title        VARCHAR,
  doc_type     VARCHAR(40),
  extracted    JSONB,
  fts          TSVECTOR,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX documents_org_state ON documents(org_id, state);
CREATE INDEX documents_folder ON documents(folder_id);
CREATE INDEX documents_uploader ON documents(uploader_id);
CREATE INDEX documents_fts ON documents USING GIN (fts);
