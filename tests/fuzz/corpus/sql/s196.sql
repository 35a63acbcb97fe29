CREATE TABLE sites (
  id SMALLINT PRIMARY KEY,
  name VARCHAR(80) NOT NULL,
  max_rps NUMERIC(4,2) NOT NULL DEFAULT 0.8
);

CREATE TABLE users (id BIGSERIAL PRIMARY KEY, email VARCHAR(320) NOT NULL UNIQUE);

CREATE TABLE cases (
  id BIGSERIAL PRIMARY KEY,
  site_id SMALLINT NOT NULL REFERENCES sites(id),
  receipt_number VARCHAR(32) NOT NULL,
  current_status VARCHAR(120),
  last_checked_at TIMESTAMPTZ,
  next_check_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  active BOOLEAN NOT NULL DEFAULT true,
  UNIQUE (site_id, receipt_number)
);
CREATE INDEX idx_cases_due ON cases(next_check_at) WHERE active;

CREATE TABLE case_watchers (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  notify_email BOOLEAN NOT NULL DEFAULT true,
  notify_push BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX idx_watchers_user ON case_watchers(user_id);

CREATE TABLE status_history (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  old_status VARCHAR(120),
  new_status VARCHAR(120) NOT NULL,
  raw_excerpt TEXT,
  detected_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_history_case ON status_history(case_id, detected_at DESC);

CREATE TABLE notifications (
  id BIGSERIAL PRIMARY KEY,
  history_id BIGINT NOT NULL REFERENCES status_history(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  channel VARCHAR(8) NOT NULL,           -- email | push
  state VARCHAR(10) NOT NULL DEFAULT 'pending',
  attempts SMALLINT NOT NULL DEFAULT 0,
  UNIQUE (history_id, user_id, channel)
);
CREATE INDEX idx_notifications_state ON notifications(state);
CREATE INDEX idx_notifications_user ON notifications(user_id);
