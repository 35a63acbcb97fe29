   CREATE TABLE urls (
       short_url VARCHAR(7) PRIMARY KEY,
       long_url VARCHAR(2048) NOT NULL,
       user_id VARCHAR(36),
       created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
       expires_at TIMESTAMP,
       click_count BIGINT DEFAULT 0,
       INDEX idx_user_id (user_id),
       INDEX idx_created_at (created_at)
   );
   