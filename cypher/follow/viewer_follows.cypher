// Which of the researchers $ids user $userId follows: one row per followed id.
MATCH (:User {id: $userId})-[:FOLLOWS]->(r:Researcher)
WHERE r.id IN $ids
RETURN r.id AS id
