// @query venues_by_topic
// Where an area's work gets published: venues (journals, conferences, repositories) ranked by
// how many of the area's works appear there.
// @param topic: String -- id of the area: a topic, subfield, field or domain
// @param primaryOnly: Boolean = false -- count only each work's primary location
// @param limit: Int = 20 (1..1000) -- at most this many venues
// @column venueId: String -- the venue's id
// @column venueName: String? -- its name
// @column venueType: String? -- journal, conference, repository, ...
// @column works: Int -- the area's works published there
// @column firstYear: Int? -- year of the earliest of them
// @column lastYear: Int? -- year of the latest
// @example {"topic": "T10036"}
MATCH (t:Topic {id: $topic})
MATCH (p:Paper)-[:HAS_TOPIC]->(:Topic)-[:PART_OF]->{0,3}(t)
WITH DISTINCT p
MATCH (p)-[pub:PUBLISHED_IN]->(v:Venue)
WHERE NOT $primaryOnly OR pub.primary
WITH v, count(DISTINCT p) AS works, min(p.year) AS firstYear, max(p.year) AS lastYear
RETURN v.id AS venueId, v.name AS venueName, v.type AS venueType, works, firstYear, lastYear
ORDER BY works DESC, venueId
LIMIT $limit
