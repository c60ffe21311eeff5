// @query works_without_authors
// Data curation: imported works (not citation stubs) that no researcher authored, usually a
// record whose authorships were missing or all failed to import.
// @param limit: Int = 50 (1..1000) -- at most this many works
// @column paperId: String -- the work's id
// @column title: String? -- its title
// @column year: Int? -- publication year
// @column source: String? -- where it was imported from (openalex, seed, ...)
// @column citedInGraph: Int -- works in this graph citing it
// @example {}
MATCH (p:Paper)
WHERE coalesce(p.stub, false) = false AND NOT EXISTS { (p)<-[:AUTHORED]-(:Researcher) }
RETURN p.id AS paperId, p.title AS title, p.year AS year, p.source AS source,
       COUNT { (p)<-[:CITES]-(:Paper) } AS citedInGraph
ORDER BY paperId
LIMIT $limit
