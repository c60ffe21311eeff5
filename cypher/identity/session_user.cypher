// The user behind a session token's $tokenHash, when the session has not expired at $now.
MATCH (s:Session {id: $tokenHash})<-[:HAS_SESSION]-(u:User)
WHERE s.expiresAt > $now
RETURN u {.id, .email, .displayName, .role, .createdAt} AS user
