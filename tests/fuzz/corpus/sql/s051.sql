   -- Users table
   CREATE TABLE users (
       user_id VARCHAR(36) PRIMARY KEY,
       email VARCHAR(255) UNIQUE,
       subscription_type ENUM('basic', 'standard', 'premium'),
       created_at TIMESTAMP
   );

   -- Videos table
   CREATE TABLE videos (
       video_id VARCHAR(36) PRIMARY KEY,
       title VARCHAR(255),
       description TEXT,
       duration_minutes INT,
       release_date DATE,
       genre VARCHAR(100),
       rating VARCHAR(10)
   );

   -- Video files table
   CREATE TABLE video_files (
       file_id VARCHAR(36) PRIMARY KEY,
       video_id VARCHAR(36),
       quality ENUM('480p', '720p', '1080p', '4K'),
       file_url VARCHAR(500),
       file_size_mb INT,
       FOREIGN KEY (video_id) REFERENCES videos(video_id)
   );

   -- Watch history
   CREATE TABLE watch_history (
       user_id VARCHAR(36),
       video_id VARCHAR(36),
       watched_at TIMESTAMP,
       watch_duration_minutes INT,
       PRIMARY KEY (user_id, video_id, watched_at)
   );
   