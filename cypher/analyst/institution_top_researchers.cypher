// @query institution_top_researchers
// An institution's most productive researchers: works whose authorship names the institution,
// the citations those works gathered, and the years they span.
// @param institution: String -- the institution's id, e.g. seed:megvii-technology or I4210161504
// @param limit: Int = 20 (1..1000) -- at most this many researchers, most works first
// @column researcherId: String -- the researcher's id
// @column name: String? -- the researcher's name
// @column works: Int -- their works naming this institution
// @column citations: Int -- sum of those works' citation counts (unknown counts as 0)
// @column firstYear: Int? -- year of the earliest of those works
// @column lastYear: Int? -- year of the latest
// @example {"institution": "seed:megvii-technology"}
MATCH (i:Institution {id: $institution})<-[:AFFILIATED_WITH]-(r:Researcher)
MATCH (r)-[a:AUTHORED]->(p:Paper)
WHERE i.id IN a.institutionIds
WITH r, count(p) AS works, sum(coalesce(p.citedByCount, 0)) AS citations,
     min(p.year) AS firstYear, max(p.year) AS lastYear
RETURN r.id AS researcherId, r.name AS name, works, citations, firstYear, lastYear
ORDER BY works DESC, citations DESC, researcherId
LIMIT $limit
