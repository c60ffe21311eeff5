// @query coauthor_network
// A researcher's co-authors and how strong each tie is: shared works, the strength the profile
// shows (the same rule: each shared work adds 1/(authors - 1), times 0.8 for each
// year it lies before the researcher's latest work) and the year of the latest one.
// Works with more than $maxByline authors are skipped: a 3000-author paper says little about
// who actually works together (the profile skips those of more than 200: maxByline 200
// gives its figures).
// @param researcher: String -- the researcher's id, e.g. seed:borui-zhao or A5003862560
// @param maxByline: Int = 100 (2..10000) -- skip works with more authors than this
// @param limit: Int = 25 (1..1000) -- at most this many co-authors, strongest first
// @column coauthorId: String -- the co-author's id
// @column coauthorName: String? -- the co-author's name
// @column sharedWorks: Int -- works both of them authored
// @column strength: Float -- sum over shared works of 1/(authors - 1) * 0.8^(years before the
//   researcher's latest work), rounded to 4 places
// @column lastYear: Int? -- year of the latest shared work
// @example {"researcher": "seed:borui-zhao"}
MATCH (r:Researcher {id: $researcher})
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)
  RETURN coalesce(max(p.year), 0) AS latest
}
MATCH (r)-[:AUTHORED]->(p:Paper)
WITH r, latest, p, COUNT { (p)<-[:AUTHORED]-(:Researcher) } AS byline
WHERE byline <= $maxByline
MATCH (p)<-[:AUTHORED]-(c:Researcher)
WHERE c <> r
WITH c, count(p) AS sharedWorks,
     sum((1.0 / (byline - 1)) * 0.8 ^ (latest - coalesce(p.year, latest))) AS strength,
     max(p.year) AS lastYear
RETURN c.id AS coauthorId, c.name AS coauthorName, sharedWorks,
       round(strength, 4) AS strength, lastYear
ORDER BY strength DESC, sharedWorks DESC, coauthorId
LIMIT $limit
