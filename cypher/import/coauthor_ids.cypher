// The distinct co-authors of researchers $ids (over all their works), as `ids`. The importer
// refreshes their summaries when a researcher gained an institution (their graph slices count
// co-authors' institutions) or absorbed a merged id (their shared works moved to it).
// @mode read
// @rows one
// @param ids: List<String> -- researcher ids
// @column ids: List<String> -- their distinct co-authors
UNWIND $ids AS rid
MATCH (:Researcher {id: rid})-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(c:Researcher)
RETURN collect(DISTINCT c.id) AS ids
