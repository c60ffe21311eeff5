// Log out: delete the session whose token hashes to $tokenHash; returns how many went.
// @mode write
// @rows one
// @param tokenHash: String -- SHA-256 of the session token
// @column deleted: Integer -- sessions deleted (0 or 1)
OPTIONAL MATCH (s:Session {id: $tokenHash})
DETACH DELETE s
RETURN count(s) AS deleted
