// For each of the researchers $ids: the active claim user $userId may vouch for, if any (the
// rule of cypher/claims/vouch.cypher: someone else's active or disputed claim on a record that
// shares a paper with a record $userId owns), and whether they already vouched for it.
// One row per id with such a claim.
// @mode read
// @rows many
// @param ids: List<String> -- researcher ids
// @param userId: String -- the viewer
// @column item: Map -- {id, claimId, vouched} for one record
UNWIND $ids AS id
MATCH (c:Claim {activeKey: id})-[:FOR]->(r:Researcher)
WHERE c.userId <> $userId
  AND EXISTS { (:User {id: $userId})-[:CLAIMED]->(mine:Researcher)-[:AUTHORED]->(:Paper)
               <-[:AUTHORED]-(r) WHERE mine <> r }
RETURN {id: id, claimId: c.id,
        vouched: EXISTS { (:User {id: $userId})-[:VOUCHED_FOR]->(c) }} AS item
