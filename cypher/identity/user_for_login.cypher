// The account behind a log in attempt for $email, with its password hash (null when there is
// none), and whether the client is known to it: the device whose token hashes to $device, or the
// address $address, seen at a successful log in after $since.
// @mode read
// @rows one
// @param email: String -- the email logging in
// @param device: String? -- hash of the device token, null when the client sent none
// @param since: DateTime -- clients not seen since are unknown
// @param address: String -- the client address
// @column user: Map? -- id, email, displayName, role, createdAt, passwordHash; null when none
// @column knownDevice: Boolean -- the device logged in lately
// @column knownAddress: Boolean -- the address logged in lately
OPTIONAL MATCH (u:User {email: $email})
RETURN u {.id, .email, .displayName, .role, .createdAt, .passwordHash} AS user,
       u IS NOT NULL AND EXISTS {
         MATCH (u)-[:KNOWS]->(k:KnownClient {key: u.id + '|device|' + $device})
         WHERE k.lastSeen > $since } AS knownDevice,
       u IS NOT NULL AND EXISTS {
         MATCH (u)-[:KNOWS]->(k:KnownClient {key: u.id + '|address|' + $address})
         WHERE k.lastSeen > $since } AS knownAddress
