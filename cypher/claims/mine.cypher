// The claims user $userId made, newest first, at most $first.
// @mode read
// @rows many
// @param userId: String -- the claimant
// @param first: Integer -- at most this many claims
// @column claim: Map -- one claim's fields
MATCH (:User {id: $userId})-[:MADE]->(c:Claim)
WITH c ORDER BY c.createdAt DESC, c.id LIMIT $first
RETURN c {.id, .researcherId, .userId, .status, .strength, .level, .reviewed, .createdAt,
          .evidence} AS claim
