// User $userId stops following researcher $researcherId; unfollowing twice changes nothing.
// Locks the researcher first, like follow, so the two queue in one order.
// No row when either id names nothing.
// @mode write
// @rows optional
// @param userId: String -- the follower
// @param researcherId: String -- the unfollowed record
// @column id: String -- the record's id
MATCH (u:User {id: $userId}), (r:Researcher {id: $researcherId})
SET r.followLock = true
WITH u, r
CALL (u, r) {
  MATCH (u)-[f:FOLLOWS]->(r)
  DELETE f
}
RETURN r.id AS id
