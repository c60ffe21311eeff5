// Upsert a batch of works with their venues, authorships, institutions, topics and references.
// $rows: maps shaped by service/importer/works.py; $source names where they came from;
// $importedAt is the batch's timestamp. Running it twice with the same rows changes nothing.
// A work that was a citation stub fills in here; references to unknown works become stubs.
UNWIND $rows AS w
MERGE (p:Paper {id: w.id})
SET p += w.props, p.stub = false, p.source = $source, p.sourceId = w.id, p.importedAt = $importedAt
WITH p, w
CALL (p, w) {
  UNWIND w.venues AS v
  MERGE (venue:Venue {id: v.id})
  SET venue.name = v.name, venue.type = v.type, venue.issnL = v.issnL,
      venue.source = $source, venue.sourceId = v.id, venue.importedAt = $importedAt
  MERGE (p)-[rel:PUBLISHED_IN]->(venue)
  SET rel.primary = v.primary
}
CALL (p, w) {
  UNWIND w.authorships AS a
  MERGE (r:Researcher {id: a.authorId})
  ON CREATE SET r.name = a.name, r.source = $source, r.sourceId = a.authorId,
                r.importedAt = $importedAt
  SET r.orcid = coalesce(r.orcid, a.orcid)
  MERGE (r)-[au:AUTHORED]->(p)
  SET au.position = a.position, au.authorPosition = a.authorPosition,
      au.corresponding = a.corresponding, au.rawAuthorName = a.rawAuthorName,
      au.rawAffiliations = a.rawAffiliations,
      au.institutionIds = [i IN a.institutions | i.id]
  WITH r, a
  UNWIND a.institutions AS i
  MERGE (inst:Institution {id: i.id})
  SET inst.name = i.name, inst.ror = coalesce(i.ror, inst.ror),
      inst.countryCode = coalesce(i.countryCode, inst.countryCode),
      inst.type = coalesce(i.type, inst.type),
      inst.source = $source, inst.sourceId = i.id, inst.importedAt = $importedAt
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
  SET topic.name = t.name, topic.level = 'topic',
      topic.source = $source, topic.sourceId = t.id, topic.importedAt = $importedAt
  MERGE (p)-[has:HAS_TOPIC]->(topic)
  SET has.score = t.score
  WITH topic, t
  UNWIND [level IN ['subfield', 'field', 'domain'] WHERE t.levels[level] IS NOT NULL
          | {level: level, id: t.levels[level].id, name: t.levels[level].name}] AS parent
  MERGE (node:Topic {id: parent.id})
  SET node.name = parent.name, node.level = parent.level,
      node.source = $source, node.sourceId = parent.id, node.importedAt = $importedAt
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
  UNWIND w.references AS ref
  MERGE (cited:Paper {id: ref})
  ON CREATE SET cited.stub = true, cited.source = $source, cited.sourceId = ref,
                cited.importedAt = $importedAt
  MERGE (p)-[:CITES]->(cited)
}
RETURN count(p) AS works
