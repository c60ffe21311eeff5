// After user $userId logged in from address $address with the device whose token hashes to
// $device: reset the failed attempts of the pair throttle $pair (null: none), remember the device
// and the address as known to the account as of $now, and forget those not seen since $since.
// @mode write
// @rows optional
// @param userId: String -- the user
// @param since: DateTime -- clients not seen since are forgotten
// @param pair: String? -- the pair throttle to reset, null for none
// @param device: String -- hash of the device token
// @param now: DateTime -- when
// @param address: String -- the client address
// @column id: String -- the user's id
MATCH (u:User {id: $userId})
CALL (u) {
  MATCH (u)-[:KNOWS]->(old:KnownClient)
  WHERE old.lastSeen <= $since
  DETACH DELETE old
}
// Reset, not deleted: a concurrent attempt that already matched the node would otherwise read
// a deleted node's missing properties once it gets the lock. Its delay ends at the epoch, so no
// attempt stamped a moment before this one waits, and the next one counts from 1.
CALL () {
  OPTIONAL MATCH (t:LoginThrottle {key: $pair})
  SET t.attempts = 0, t.waitUntil = datetime({epochSeconds: 0})
}
MERGE (d:KnownClient {key: u.id + '|device|' + $device})
  ON CREATE SET d.kind = 'device'
SET d.lastSeen = $now
MERGE (u)-[:KNOWS]->(d)
MERGE (a:KnownClient {key: u.id + '|address|' + $address})
  ON CREATE SET a.kind = 'address'
SET a.lastSeen = $now
MERGE (u)-[:KNOWS]->(a)
RETURN u.id AS id
