CREATE TABLE companies (
    id UUID PRIMARY KEY,
    name VARCHAR(200) NOT NULL
);

CREATE TABLE users (
    id UUID PRIMARY KEY,
    company_id UUID REFERENCES companies(id),
    email VARCHAR(255) NOT NULL UNIQUE,
    role VARCHAR(20) NOT NULL
);
CREATE INDEX idx_users_company ON users(company_id);

CREATE TABLE documents (
    id UUID PRIMARY KEY,
    company_id UUID NOT NULL REFERENCES companies(id),
    uploaded_by UUID NOT NULL REFERENCES users(id),
    s3_key VARCHAR(500) NOT NULL,
    status VARCHAR(20) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT now()
);
CREATE INDEX idx_documents_company_status ON documents(company_id, status);
CREATE INDEX idx_documents_uploaded_by ON documents(uploaded_by);

CREATE TABLE extracted_fields (
    id UUID PRIMARY KEY,
    document_id UUID NOT NULL REFERENCES documents(id),
    field_name VARCHAR(100) NOT NULL,
    field_value TEXT,
    updated_by UUID REFERENCES users(id),
    updated_at TIMESTAMP NOT NULL DEFAULT now()
);
CREATE INDEX idx_fields_document ON extracted_fields(document_id);
CREATE INDEX idx_fields_updated_by ON extracted_fields(updated_by);
