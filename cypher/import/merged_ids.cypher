// Which of the author ids $ids were merged into another (:MergedAuthor, kept free of chains by
// cypher/import/merged_authors.cypher): `merged`, [id, into] pairs. A batch of works resolves
// its authors through them (service/importer/nodes.py) before anything is written.
// @mode read
// @rows one
// @param ids: List<String> -- author ids
// @column merged: List<List<String>> -- [id, into] for each merged one
UNWIND $ids AS id
MATCH (m:MergedAuthor {id: id})
RETURN collect([m.id, m.into]) AS merged
