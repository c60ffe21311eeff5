// Upsert a batch of works with their venues, authorships, institutions, topics, funders, references.
// Parameters: flat lists built by service/importer/works.py batch_params ($works, $researchers,
// $institutions, $venues, $topics, $partOf, $funders, $stubs, $authored, $affiliations,
// $hasTopic, $publishedIn, $fundedBy, $cites); $source names where they came from;
// $importedAt is the batch's timestamp. Each part is a plain UNWIND over a flat list, run
// once, which is what keeps a batch fast (per-work nested subqueries were ~20x slower).
// A work's authorships, topics, venues, funders and references are replaced by the record's,
// so re-importing, or importing overlapping pages in any order, gives the same graph. Author
// ids merged into another (:MergedAuthor) resolve to the surviving researcher. A work that
// was a citation stub fills in here; references to unknown works become stubs. A researcher's
// name comes from its author record when one was imported, else the fullest byline spelling.
// Returns the researchers whose summaries (cypher/import/refresh_researchers.cypher) the batch
// changed: `touched`, the authors before and after (a byline change moves shared works), and
// `affiliated`, those who gained an institution (their co-authors' graph slices count it).
// AUTHORED copies its researcher's id and its paper's sortDate for the works page's index.
// replan=skip: every part seeks by a unique id, so the plan made for the first batch stays
// right; without it a growing graph's statistics force costly replans batch after batch.
CYPHER replan=skip
CALL () {
  UNWIND $works AS w
  MATCH (p:Paper {id: w.id})
  CALL (p) {
    MATCH (p)-[old:HAS_TOPIC|PUBLISHED_IN|FUNDED_BY|CITES]->()
    DELETE old
  }
  CALL (p) {
    MATCH (p)<-[old:AUTHORED]-(former:Researcher)
    DELETE old
    RETURN collect(former.id) AS formers
  }
  UNWIND formers AS former
  RETURN collect(DISTINCT former) AS formerAuthors
}
CALL () {
  UNWIND $works AS w
  MERGE (p:Paper {id: w.id})
  SET p += w.props, p.stub = false, p.source = $source, p.sourceId = w.id,
      p.importedAt = $importedAt
}
CALL () {
  UNWIND $researchers AS a
  OPTIONAL MATCH (alias:MergedAuthor {id: a.id})
  WITH a, coalesce(alias.into, a.id) AS rid
  MERGE (r:Researcher {id: rid})
  ON CREATE SET r.name = a.name, r.orcid = a.orcid, r.source = $source, r.sourceId = rid,
                r.importedAt = $importedAt
  ON MATCH SET r.orcid = coalesce(r.orcid, a.orcid)
  // Bylines spell a name differently over time. Without the author record the fuller
  // (longer, then greater) spelling wins, so the name does not depend on import order.
  WITH r, a
  WHERE r.nameFromRecord IS NULL AND a.name <> r.name
    AND (size(a.name) > size(r.name) OR (size(a.name) = size(r.name) AND a.name > r.name))
  SET r.name = a.name
}
CALL () {
  UNWIND $institutions AS i
  MERGE (inst:Institution {id: i.id})
  ON CREATE SET inst.name = i.name, inst.ror = i.ror, inst.countryCode = i.countryCode,
                inst.type = i.type, inst.source = $source, inst.sourceId = i.id,
                inst.importedAt = $importedAt
  ON MATCH SET inst.ror = coalesce(inst.ror, i.ror),
               inst.countryCode = coalesce(inst.countryCode, i.countryCode),
               inst.type = coalesce(inst.type, i.type)
}
CALL () {
  UNWIND $venues AS v
  MERGE (venue:Venue {id: v.id})
  ON CREATE SET venue.name = v.name, venue.type = v.type, venue.issnL = v.issnL,
                venue.source = $source, venue.sourceId = v.id, venue.importedAt = $importedAt
}
CALL () {
  UNWIND $topics AS t
  MERGE (topic:Topic {id: t.id})
  ON CREATE SET topic.name = t.name, topic.level = t.level, topic.source = $source,
                topic.sourceId = t.id, topic.importedAt = $importedAt
}
CALL () {
  UNWIND $funders AS f
  MERGE (funder:Funder {id: f.id})
  ON CREATE SET funder.name = f.name, funder.source = $source, funder.sourceId = f.id,
                funder.importedAt = $importedAt
}
CALL () {
  UNWIND $stubs AS ref
  MERGE (cited:Paper {id: ref})
  ON CREATE SET cited.stub = true, cited.source = $source, cited.sourceId = ref,
                cited.importedAt = $importedAt
}
CALL () {
  UNWIND $partOf AS e
  MATCH (child:Topic {id: e.child}), (parent:Topic {id: e.parent})
  MERGE (child)-[:PART_OF]->(parent)
}
CALL () {
  UNWIND $authored AS a
  OPTIONAL MATCH (alias:MergedAuthor {id: a.author})
  WITH a, coalesce(alias.into, a.author) AS rid
  MATCH (r:Researcher {id: rid}), (p:Paper {id: a.paper})
  MERGE (r)-[au:AUTHORED]->(p)
  ON CREATE SET au += a.props
  SET au.researcher = rid, au.sortDate = p.sortDate
  RETURN collect(DISTINCT rid) AS authors
}
CALL () {
  UNWIND $affiliations AS f
  OPTIONAL MATCH (alias:MergedAuthor {id: f.author})
  WITH f, coalesce(alias.into, f.author) AS rid
  MATCH (r:Researcher {id: rid}), (inst:Institution {id: f.institution})
  OPTIONAL MATCH (r)-[known:AFFILIATED_WITH]->(inst)
  MERGE (r)-[aff:AFFILIATED_WITH]->(inst)
  WITH rid, known, aff, reduce(acc = coalesce(aff.years, []), y IN f.years |
                             CASE WHEN y IN acc THEN acc ELSE acc + y END) AS years
  // No empty list is stored (absent means none), as the bulk path writes it.
  SET aff.years = CASE WHEN size(years) > 0 THEN years END
  SET aff.lastYear = reduce(last = null, y IN aff.years |
                            CASE WHEN last IS NULL OR y > last THEN y ELSE last END)
  RETURN collect(DISTINCT CASE WHEN known IS NULL THEN rid END) AS newlyAffiliated
}
CALL () {
  UNWIND $hasTopic AS h
  MATCH (p:Paper {id: h.paper}), (topic:Topic {id: h.topic})
  CREATE (p)-[:HAS_TOPIC {score: h.score}]->(topic)
}
CALL () {
  UNWIND $publishedIn AS v
  MATCH (p:Paper {id: v.paper}), (venue:Venue {id: v.venue})
  CREATE (p)-[:PUBLISHED_IN {primary: v.primary}]->(venue)
}
CALL () {
  UNWIND $fundedBy AS f
  MATCH (p:Paper {id: f.paper}), (funder:Funder {id: f.funder})
  CREATE (p)-[:FUNDED_BY {awardIds: f.awardIds}]->(funder)
}
CALL () {
  UNWIND $cites AS c
  MATCH (p:Paper {id: c.paper}), (cited:Paper {id: c.ref})
  CREATE (p)-[:CITES]->(cited)
}
RETURN size($works) AS works, formerAuthors + authors AS touched,
       newlyAffiliated AS affiliated
