// What the summaries (service/importer/summariser.py) read of researchers $ids (those
// summarised and their co-authors), topics $topics and the institutions of those researchers,
// in one row: `people`, [id, name, institution ids] lists (ids that name no researcher are
// left out); `institutions` and `topics`, [id, name] pairs.
// @mode read
// @rows one
// @param ids: List<String> -- researcher ids
// @param topics: List<String> -- topic ids
// @column people: List<List<Any>> -- [id, name, institution ids] per researcher
// @column institutions: List<List<Any>> -- [id, name] per institution
// @column topics: List<List<Any>> -- [id, name] per topic
CALL () {
  UNWIND $ids AS rid
  MATCH (r:Researcher {id: rid})
  RETURN collect([r.id, r.name, COLLECT { MATCH (r)-[:AFFILIATED_WITH]->(i:Institution) RETURN i.id }])
    AS people
}
CALL (people) {
  UNWIND people AS person
  UNWIND person[2] AS iid
  WITH DISTINCT iid
  MATCH (i:Institution {id: iid})
  RETURN collect([i.id, i.name]) AS institutions
}
CALL () {
  UNWIND $topics AS tid
  MATCH (t:Topic {id: tid})
  RETURN collect([t.id, t.name]) AS topics
}
RETURN people, institutions, topics
