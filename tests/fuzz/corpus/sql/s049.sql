   CREATE TABLE messages (
       message_id VARCHAR(36) PRIMARY KEY,
       chat_id VARCHAR(36),
       sender_id VARCHAR(36),
       recipient_id VARCHAR(36),
       content TEXT,
       timestamp TIMESTAMP,
       message_status ENUM('sent', 'delivered', 'read')
   );

   -- Index for chat history queries
   CREATE INDEX idx_chat_timestamp ON messages(chat_id, timestamp);
   