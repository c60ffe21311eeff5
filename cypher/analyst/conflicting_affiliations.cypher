// @query conflicting_affiliations
// Data curation: researchers affiliated with several institutions in the same year. Often
// real (dual appointments), but also how split or merged author records and duplicated
// institutions show up.
// @param minInstitutions: Int = 2 (2..100) -- flag a year with at least this many institutions
// @param limit: Int = 50 (1..1000) -- at most this many (researcher, year) rows
// @column researcherId: String -- the researcher's id
// @column name: String? -- the researcher's name
// @column year: Int -- the year with several affiliations
// @column institutions: Int -- how many institutions that year
// @column institutionIds: List<String> -- their ids, sorted
// @column institutionNames: List<String> -- their names, in the order of the ids
// @example {"minInstitutions": 2}
MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(i:Institution)
UNWIND a.years AS year
WITH r, year, collect(DISTINCT i) AS found
WHERE size(found) >= $minInstitutions
WITH r, year, COLLECT {
  UNWIND found AS x
  WITH x ORDER BY x.id
  RETURN x
} AS sorted
RETURN r.id AS researcherId, r.name AS name, year, size(sorted) AS institutions,
       [x IN sorted | x.id] AS institutionIds,
       [x IN sorted | coalesce(x.name, x.id)] AS institutionNames
ORDER BY institutions DESC, researcherId, year
LIMIT $limit
