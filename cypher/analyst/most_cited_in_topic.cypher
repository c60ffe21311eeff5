// @query most_cited_in_topic
// The most-cited works in an area of the topic hierarchy (topic, subfield, field or domain),
// by the source's citation count, then by citations from works in this graph.
// @param topic: String -- id of the area, e.g. T10036, subfields/2308, fields/23
// @param fromYear: Int = 1000 (1000..2100) -- only works published in or after this year
// @param limit: Int = 20 (1..1000) -- at most this many works
// @column paperId: String -- the work's id
// @column title: String? -- its title
// @column year: Int? -- publication year
// @column citedByCount: Int? -- citations according to the source (OpenAlex), null if unknown
// @column citedInGraph: Int -- works in this graph citing it
// @example {"topic": "fields/23"}
MATCH (t:Topic {id: $topic})
MATCH (p:Paper)-[:HAS_TOPIC]->(:Topic)-[:PART_OF]->{0,3}(t)
WHERE coalesce(p.year, 0) >= $fromYear
WITH DISTINCT p
WITH p, COUNT { (p)<-[:CITES]-(:Paper) } AS citedInGraph
RETURN p.id AS paperId, p.title AS title, p.year AS year, p.citedByCount AS citedByCount,
       citedInGraph
ORDER BY coalesce(p.citedByCount, -1) DESC, citedInGraph DESC, paperId
LIMIT $limit
