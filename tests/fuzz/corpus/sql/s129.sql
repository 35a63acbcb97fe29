CREATE TABLE namespaces (
  id BIGINT PRIMARY KEY,
  owner_id BIGINT NOT NULL,
  INDEX idx_ns_owner (owner_id)
);

CREATE TABLE files (
  id BIGINT PRIMARY KEY,
  namespace_id BIGINT NOT NULL,
  path VARCHAR(4096) NOT NULL,
  latest_rev BIGINT NOT NULL,
  deleted TINYINT(1) NOT NULL DEFAULT 0,
  UNIQUE KEY uq_path (namespace_id, path(255)),
  FOREIGN KEY (namespace_id) REFERENCES namespaces(id)
);

CREATE TABLE file_versions (
  file_id BIGINT NOT NULL,
  rev BIGINT NOT NULL,
  size_bytes BIGINT NOT NULL,
  block_list JSON NOT NULL,
  device_id BIGINT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (rev),
  FOREIGN KEY (file_id) REFERENCES files(id)
);

CREATE TABLE blocks (
  hash CHAR(64) PRIMARY KEY,
  size_bytes INT NOT NULL,
  ref_count BIGINT NOT NULL
);
