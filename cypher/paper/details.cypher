// Papers $ids with what their page shows: fields, venue, authors in byline order (at most
// $authorsFirst, with the full count), topics, and the ids of the papers in the graph each
// cites and is cited by (at most $linksFirst each, most cited first, with the full counts).
// Stub papers (cited but never imported) come back with `stub: true` and little else.
// One row per id that exists; ids that name nothing are left out.
// @mode read
// @rows many
// @param ids: List<String> -- paper ids
// @param authorsFirst: Integer -- at most this many authors
// @param linksFirst: Integer -- at most this many citing and cited ids each
// @column item: Map -- the paper's page data
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p {
  .id, .title, .abstract, .year, .type, .doi, .sortDate, .citedByCount, .landingPageUrl,
  .language, .oaUrl, .isOa, .isRetracted, .keywords, stub: coalesce(p.stub, false),
  venue: head(COLLECT { MATCH (p)-[v:PUBLISHED_IN]->(ve:Venue)
                        WITH ve, v ORDER BY v.primary DESC, ve.name RETURN ve.name }),
  authorCount: COUNT { (p)<-[:AUTHORED]-(:Researcher) },
  authors: COLLECT { MATCH (p)<-[a:AUTHORED]-(x:Researcher)
                     WITH x, a ORDER BY a.position LIMIT $authorsFirst
                     RETURN x {.id, .name, .headline, .openToCollaborate,
                               claimed: EXISTS { (x)<-[:CLAIMED]-(:User) }} },
  topics: COLLECT { MATCH (p)-[h:HAS_TOPIC]->(t:Topic)
                    WITH t, h ORDER BY h.score DESC, t.name RETURN t {.id, .name, .level} },
  referenceCount: COUNT { (p)-[:CITES]->() },
  references: COLLECT { MATCH (p)-[:CITES]->(q:Paper) WHERE NOT coalesce(q.stub, false)
                        WITH q ORDER BY coalesce(q.citedByCount, 0) DESC, q.title, q.id
                        LIMIT $linksFirst RETURN q.id },
  citedByCountInGraph: COUNT { (p)<-[:CITES]-() },
  citedBy: COLLECT { MATCH (p)<-[:CITES]-(q:Paper)
                     WITH q ORDER BY coalesce(q.citedByCount, 0) DESC, q.title, q.id
                     LIMIT $linksFirst RETURN q.id }
} AS item
