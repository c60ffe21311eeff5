// The works of researchers $ids as their summaries read them (service/importer/summariser.py),
// each once, in one row (one record a work costs the driver more than the query):
// `works`, [id, year, title, its authors' ids, its topics' ids] lists.
// @mode read
// @rows one
// @param ids: List<String> -- researcher ids
// @column works: List<List<Any>> -- [id, year, title, author ids, topic ids] per work
UNWIND $ids AS rid
MATCH (:Researcher {id: rid})-[:AUTHORED]->(p:Paper)
WITH DISTINCT p
RETURN collect([
  p.id, p.year, p.title,
  COLLECT { MATCH (p)<-[:AUTHORED]-(a:Researcher) RETURN a.id },
  COLLECT { MATCH (p)-[:HAS_TOPIC]->(t:Topic) RETURN DISTINCT t.id }
]) AS works
