CREATE TABLE users (
  id         BIGSERIAL PRIMARY KEY,
  email      VARCHAR(320) NOT NULL UNIQUE,
  name       VARCHAR(120) NOT NULL,
  role       VARCHAR(10)  NOT NULL CHECK (role IN ('agent', 'customer', 'lead'))
);

CREATE TABLE tickets (
  id           BIGSERIAL PRIMARY KEY,
  customer_id  BIGINT NOT NULL REFERENCES users(id),
  assignee_id  BIGINT REFERENCES users(id),
  subject      VARCHAR(200) NOT NULL,
  status       VARCHAR(24) NOT NULL DEFAULT 'open',
  priority     SMALLINT NOT NULL DEFAULT 3,
  version      INT NOT NULL DEFAULT 1,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_tickets_customer ON tickets(customer_id, created_at DESC);
CREATE INDEX idx_tickets_assignee_status ON tickets(assignee_id, status);
CREATE INDEX idx_tickets_status ON tickets(status, priority);

CREATE TABLE comments (
  id          BIGSERIAL PRIMARY KEY,
  ticket_id   BIGINT NOT NULL REFERENCES tickets(id),
  author_id   BIGINT NOT NULL REFERENCES users(id),
  body        TEXT NOT NULL,
  internal    BOOLEAN NOT NULL DEFAULT false,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_comments_ticket ON comments(ticket_id, created_at);
CREATE INDEX idx_comments_author ON comments(author_id);

-- immutable history: status, assignee and priority changes
CREATE TABLE ticket_events (
  id          BIGSERIAL PRIMARY KEY,
  ticket_id   BIGINT NOT NULL REFERENCES tickets(id),
  actor_id    BIGINT NOT NULL REFERENCES users(id),
  field       VARCHAR(20) NOT NULL,        -- status | assignee | priority
  old_value   VARCHAR(64),
  new_value   VARCHAR(64),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_events_ticket ON ticket_events(ticket_id, created_at);
CREATE INDEX idx_events_actor ON ticket_events(actor_id);

CREATE TABLE email_outbox (
  id              BIGSERIAL PRIMARY KEY,
  event_id        BIGINT NOT NULL UNIQUE REFERENCES ticket_events(id),
  recipient_id    BIGINT NOT NULL REFERENCES users(id),
  state           VARCHAR(10) NOT NULL DEFAULT 'pending',  -- pending | sent | dead
  attempts        SMALLINT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_outbox_due ON email_outbox(state, next_attempt_at);
CREATE INDEX idx_outbox_recipient ON email_outbox(recipient_id);
