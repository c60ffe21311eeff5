// @query institution_network
// Which institutions collaborate: pairs of institutions named on the same work's authorships,
// with how many works they share. Built from each authorship's institutions (what the work
// says), not from researchers' affiliations over time.
// @param country: String? = null -- only pairs where both institutions are in this country (ISO code, e.g. CN)
// @param minShared: Int = 1 (1..100000) -- drop pairs sharing fewer works than this
// @param maxPerWork: Int = 50 (2..1000) -- skip works naming more institutions than this (pairs grow quadratically)
// @param limit: Int = 50 (1..1000) -- at most this many pairs, most shared works first
// @column institutionA: String -- id of the first institution (the smaller id)
// @column nameA: String? -- its name
// @column institutionB: String -- id of the second institution
// @column nameB: String? -- its name
// @column sharedWorks: Int -- works naming both
// @column lastYear: Int? -- year of the latest of them
// @example {"minShared": 1}
MATCH (p:Paper)<-[a:AUTHORED]-(:Researcher)
UNWIND a.institutionIds AS institutionId
WITH p, collect(DISTINCT institutionId) AS ids
WHERE 1 < size(ids) <= $maxPerWork
UNWIND ids AS x
UNWIND ids AS y
WITH p, x, y
WHERE x < y
WITH x, y, count(p) AS sharedWorks, max(p.year) AS lastYear
WHERE sharedWorks >= $minShared
MATCH (i:Institution {id: x}), (j:Institution {id: y})
WHERE $country IS NULL OR (i.countryCode = $country AND j.countryCode = $country)
RETURN i.id AS institutionA, i.name AS nameA, j.id AS institutionB, j.name AS nameB,
       sharedWorks, lastYear
ORDER BY sharedWorks DESC, institutionA, institutionB
LIMIT $limit
