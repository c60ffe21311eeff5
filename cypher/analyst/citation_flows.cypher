// @query citation_flows
// How citations flow between areas: for each citation between two works in this graph, the
// citing work's area and the cited work's area, at one level of the topic hierarchy. Each work
// is placed by its primary (highest-scored) topic, so a citation counts once. Citations of
// stubs (works known only as a reference) are left out: their topics are unknown.
// @param level: String = "field" (topic|subfield|field|domain) -- the hierarchy level
// @param minCitations: Int = 1 (1..1000000) -- drop flows with fewer citations than this
// @param limit: Int = 50 (1..1000) -- at most this many flows, largest first
// @column fromId: String -- the citing area's id
// @column fromName: String? -- its name
// @column toId: String -- the cited area's id
// @column toName: String? -- its name
// @column citations: Int -- citations from works in the first area to works in the second
// @example {"level": "field"}
MATCH (citing:Paper)-[:CITES]->(cited:Paper {stub: false})
CALL (citing) {
  MATCH (citing)-[h:HAS_TOPIC]->(t:Topic)
  RETURN t AS fromTopic ORDER BY h.score DESC, t.id LIMIT 1
}
CALL (cited) {
  MATCH (cited)-[h:HAS_TOPIC]->(t:Topic)
  RETURN t AS toTopic ORDER BY h.score DESC, t.id LIMIT 1
}
MATCH (fromTopic)-[:PART_OF]->{0,3}(fa:Topic {level: $level})
MATCH (toTopic)-[:PART_OF]->{0,3}(fb:Topic {level: $level})
WITH fa, fb, count(*) AS citations
WHERE citations >= $minCitations
RETURN fa.id AS fromId, fa.name AS fromName, fb.id AS toId, fb.name AS toName, citations
ORDER BY citations DESC, fromId, toId
LIMIT $limit
