SELECT * FROM posts
WHERE author_id IN (SELECT followee FROM follows WHERE follower = ?)
ORDER BY created_at DESC;
