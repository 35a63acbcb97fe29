CREATE TABLE companies (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(191) NOT NULL
) ENGINE=InnoDB;

CREATE TABLE users (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  company_id BIGINT UNSIGNED NOT NULL,
  email VARCHAR(191) NOT NULL,
  role VARCHAR(16) NOT NULL,
  UNIQUE KEY uq_users_email (email),
  KEY idx_users_company (company_id),
  CONSTRAINT fk_users_company FOREIGN KEY (company_id) REFERENCES companies (id)
) ENGINE=InnoDB;

CREATE TABLE documents (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  company_id BIGINT UNSIGNED NOT NULL,
  owner_id BIGINT UNSIGNED NOT NULL,
  folder VARCHAR(512) NOT NULL DEFAULT '/',
  s3_key VARCHAR(1024) NOT NULL,
  mime VARCHAR(100) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'processing',
  title VARCHAR(500) NULL,
  author VARCHAR(200) NULL,
  doc_type VARCHAR(50) NULL,
  extracted_text LONGTEXT NULL,
  deleted_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY idx_docs_company_status (company_id, status),
  KEY idx_docs_company_folder (company_id, folder(191)),
  KEY idx_docs_owner (owner_id),
  FULLTEXT KEY ft_docs (title, extracted_text),
  CONSTRAINT fk_docs_company FOREIGN KEY (company_id) REFERENCES companies (id),
  CONSTRAINT fk_docs_owner FOREIGN KEY (owner_id) REFERENCES users (id)
) ENGINE=InnoDB;

CREATE TABLE tags (
  document_id BIGINT UNSIGNED NOT NULL,
  company_id BIGINT UNSIGNED NOT NULL,
  tag VARCHAR(64) NOT NULL,
  PRIMARY KEY (document_id, tag),
  KEY idx_tags_company_tag (company_id, tag),
  CONSTRAINT fk_tags_doc FOREIGN KEY (document_id) REFERENCES documents (id),
  CONSTRAINT fk_tags_company FOREIGN KEY (company_id) REFERENCES companies (id)
) ENGINE=InnoDB;
