// @query suggested_collaborators
// Suggested collaborators: co-authors of a researcher's co-authors who have not worked with the
// researcher yet, ranked by topics in common, then by how many co-authors they share.
// Works with more than $maxByline authors are skipped (they link nearly everyone).
// @param researcher: String -- the researcher's id
// @param maxByline: Int = 100 (2..10000) -- skip works with more authors than this
// @param limit: Int = 20 (1..1000) -- at most this many suggestions
// @column researcherId: String -- the suggested researcher's id
// @column name: String? -- their name
// @column sharedTopics: Int -- topics both have works on
// @column topicNames: List<String> -- those topics' names, alphabetically
// @column mutualCoauthors: Int -- co-authors of the researcher who also worked with them
// @column via: List<String> -- up to five of those co-authors' names, alphabetically
// @example {"researcher": "seed:shihao-zhou"}
MATCH (r:Researcher {id: $researcher})
CALL (r) {
  MATCH (r)-[:AUTHORED]->(:Paper)-[:HAS_TOPIC]->(t:Topic)
  RETURN collect(DISTINCT t) AS myTopics
}
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r AND COUNT { (p)<-[:AUTHORED]-(:Researcher) } <= $maxByline
  RETURN collect(DISTINCT c) AS coauthors
}
UNWIND coauthors AS c
MATCH (c)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(s:Researcher)
WHERE s <> r AND NOT s IN coauthors AND COUNT { (p)<-[:AUTHORED]-(:Researcher) } <= $maxByline
WITH myTopics, s, collect(DISTINCT c) AS mutual
WITH s, mutual, COLLECT {
  MATCH (s)-[:AUTHORED]->(:Paper)-[:HAS_TOPIC]->(t:Topic)
  WHERE t IN myTopics
  WITH DISTINCT t
  RETURN coalesce(t.name, t.id) AS topicName ORDER BY topicName
} AS topicNames
RETURN s.id AS researcherId, s.name AS name, size(topicNames) AS sharedTopics, topicNames,
       size(mutual) AS mutualCoauthors,
       COLLECT {
         UNWIND mutual AS m
         WITH coalesce(m.name, m.id) AS mutualName ORDER BY mutualName
         RETURN mutualName LIMIT 5
       } AS via
ORDER BY sharedTopics DESC, mutualCoauthors DESC, researcherId
LIMIT $limit
