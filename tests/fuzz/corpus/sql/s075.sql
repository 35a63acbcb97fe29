CREATE TABLE users (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(320) NOT NULL,
  role ENUM('agent','customer','lead') NOT NULL,
  UNIQUE KEY uq_email (email)
) ENGINE=InnoDB;

CREATE TABLE tickets (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  assignee_id BIGINT NULL,
  subject VARCHAR(200) NOT NULL,
  status ENUM('open','in_progress','waiting_on_customer','resolved','closed') NOT NULL,
  priority TINYINT NOT NULL,
  updated_at DATETIME NOT NULL,
  KEY idx_customer (customer_id),
  KEY idx_assignee_status (assignee_id, status),
  KEY idx_status (status),
  CONSTRAINT fk_ticket_customer FOREIGN KEY (customer_id) REFERENCES users(id),
  CONSTRAINT fk_ticket_assignee FOREIGN KEY (assignee_id) REFERENCES users(id)
) ENGINE=InnoDB;

CREATE TABLE comments (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  ticket_id BIGINT NOT NULL,
  author_id BIGINT NOT NULL,
  body TEXT NOT NULL,
  internal BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME NOT NULL,
  KEY idx_ticket (ticket_id, created_at),
  KEY idx_author (author_id),
  CONSTRAINT fk_comment_ticket FOREIGN KEY (ticket_id) REFERENCES tickets(id),
  CONSTRAINT fk_comment_author FOREIGN KEY (author_id) REFERENCES users(id)
) ENGINE=InnoDB;

CREATE TABLE ticket_audit (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  ticket_id BIGINT NOT NULL,
  actor_id BIGINT NOT NULL,
  field VARCHAR(20) NOT NULL,
  old_value VARCHAR(64) NULL,
  new_value VARCHAR(64) NULL,
  changed_at DATETIME NOT NULL,
  KEY idx_audit_ticket (ticket_id, changed_at),
  KEY idx_audit_actor (actor_id),
  CONSTRAINT fk_audit_ticket FOREIGN KEY (ticket_id) REFERENCES tickets(id),
  CONSTRAINT fk_audit_actor FOREIGN KEY (actor_id) REFERENCES users(id)
) ENGINE=InnoDB;

CREATE TABLE email_jobs (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  audit_id BIGINT NOT NULL,
  state ENUM('pending','sent','failed') NOT NULL DEFAULT 'pending',
  attempts TINYINT NOT NULL DEFAULT 0,
  next_try_at DATETIME NOT NULL,
  KEY idx_due (state, next_try_at),
  KEY idx_email_audit (audit_id),
  CONSTRAINT fk_email_audit FOREIGN KEY (audit_id) REFERENCES ticket_audit(id)
) ENGINE=InnoDB;
