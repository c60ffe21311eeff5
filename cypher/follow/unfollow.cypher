// User $userId stops following researcher $researcherId; unfollowing twice changes nothing.
// Locks the user's node first, like follow, so the two serialise per user.
// No row when either id names nothing.
MATCH (u:User {id: $userId}), (r:Researcher {id: $researcherId})
SET u.followLock = $now
WITH u, r
CALL (u, r) {
  MATCH (u)-[f:FOLLOWS]->(r)
  DELETE f
}
RETURN r.id AS id
