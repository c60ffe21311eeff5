// Claims waiting for an admin: disputes, and active claims not yet reviewed; oldest first,
// at most $first.
// @mode read
// @rows many
// @param first: Integer -- at most this many claims
// @column claim: Map -- one claim's fields
MATCH (c:Claim)
WHERE c.status = 'disputed' OR (c.status = 'active' AND NOT c.reviewed)
WITH c ORDER BY c.createdAt, c.id LIMIT $first
RETURN c {.id, .researcherId, .userId, .status, .strength, .level, .reviewed, .createdAt,
          .evidence} AS claim
