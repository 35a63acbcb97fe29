> CREATE TABLE user_timeline (
>     user_id BIGINT,
>     tweet_id BIGINT,
>     author_id BIGINT,
>     content TEXT,
>     created_at TIMESTAMP,
>     PRIMARY KEY (user_id, created_at, tweet_id)
> ) WITH CLUSTERING ORDER BY (created_at DESC);
> 