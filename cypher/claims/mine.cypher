// The claims user $userId made, newest first, at most $first.
MATCH (:User {id: $userId})-[:MADE]->(c:Claim)
WITH c ORDER BY c.createdAt DESC, c.id LIMIT $first
RETURN c {.id, .researcherId, .userId, .status, .strength, .level, .reviewed, .createdAt,
          .evidence} AS claim
