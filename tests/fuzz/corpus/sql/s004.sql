-- Main URL table (sharded by short_code hash)
CREATE TABLE url_mappings (
    short_code VARCHAR(10) PRIMARY KEY,
    long_url TEXT NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    expires_at TIMESTAMP,
    user_id UUID,
    click_count BIGINT DEFAULT 0,
    is_custom BOOLEAN DEFAULT FALSE
);

-- Indexes
CREATE INDEX idx_expires_at ON url_mappings(expires_at) 
WHERE expires_at IS NOT NULL;

-- Analytics table (time-series, separate database)
CREATE TABLE click_events (
    event_id BIGSERIAL,
    short_code VARCHAR(10),
    clicked_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    ip_address INET,
    country_code CHAR(2),
    referrer TEXT,
    user_agent TEXT
) PARTITION BY RANGE (clicked_at);
