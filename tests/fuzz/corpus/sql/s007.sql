CREATE TABLE messages (
    chat_id TEXT,           -- user1_user2 (sorted) or group_id
    message_id BIGINT,      -- Snowflake ID (time-based)
    sender_id BIGINT,
    content TEXT,
    media_url TEXT,
    created_at TIMESTAMP,
    status TINYINT,         -- 0:sent, 1:delivered, 2:read
    PRIMARY KEY (chat_id, message_id)
) WITH CLUSTERING ORDER BY (message_id DESC);
