CREATE TABLE users (
  id SERIAL PRIMARY KEY,
  email VARCHAR(255) UNIQUE NOT NULL,
  role VARCHAR(16) NOT NULL
);

CREATE TABLE tickets (
  id SERIAL PRIMARY KEY,
  customer_id INT NOT NULL REFERENCES users(id),
  assignee_id INT REFERENCES users(id),
  title VARCHAR(200) NOT NULL,
  status VARCHAR(32) NOT NULL,
  priority VARCHAR(16) NOT NULL,
  created_at TIMESTAMP DEFAULT now()
);
CREATE INDEX ON tickets (customer_id);
CREATE INDEX ON tickets (assignee_id, status);
CREATE INDEX ON tickets (status);

CREATE TABLE comments (
  id SERIAL PRIMARY KEY,
  ticket_id INT NOT NULL REFERENCES tickets(id),
  author_id INT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  is_internal BOOLEAN DEFAULT false,
  created_at TIMESTAMP DEFAULT now()
);
CREATE INDEX ON comments (ticket_id);
CREATE INDEX ON comments (author_id);

CREATE TABLE ticket_history (
  id SERIAL PRIMARY KEY,
  ticket_id INT NOT NULL REFERENCES tickets(id),
  changed_by INT NOT NULL REFERENCES users(id),
  field VARCHAR(32) NOT NULL,
  old_value VARCHAR(64),
  new_value VARCHAR(64),
  changed_at TIMESTAMP DEFAULT now()
);
CREATE INDEX ON ticket_history (ticket_id);
CREATE INDEX ON ticket_history (changed_by);
