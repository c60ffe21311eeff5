// Start proving that user $userId reads mail at $email: store the code's $codeHash until
// $expiresAt. Refused (created = false) once the user started $perHour in the last hour; the
// user's node is locked first so concurrent requests cannot all slip under the limit.
// @mode write
// @rows optional
// @param userId: String -- the user
// @param now: DateTime -- when
// @param perHour: Integer -- verifications a user may start in an hour
// @param id: String -- id for the verification
// @param email: String -- the address to prove
// @param codeHash: String -- hash of the code mailed
// @param expiresAt: DateTime -- when the code expires
// @column created: Boolean -- false when the hourly limit refused it
MATCH (u:User {id: $userId})
SET u.verificationLock = $now
WITH u, COUNT { (u)-[:VERIFIES]->(v:EmailVerification)
                WHERE v.createdAt > $now - duration({hours: 1}) } AS recent
CALL (u, recent) {
  WITH u WHERE recent < $perHour
  CREATE (u)-[:VERIFIES]->(:EmailVerification {
    id: $id, email: $email, codeHash: $codeHash, createdAt: $now, expiresAt: $expiresAt,
    attempts: 0})
}
RETURN recent < $perHour AS created
