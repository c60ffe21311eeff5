// Which of the author ids $ids were merged into another (:MergedAuthor, kept free of chains by
// cypher/import/merged_authors.cypher): `merged`, [id, into] pairs. A batch of works resolves
// its authors through them (service/importer/nodes.py) before anything is written.
UNWIND $ids AS id
MATCH (m:MergedAuthor {id: id})
RETURN collect([m.id, m.into]) AS merged
