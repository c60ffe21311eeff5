// Upsert a batch of works with their venues, authorships, institutions, topics, funders, references.
// $rows: maps shaped by service/importer/works.py (one per work id); $source names where they
// came from; $importedAt is the batch's timestamp. A work's authorships, topics, venues,
// funders and references are replaced by the record's, so re-importing, or importing
// overlapping pages in any order, gives the same graph. Author ids merged into another
// (:MergedAuthor) resolve to the surviving researcher. A work that was a citation stub fills
// in here; references to unknown works become stubs. Concept rows carry level 'concept'.
UNWIND $rows AS w
MERGE (p:Paper {id: w.id})
SET p += w.props, p.stub = false, p.source = $source, p.sourceId = w.id, p.importedAt = $importedAt
WITH p, w
CALL (p) {
  MATCH (p)<-[old:AUTHORED]-(:Researcher)
  DELETE old
}
CALL (p) {
  MATCH (p)-[old:HAS_TOPIC|PUBLISHED_IN|FUNDED_BY|CITES]->()
  DELETE old
}
CALL (p, w) {
  UNWIND w.venues AS v
  MERGE (venue:Venue {id: v.id})
  ON CREATE SET venue.source = $source, venue.sourceId = v.id, venue.importedAt = $importedAt
  SET venue.name = v.name, venue.type = coalesce(v.type, venue.type),
      venue.issnL = coalesce(v.issnL, venue.issnL)
  CREATE (p)-[:PUBLISHED_IN {primary: v.primary}]->(venue)
}
CALL (p, w) {
  UNWIND w.authorships AS a
  OPTIONAL MATCH (alias:MergedAuthor {id: a.authorId})
  WITH a, coalesce(alias.into, a.authorId) AS rid
  MERGE (r:Researcher {id: rid})
  ON CREATE SET r.name = a.name, r.source = $source, r.sourceId = rid,
                r.importedAt = $importedAt
  SET r.orcid = coalesce(r.orcid, a.orcid)
  MERGE (r)-[au:AUTHORED]->(p)
  ON CREATE SET au.position = a.position, au.authorPosition = a.authorPosition,
      au.corresponding = a.corresponding, au.rawAuthorName = a.rawAuthorName,
      au.rawAffiliations = a.rawAffiliations,
      au.institutionIds = [i IN a.institutions | i.id]
  WITH r, a
  UNWIND a.institutions AS i
  MERGE (inst:Institution {id: i.id})
  ON CREATE SET inst.name = i.name, inst.source = $source, inst.sourceId = i.id,
                inst.importedAt = $importedAt
  SET inst.ror = coalesce(i.ror, inst.ror),
      inst.countryCode = coalesce(i.countryCode, inst.countryCode),
      inst.type = coalesce(i.type, inst.type)
  MERGE (r)-[aff:AFFILIATED_WITH]->(inst)
  WITH aff, p
  SET aff.years = CASE WHEN p.year IS NULL OR p.year IN coalesce(aff.years, [])
                       THEN coalesce(aff.years, []) ELSE coalesce(aff.years, []) + p.year END
  SET aff.lastYear = reduce(last = null, y IN aff.years |
                            CASE WHEN last IS NULL OR y > last THEN y ELSE last END)
}
CALL (p, w) {
  UNWIND w.topics AS t
  MERGE (topic:Topic {id: t.id})
  ON CREATE SET topic.source = $source, topic.sourceId = t.id, topic.importedAt = $importedAt
  SET topic.name = t.name, topic.level = t.level
  CREATE (p)-[:HAS_TOPIC {score: t.score}]->(topic)
  WITH topic, t
  UNWIND [level IN ['subfield', 'field', 'domain'] WHERE t.levels[level] IS NOT NULL
          | {level: level, id: t.levels[level].id, name: t.levels[level].name}] AS parent
  MERGE (node:Topic {id: parent.id})
  ON CREATE SET node.source = $source, node.sourceId = parent.id, node.importedAt = $importedAt
  SET node.name = parent.name, node.level = parent.level
}
CALL (p, w) {
  UNWIND [t IN w.topics WHERE t.levels.subfield IS NOT NULL] AS t
  MATCH (topic:Topic {id: t.id}), (subfield:Topic {id: t.levels.subfield.id})
  MERGE (topic)-[:PART_OF]->(subfield)
  WITH t, subfield
  UNWIND [x IN [t.levels.field] WHERE x IS NOT NULL] AS f
  MATCH (field:Topic {id: f.id})
  MERGE (subfield)-[:PART_OF]->(field)
  WITH t, field
  UNWIND [x IN [t.levels.domain] WHERE x IS NOT NULL] AS d
  MATCH (domain:Topic {id: d.id})
  MERGE (field)-[:PART_OF]->(domain)
}
CALL (p, w) {
  UNWIND w.funders AS f
  MERGE (funder:Funder {id: f.id})
  ON CREATE SET funder.name = f.name, funder.source = $source, funder.sourceId = f.id,
                funder.importedAt = $importedAt
  CREATE (p)-[:FUNDED_BY {awardIds: f.awards}]->(funder)
}
CALL (p, w) {
  UNWIND w.references AS ref
  MERGE (cited:Paper {id: ref})
  ON CREATE SET cited.stub = true, cited.source = $source, cited.sourceId = ref,
                cited.importedAt = $importedAt
  CREATE (p)-[:CITES]->(cited)
}
RETURN count(p) AS works
