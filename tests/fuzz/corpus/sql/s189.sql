CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  email VARCHAR(254) NOT NULL UNIQUE,
  push_token VARCHAR
);

CREATE TABLE cases (
  id BIGSERIAL PRIMARY KEY,
  site VARCHAR(20) NOT NULL,
  receipt_no VARCHAR(30) NOT NULL,
  current_status VARCHAR,
  next_check_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX cases_next_check ON cases(next_check_at);
CREATE UNIQUE INDEX cases_site_receipt ON cases(site, receipt_no);

CREATE TABLE subscriptions (
  case_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  channel VARCHAR(10) NOT NULL,
  PRIMARY KEY (case_id, user_id, channel)
);
CREATE INDEX subscriptions_user ON subscriptions(user_id);

CREATE TABLE status_history (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL,
  status VARCHAR(200) NOT NULL,
  seen_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX status_history_case ON status_history(case_id, seen_at);
