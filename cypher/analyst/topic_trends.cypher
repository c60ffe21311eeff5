// @query topic_trends
// Works per year for the most active topics at one level of the topic hierarchy (topic,
// subfield, field or domain) within a window of years: which research areas grow or fade.
// A work counts once per area even when several of its topics fall under it.
// @param level: String = "field" (topic|subfield|field|domain) -- the hierarchy level to count at
// @param fromYear: Int = 1900 (1000..2100) -- first year counted
// @param toYear: Int = 2100 (1000..2100) -- last year counted
// @param topics: Int = 10 (1..100) -- how many areas, the most active in the window first
// @param limit: Int = 500 (1..5000) -- at most this many (area, year) rows
// @column topicId: String -- the area's id, e.g. fields/17
// @column topicName: String? -- the area's name
// @column year: Int -- publication year
// @column works: Int -- works in this area published that year
// @column totalWorks: Int -- works in this area over the whole window
// @example {"level": "field", "fromYear": 2000, "toYear": 2022}
MATCH (t:Topic {level: $level})
CALL (t) {
  MATCH (p:Paper)-[:HAS_TOPIC]->(:Topic)-[:PART_OF]->{0,3}(t)
  WHERE $fromYear <= p.year <= $toYear
  RETURN DISTINCT p
}
WITH t, p.year AS year, count(p) AS works
ORDER BY year
WITH t, collect({year: year, works: works}) AS byYear, sum(works) AS totalWorks
ORDER BY totalWorks DESC, t.id
LIMIT $topics
UNWIND byYear AS y
RETURN t.id AS topicId, t.name AS topicName, y.year AS year, y.works AS works, totalWorks
ORDER BY totalWorks DESC, topicId, year
LIMIT $limit
