// Upsert a batch of works with their venues, authorships, institutions, topics, funders, references.
// Parameters: flat lists built by service/importer/works.py batch_params, then resolved and
// merged by service/importer/work_batches.py ($works, $researchers, $institutions, $venues,
// $topics, $partOf, $funders, $stubs, $authored, $affiliations, $hasTopic, $publishedIn,
// $fundedBy, $cites); $source names where they came from; $importedAt is the batch's timestamp.
// Each part is a plain UNWIND over a flat list, run once, which is what keeps a batch fast
// (per-work nested subqueries were ~20x slower).
// A work's authorships, topics, venues, funders and references are replaced by the record's,
// so re-importing, or importing overlapping pages in any order, gives the same graph. A work
// that was a citation stub fills in here; references to unknown works become stubs.
// The shared nodes come merged with their stored versions by service/importer/nodes.py (the
// rules the offline load applies too): author ids are already those of the surviving
// researchers, researchers and institutions carry the properties to set, affiliations the
// united years, and $venues, $topics, $funders only those not stored yet; this query sets what
// it is given.
// Returns `formerAuthors`, the authors of these works before the batch: their summaries
// (service/importer/summaries.py) change with the byline.
// AUTHORED copies its researcher's id and its paper's sortDate for the works page's index.
// replan=skip: every part seeks by a unique id, so the plan made for the first batch stays
// right; without it a growing graph's statistics force costly replans batch after batch.
// @mode write
// @rows one
// @param works: List<Map> -- works {id, props}
// @param source: String -- where they came from
// @param importedAt: String -- the batch's timestamp (ISO text)
// @param researchers: List<Map> -- researchers to set
// @param institutions: List<Map> -- institutions to set
// @param venues: List<Map> -- venues not stored yet
// @param topics: List<Map> -- topics not stored yet
// @param funders: List<Map> -- funders not stored yet
// @param stubs: List<String> -- cited work ids to stub
// @param partOf: List<Map> -- {child, parent} topic edges
// @param authored: List<Map> -- {author, paper, props} authorships
// @param affiliations: List<Map> -- {author, institution, years, lastYear}
// @param hasTopic: List<Map> -- {paper, topic, score}
// @param publishedIn: List<Map> -- {paper, venue, primary}
// @param fundedBy: List<Map> -- {paper, funder, awardIds}
// @param cites: List<Map> -- {paper, ref}
// @column works: Integer -- works in the batch
// @column formerAuthors: List<String> -- the works' authors before the batch
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
  MERGE (r:Researcher {id: a.id})
  ON CREATE SET r.source = $source, r.sourceId = a.id, r.importedAt = $importedAt
  SET r.name = a.name, r.orcid = a.orcid
}
CALL () {
  UNWIND $institutions AS i
  MERGE (inst:Institution {id: i.id})
  ON CREATE SET inst.source = $source, inst.sourceId = i.id, inst.importedAt = $importedAt
  SET inst.name = i.name, inst.ror = i.ror, inst.countryCode = i.countryCode, inst.type = i.type
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
  MATCH (r:Researcher {id: a.author}), (p:Paper {id: a.paper})
  CREATE (r)-[au:AUTHORED]->(p)
  SET au += a.props, au.researcher = a.author, au.sortDate = p.sortDate
}
CALL () {
  UNWIND $affiliations AS f
  MATCH (r:Researcher {id: f.author}), (inst:Institution {id: f.institution})
  MERGE (r)-[aff:AFFILIATED_WITH]->(inst)
  SET aff.years = f.years, aff.lastYear = f.lastYear
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
RETURN size($works) AS works, formerAuthors
