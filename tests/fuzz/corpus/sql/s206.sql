CREATE TABLE sites (
  id        SMALLINT PRIMARY KEY,
  name      VARCHAR(60) NOT NULL,
  rate_rps  NUMERIC(3,2) NOT NULL
);

CREATE TABLE cases (
  id             BIGSERIAL PRIMARY KEY,
  site_id        SMALLINT NOT NULL REFERENCES sites(id),
  receipt_no     VARCHAR(30) NOT NULL,
  status_text    VARCHAR(200),
  next_check_at  TIMESTAMPTZ NOT NULL,
  UNIQUE (site_id, receipt_no)
);
CREATE INDEX cases_due_idx ON cases(next_check_at);

CREATE TABLE watchers (
  case_id  BIGINT NOT NULL REFERENCES cases(id),
  user_id  BIGINT NOT NULL REFERENCES users(id),
  channel  VARCHAR(8) NOT NULL,
  PRIMARY KEY (case_id, user_id, channel)
);
CREATE INDEX watchers_user_idx ON watchers(user_id);

-- one row per observed status transition; never updated or deleted
CREATE TABLE case_status_events (
  id          BIGSERIAL PRIMARY KEY,
  case_id     BIGINT NOT NULL REFERENCES cases(id),
  from_status VARCHAR(200),
  to_status   VARCHAR(200) NOT NULL,
  observed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX cse_case_idx ON case_status_events(case_id, observed_at);

CREATE TABLE check_jobs (
  id        BIGSERIAL PRIMARY KEY,
  case_id   BIGINT NOT NULL REFERENCES cases(id),
  run_at    TIMESTAMPTZ NOT NULL,
  attempts  SMALLINT NOT NULL DEFAULT 0
);
CREATE INDEX check_jobs_run_idx ON check_jobs(run_at);
CREATE INDEX check_jobs_case_idx ON check_jobs(case_id);

CREATE TABLE notify_jobs (
  id        BIGSERIAL PRIMARY KEY,
  event_id  BIGINT NOT NULL REFERENCES case_status_events(id),
  user_id   BIGINT NOT NULL REFERENCES users(id),
  channel   VARCHAR(8) NOT NULL,
  state     VARCHAR(8) NOT NULL DEFAULT 'pending'
);
CREATE INDEX notify_jobs_state_idx ON notify_jobs(state);
CREATE INDEX notify_jobs_event_idx ON notify_jobs(event_id);
CREATE INDEX notify_jobs_user_idx ON notify_jobs(user_id);
