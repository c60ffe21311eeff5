// The researchers user $userId follows, newest follow first, as a keyset page:
// $first + 1 rows after the cursor $after {since (epoch milliseconds as text), id}, and the total.
// @mode read
// @rows optional
// @param userId: String -- the follower
// @param after: Map? -- the keyset cursor {since, id}, null for the first page
// @param first: Integer -- the page size
// @column total: Integer -- how many the user follows
// @column page: List<Map> -- up to first + 1 follows after the cursor
MATCH (u:User {id: $userId})
CALL (u) {
  RETURN COUNT { (u)-[:FOLLOWS]->(:Researcher) } AS total
}
CALL (u) {
  MATCH (u)-[f:FOLLOWS]->(r:Researcher)
  WITH f, r, f.since.epochMillis AS since
  WHERE $after IS NULL OR since < toInteger($after.since)
     OR (since = toInteger($after.since) AND r.id > $after.id)
  WITH f, r, since ORDER BY since DESC, r.id ASC LIMIT $first + 1
  RETURN collect({since: f.since, sinceKey: toString(since),
                  researcher: r {.id, .name, .headline, .openToCollaborate,
                                 claimed: EXISTS { (r)<-[:CLAIMED]-(:User) }}}) AS page
}
RETURN total, page
