// After user $userId logged in from address $address with the device whose token hashes to
// $device: clear the failed attempts of the pair throttle $pair (null: none), remember the device
// and the address as known to the account as of $now, and forget those not seen since $since.
MATCH (u:User {id: $userId})
CALL (u) {
  MATCH (u)-[:KNOWS]->(old:KnownClient)
  WHERE old.lastSeen <= $since
  DETACH DELETE old
}
CALL () {
  OPTIONAL MATCH (t:LoginThrottle {key: $pair})
  DELETE t
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
