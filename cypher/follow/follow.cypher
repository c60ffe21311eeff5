// User $userId follows researcher $researcherId; following twice changes nothing.
// The researcher's node is locked first (SET r.followLock): every FOLLOWS change on a record
// needs its lock anyway, and taking it before MERGE looks makes concurrent calls queue in one
// order (no deadlock retries) and lets MERGE see the previous call's commit, so one user can
// never follow twice. No row when either id names nothing.
// @mode write
// @rows optional
// @param userId: String -- the follower
// @param researcherId: String -- the followed record
// @param now: DateTime -- when
// @column id: String -- the followed record's id
MATCH (u:User {id: $userId}), (r:Researcher {id: $researcherId})
SET r.followLock = true
WITH u, r
MERGE (u)-[f:FOLLOWS]->(r)
  ON CREATE SET f.since = $now
RETURN r.id AS id
