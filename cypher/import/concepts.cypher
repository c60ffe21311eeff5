// Upsert a batch of (deprecated) OpenAlex concepts as Topic nodes with level 'concept',
// PART_OF their ancestors one level up. Works use concepts only when they have no topics.
// $rows: maps shaped by service/importer/entities.py concept_row; $source, $importedAt as for works.
// @mode write
// @rows one
// @param rows: List<Map> -- concept rows
// @param source: String -- where they came from
// @param importedAt: String -- the batch's timestamp (ISO text)
// @column concepts: Integer -- concepts upserted
UNWIND $rows AS row
MERGE (concept:Topic {id: row.id})
SET concept += row.props, concept.level = 'concept', concept.source = $source,
    concept.sourceId = row.id, concept.importedAt = $importedAt
WITH concept, row
CALL (concept, row) {
  UNWIND row.parents AS parent
  MERGE (up:Topic {id: parent.id})
  ON CREATE SET up.name = parent.name, up.level = 'concept', up.source = $source,
                up.sourceId = parent.id, up.importedAt = $importedAt
  MERGE (concept)-[:PART_OF]->(up)
}
RETURN count(concept) AS concepts
