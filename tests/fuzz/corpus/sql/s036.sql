-- Instead of: "You need proper foreign keys"
-- Show them:
documents (
  id UUID PRIMARY KEY,
  user_id UUID REFERENCES users(id),  -- ← This is how you link them
  s3_path VARCHAR(500),
  created_at TIMESTAMP
)
