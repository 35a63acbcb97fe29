SELECT p.* FROM posts p
WHERE p.user_id IN (SELECT followee_id FROM follows WHERE follower_id = :me)
ORDER BY p.created_at DESC
LIMIT 20 OFFSET :offset;
