// Upsert a batch of sources (journals, repositories, conferences) as Venue nodes, each
// PUBLISHED_BY its host publisher when that is a publisher (P id).
// $rows: maps shaped by service/importer/entities.py source_row; $source, $importedAt as for works.
// @mode write
// @rows one
// @param rows: List<Map> -- source rows
// @param source: String -- where they came from
// @param importedAt: String -- the batch's timestamp (ISO text)
// @column venues: Integer -- venues upserted
UNWIND $rows AS row
MERGE (venue:Venue {id: row.id})
SET venue += row.props, venue.source = $source, venue.sourceId = row.id,
    venue.importedAt = $importedAt
WITH venue, row
CALL (venue, row) {
  UNWIND [x IN [row.publisher] WHERE x IS NOT NULL] AS pub
  MERGE (publisher:Publisher {id: pub.id})
  ON CREATE SET publisher.name = pub.name, publisher.source = $source,
                publisher.sourceId = pub.id, publisher.importedAt = $importedAt
  MERGE (venue)-[:PUBLISHED_BY]->(publisher)
}
RETURN count(venue) AS venues
