// @query duplicate_names
// Data curation: researchers, institutions or venues whose names are equal once case and
// surrounding spaces are ignored but whose ids differ: candidates for merging (or namesakes).
// @param label: String = "Institution" (Researcher|Institution|Venue) -- which kind of record
// @param limit: Int = 50 (1..1000) -- at most this many names, most records first
// @column name: String -- the shared name, lower-cased
// @column records: Int -- how many records carry it
// @column ids: List<String> -- their ids, sorted
// @example {"label": "Institution"}
MATCH (n:Researcher|Institution|Venue)
WHERE $label IN labels(n) AND n.name IS NOT NULL
WITH toLower(trim(n.name)) AS name, collect(n.id) AS found
WHERE size(found) > 1
RETURN name, size(found) AS records, COLLECT { UNWIND found AS id RETURN id ORDER BY id } AS ids
ORDER BY records DESC, name
LIMIT $limit
