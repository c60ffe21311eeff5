// @query rising_topics
// Areas growing fastest: works in the last $window years up to $endYear against the $window
// years before that, at one level of the topic hierarchy.
// @param endYear: Int = 2025 (1000..2100) -- last year of the recent window
// @param window: Int = 3 (1..50) -- length of each window in years
// @param level: String = "topic" (topic|subfield|field|domain) -- the hierarchy level
// @param minRecent: Int = 1 (1..100000) -- ignore areas with fewer recent works than this
// @param limit: Int = 20 (1..1000) -- at most this many areas, largest growth first
// @column topicId: String -- the area's id
// @column topicName: String? -- the area's name
// @column recent: Int -- works in (endYear - window, endYear]
// @column previous: Int -- works in (endYear - 2 * window, endYear - window]
// @column growth: Int -- recent - previous
// @column ratio: Float? -- recent / previous, null when there were none before
// @example {"endYear": 2009, "window": 3, "level": "field"}
MATCH (t:Topic {level: $level})
CALL (t) {
  MATCH (p:Paper)-[:HAS_TOPIC]->(:Topic)-[:PART_OF]->{0,3}(t)
  WHERE $endYear - 2 * $window < p.year <= $endYear
  WITH DISTINCT p
  RETURN count(CASE WHEN p.year > $endYear - $window THEN 1 END) AS recent,
         count(CASE WHEN p.year <= $endYear - $window THEN 1 END) AS previous
}
WITH t, recent, previous
WHERE recent >= $minRecent
RETURN t.id AS topicId, t.name AS topicName, recent, previous, recent - previous AS growth,
       CASE WHEN previous = 0 THEN null ELSE round(toFloat(recent) / previous, 3) END AS ratio
ORDER BY growth DESC, recent DESC, topicId
LIMIT $limit
