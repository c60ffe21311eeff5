// Upsert a batch of funders (works link to them with FUNDED_BY).
// $rows: maps shaped by service/importer/entities.py funder_row; $source, $importedAt as for works.
// @mode write
// @rows one
// @param rows: List<Map> -- funder rows
// @param source: String -- where they came from
// @param importedAt: String -- the batch's timestamp (ISO text)
// @column funders: Integer -- funders upserted
UNWIND $rows AS row
MERGE (funder:Funder {id: row.id})
SET funder += row.props, funder.source = $source, funder.sourceId = row.id,
    funder.importedAt = $importedAt
RETURN count(funder) AS funders
