// How user $userId relates to each of the researchers $ids: whether they follow the record and
// whether they own it (have claimed it). One row per id that exists.
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
RETURN r.id AS id,
       EXISTS { (:User {id: $userId})-[:FOLLOWS]->(r) } AS follows,
       EXISTS { (:User {id: $userId})-[:CLAIMED]->(r) } AS owns
