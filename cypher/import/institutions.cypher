// Upsert a batch of institutions: ROR, country, type, names, and PART_OF their lineage parents.
// $rows: maps shaped by service/importer/entities.py institution_row; $source, $importedAt as
// for works. A parent not imported yet is created with an empty name and fills in later.
// @mode write
// @rows one
// @param rows: List<Map> -- institution rows
// @param source: String -- where they came from
// @param importedAt: String -- the batch's timestamp (ISO text)
// @column institutions: Integer -- institutions upserted
UNWIND $rows AS row
MERGE (inst:Institution {id: row.id})
SET inst += row.props, inst.source = $source, inst.sourceId = row.id, inst.importedAt = $importedAt
WITH inst, row
CALL (inst, row) {
  UNWIND row.parents AS parentId
  MERGE (parent:Institution {id: parentId})
  ON CREATE SET parent.name = '', parent.source = $source, parent.sourceId = parentId,
                parent.importedAt = $importedAt
  MERGE (inst)-[:PART_OF]->(parent)
}
RETURN count(inst) AS institutions
