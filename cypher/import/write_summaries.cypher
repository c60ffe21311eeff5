// Store researcher summaries computed by service/importer/summariser.py: $rows [{id, summary}],
// each summary a map of every `summary*` property (docs/graph-model.md), null for one to remove
// (an empty list is stored as no property, as the offline importer, which cannot write one,
// leaves it). Researchers that no longer exist are skipped.
// @mode write
// @rows one
// @param rows: List<Map> -- {id, summary} per researcher
// @column refreshed: Integer -- researchers updated
UNWIND $rows AS row
MATCH (r:Researcher {id: row.id})
SET r += row.summary
RETURN count(r) AS refreshed
