// Topics $ids with what their page shows: level, description, keywords, the chain of broader
// levels (topic -> subfield -> field -> domain, or a concept's parents), the narrower ones
// (at most $first, by name), how many works in the graph carry the topic, the $first most cited
// of them, and the researchers with most of them.
// Researchers are ranked among the topic's 2,000 most recent works, so a topic with many
// thousands of works costs a bounded walk; `researchersSampled` says how many works were read.
// One row per id that exists.
// @mode read
// @rows many
// @param ids: List<String> -- topic ids
// @param first: Integer -- at most this many narrower topics and works each
// @column item: Map -- the topic's page data
UNWIND $ids AS id
MATCH (t:Topic {id: id})
CALL (t) {
  MATCH (t)<-[:HAS_TOPIC]-(p:Paper)
  WITH p ORDER BY p.sortDate DESC LIMIT 2000
  WITH collect(p) AS recent
  UNWIND recent AS p
  MATCH (p)<-[:AUTHORED]-(r:Researcher)
  WITH recent, r, count(p) AS works ORDER BY works DESC, r.name, r.id LIMIT $first
  RETURN size(head(collect(recent))) AS sampled,
         collect({researcher: r {.id, .name, .headline, .openToCollaborate,
                                 claimed: EXISTS { (r)<-[:CLAIMED]-(:User) }},
                  works: works}) AS researchers
}
RETURN t {
  .id, .name, .level, .description, .keywords,
  broader: COLLECT { MATCH path = (t)-[:PART_OF*1..3]->(b:Topic)
                     WITH b, length(path) AS depth ORDER BY depth, b.name
                     RETURN b {.id, .name, .level} },
  narrowerCount: COUNT { (t)<-[:PART_OF]-(:Topic) },
  narrower: COLLECT { MATCH (t)<-[:PART_OF]-(n:Topic)
                      WITH n ORDER BY n.name, n.id LIMIT $first RETURN n {.id, .name, .level} },
  workCount: COUNT { (t)<-[:HAS_TOPIC]-(:Paper) },
  works: COLLECT { MATCH (t)<-[:HAS_TOPIC]-(p:Paper)
                   WITH p ORDER BY coalesce(p.citedByCount, 0) DESC, p.sortDate DESC, p.id
                   LIMIT $first RETURN p.id },
  researchers: researchers, researchersSampled: sampled
} AS item
