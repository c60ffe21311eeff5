// User $userId follows researcher $researcherId; following twice changes nothing.
// The user's node is locked (SET u.followLock) before MERGE looks for the relationship, so
// concurrent calls by one user run one at a time and can never create two FOLLOWS.
// No row when either id names nothing.
MATCH (u:User {id: $userId}), (r:Researcher {id: $researcherId})
SET u.followLock = $now
WITH u, r
MERGE (u)-[f:FOLLOWS]->(r)
  ON CREATE SET f.since = $now
RETURN r.id AS id
