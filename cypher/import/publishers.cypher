// Upsert a batch of publishers, each PART_OF its parent publisher when it has one.
// $rows: maps shaped by service/importer/entities.py publisher_row; $source, $importedAt as
// for works. A parent not imported yet is created with an empty name and fills in later.
// @mode write
// @rows one
// @param rows: List<Map> -- publisher rows
// @param source: String -- where they came from
// @param importedAt: String -- the batch's timestamp (ISO text)
// @column publishers: Integer -- publishers upserted
UNWIND $rows AS row
MERGE (publisher:Publisher {id: row.id})
SET publisher += row.props, publisher.source = $source, publisher.sourceId = row.id,
    publisher.importedAt = $importedAt
WITH publisher, row
CALL (publisher, row) {
  UNWIND [x IN [row.parentId] WHERE x IS NOT NULL AND x <> row.id] AS parentId
  MERGE (parent:Publisher {id: parentId})
  ON CREATE SET parent.name = '', parent.source = $source, parent.sourceId = parentId,
                parent.importedAt = $importedAt
  MERGE (publisher)-[:PART_OF]->(parent)
}
RETURN count(publisher) AS publishers
