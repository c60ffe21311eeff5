// @query bridging_researchers
// Researchers who bridge two areas: they have works in both, ranked by the smaller side
// (a true bridge is active in each), then by works touching both areas at once.
// An area is any node of the topic hierarchy: a topic (T10036), subfield (subfields/1702),
// field (fields/17) or domain (domains/3).
// @param a: String -- id of the first area
// @param b: String -- id of the second area
// @param limit: Int = 20 (1..1000) -- at most this many researchers
// @column researcherId: String -- the researcher's id
// @column name: String? -- the researcher's name
// @column worksInA: Int -- their works in area a
// @column worksInB: Int -- their works in area b
// @column worksInBoth: Int -- their works in both areas at once
// @example {"a": "fields/23", "b": "fields/20"}
MATCH (ta:Topic {id: $a}), (tb:Topic {id: $b})
WHERE ta <> tb
CALL (tb) {
  MATCH (tb)<-[:PART_OF]-{0,3}(:Topic)<-[:HAS_TOPIC]-(q:Paper)
  RETURN collect(DISTINCT q) AS inB
}
MATCH (ta)<-[:PART_OF]-{0,3}(:Topic)<-[:HAS_TOPIC]-(p:Paper)
WITH DISTINCT inB, p
MATCH (p)<-[:AUTHORED]-(r:Researcher)
WITH inB, r, collect(p) AS inA
CALL (r, inB) {
  MATCH (r)-[:AUTHORED]->(q:Paper)
  WHERE q IN inB
  RETURN count(q) AS worksInB
}
WITH r, inA, inB, worksInB
WHERE worksInB > 0
WITH r, size(inA) AS worksInA, worksInB, size([x IN inA WHERE x IN inB]) AS worksInBoth
RETURN r.id AS researcherId, r.name AS name, worksInA, worksInB, worksInBoth
ORDER BY CASE WHEN worksInA < worksInB THEN worksInA ELSE worksInB END DESC,
         worksInBoth DESC, worksInA + worksInB DESC, researcherId
LIMIT $limit
