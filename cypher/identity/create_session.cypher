// Open a session for $userId: stores only $tokenHash (SHA-256 of the token) and $expiresAt,
// and drops the user's sessions that expired before $now, so they do not pile up.
// @mode write
// @rows optional
// @param userId: String -- the user
// @param now: DateTime -- when
// @param tokenHash: String -- SHA-256 of the session token
// @param expiresAt: DateTime -- when the session ends
// @column expiresAt: DateTime -- when the session ends
MATCH (u:User {id: $userId})
CALL (u) {
  MATCH (u)-[:HAS_SESSION]->(old:Session)
  WHERE old.expiresAt <= $now
  DETACH DELETE old
}
CREATE (u)-[:HAS_SESSION]->(s:Session {id: $tokenHash, createdAt: $now, expiresAt: $expiresAt})
RETURN s.expiresAt AS expiresAt
