// Upsert a batch of topic records with their subfield -> field -> domain chain (PART_OF).
// $rows: maps shaped by service/importer/entities.py topic_row (taxonomy ids normalised to
// `subfields/1702` whatever form they came in); $source, $importedAt as for works.
// @mode write
// @rows one
// @param rows: List<Map> -- topic rows
// @param source: String -- where they came from
// @param importedAt: String -- the batch's timestamp (ISO text)
// @column topics: Integer -- topics upserted
UNWIND $rows AS row
MERGE (topic:Topic {id: row.id})
SET topic += row.props, topic.level = 'topic', topic.source = $source, topic.sourceId = row.id,
    topic.importedAt = $importedAt
WITH topic, row
CALL (topic, row) {
  UNWIND [level IN ['subfield', 'field', 'domain'] WHERE row.levels[level] IS NOT NULL
          | {level: level, id: row.levels[level].id, name: row.levels[level].name}] AS parent
  MERGE (node:Topic {id: parent.id})
  ON CREATE SET node.source = $source, node.sourceId = parent.id, node.importedAt = $importedAt
  SET node.name = parent.name, node.level = parent.level
}
CALL (topic, row) {
  UNWIND [x IN [row.levels.subfield] WHERE x IS NOT NULL] AS s
  MATCH (subfield:Topic {id: s.id})
  MERGE (topic)-[:PART_OF]->(subfield)
  WITH subfield
  UNWIND [x IN [row.levels.field] WHERE x IS NOT NULL] AS f
  MATCH (field:Topic {id: f.id})
  MERGE (subfield)-[:PART_OF]->(field)
  WITH field
  UNWIND [x IN [row.levels.domain] WHERE x IS NOT NULL] AS d
  MATCH (domain:Topic {id: d.id})
  MERGE (field)-[:PART_OF]->(domain)
}
RETURN count(topic) AS topics
