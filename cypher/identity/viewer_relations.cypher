// How user $userId relates to each of the researchers $ids: whether they follow the record and
// whether they own it (have claimed it). One row per id that exists.
// @mode read
// @rows many
// @param ids: List<String> -- researcher ids
// @param userId: String -- the viewer
// @column id: String -- the researcher
// @column follows: Boolean -- the viewer follows it
// @column owns: Boolean -- the viewer claimed it
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
RETURN r.id AS id,
       EXISTS { (:User {id: $userId})-[:FOLLOWS]->(r) } AS follows,
       EXISTS { (:User {id: $userId})-[:CLAIMED]->(r) } AS owns
