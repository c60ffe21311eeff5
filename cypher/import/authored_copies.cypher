// Put each AUTHORED's copy of the researcher id and the paper's sortDate in step for
// researchers $ids, which the works page reads through the authored_sort index. The import
// writes them with every authorship; this fills them in on graphs written before that index
// existed (`scholar refresh`, service/importer/summaries.py refresh_all).
// @mode write
// @rows one
// @param ids: List<String> -- researcher ids
// @column updated: Integer -- AUTHORED relationships set
UNWIND $ids AS rid
MATCH (r:Researcher {id: rid})-[a:AUTHORED]->(p:Paper)
WHERE a.researcher IS NULL OR a.researcher <> r.id OR a.sortDate IS NULL
   OR a.sortDate <> p.sortDate
SET a.researcher = r.id, a.sortDate = p.sortDate
RETURN count(a) AS updated
