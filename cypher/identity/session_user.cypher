// The user behind a session token's $tokenHash, when the session has not expired at $now.
// @mode read
// @rows optional
// @param tokenHash: String -- SHA-256 of the session token
// @param now: DateTime -- sessions expired before this do not count
// @column user: Map -- id, email, displayName, role, createdAt
MATCH (s:Session {id: $tokenHash})<-[:HAS_SESSION]-(u:User)
WHERE s.expiresAt > $now
RETURN u {.id, .email, .displayName, .role, .createdAt} AS user
