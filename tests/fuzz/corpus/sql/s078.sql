CREATE TABLE tickets (
  ticket_id UUID PRIMARY KEY,
  customer_id UUID,
  agent_id UUID,
  subject VARCHAR(200),
  status VARCHAR(20),
  priority VARCHAR(10),
  updated_at TIMESTAMP
);

CREATE TABLE comments (
  comment_id UUID PRIMARY KEY,
  ticket_id UUID,
  author_id UUID,
  body TEXT,
  created_at TIMESTAMP
);

CREATE TABLE users (
  user_id UUID PRIMARY KEY,
  email VARCHAR(255),
  role VARCHAR(10)
);
