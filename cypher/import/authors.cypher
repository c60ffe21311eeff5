// Upsert a batch of authors as researchers, with alternative names, ORCID and institutions.
// $rows: maps shaped by service/importer/entities.py author_row; $source, $importedAt as for
// works. An author id that was merged (:MergedAuthor) writes onto the surviving researcher,
// without overwriting its names. The record's name is authoritative (nameFromRecord): bylines
// no longer change it. Institutions get AFFILIATED_WITH with the record's years
// (merged with years learned from works) and lastKnown for last_known_institution(s).
// Returns `affiliated`: researchers who gained an institution, whose co-authors' graph slices
// count it (service/importer/summaries.py).
// @mode write
// @rows one
// @param rows: List<Map> -- author rows
// @param source: String -- where they came from
// @param importedAt: String -- the batch's timestamp (ISO text)
// @column authors: Integer -- authors upserted
// @column affiliated: List<String> -- authors that gained an affiliation
UNWIND $rows AS row
OPTIONAL MATCH (alias:MergedAuthor {id: row.id})
WITH row, coalesce(alias.into, row.id) AS rid
MERGE (r:Researcher {id: rid})
ON CREATE SET r.name = row.props.name
SET r += CASE WHEN rid = row.id THEN row.props ELSE {} END,
    r.orcid = coalesce(row.orcid, r.orcid),
    r.source = $source, r.sourceId = rid, r.importedAt = $importedAt
WITH r, row
CALL (r, row) {
  UNWIND row.institutions AS i
  MERGE (inst:Institution {id: i.id})
  ON CREATE SET inst.name = i.name, inst.source = $source, inst.sourceId = i.id,
                inst.importedAt = $importedAt
  SET inst.ror = coalesce(i.ror, inst.ror),
      inst.countryCode = coalesce(i.countryCode, inst.countryCode),
      inst.type = coalesce(i.type, inst.type)
  WITH r, i, inst
  OPTIONAL MATCH (r)-[known:AFFILIATED_WITH]->(inst)
  MERGE (r)-[aff:AFFILIATED_WITH]->(inst)
  WITH aff, i, known
  SET aff.years = reduce(acc = coalesce(aff.years, []), y IN i.years |
                         CASE WHEN y IN acc THEN acc ELSE acc + y END),
      aff.lastKnown = i.lastKnown
  SET aff.lastYear = reduce(last = null, y IN aff.years |
                            CASE WHEN last IS NULL OR y > last THEN y ELSE last END)
  RETURN count(known) < count(aff) AS gained
}
RETURN count(r) AS authors, collect(DISTINCT CASE WHEN gained THEN r.id END) AS affiliated
