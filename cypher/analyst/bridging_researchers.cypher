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
MATCH (r:Researcher)-[:AUTHORED]->(p:Paper)-[:HAS_TOPIC]->(:Topic)-[:PART_OF]->{0,3}(ta)
WITH tb, r, collect(DISTINCT p) AS inA
CALL (r, tb) {
  MATCH (r)-[:AUTHORED]->(q:Paper)-[:HAS_TOPIC]->(:Topic)-[:PART_OF]->{0,3}(tb)
  RETURN collect(DISTINCT q) AS inB
}
WITH r, inA, inB
WHERE size(inB) > 0
WITH r, size(inA) AS worksInA, size(inB) AS worksInB, size([x IN inA WHERE x IN inB]) AS worksInBoth
RETURN r.id AS researcherId, r.name AS name, worksInA, worksInB, worksInBoth
ORDER BY CASE WHEN worksInA < worksInB THEN worksInA ELSE worksInB END DESC,
         worksInBoth DESC, worksInA + worksInB DESC, researcherId
LIMIT $limit
