// Institutions $ids with what their page shows: identity (country, type, city, ROR, homepage),
// broader institutions (PART_OF), how many researchers in the graph are affiliated, the $first
// of them most recently affiliated (then by works), and the $first most cited works written
// there (an AUTHORED naming the institution) by its 500 most recently affiliated researchers,
// a bounded walk however large the institution. One row per id that exists.
// @mode read
// @rows many
// @param ids: List<String> -- institution ids
// @param first: Integer -- at most this many researchers and works each
// @column item: Map -- the institution's page data
UNWIND $ids AS id
MATCH (i:Institution {id: id})
RETURN i {
  .id, .name, .countryCode, .type, .city, .ror, .homepageUrl, .acronyms, .alternativeNames,
  parents: COLLECT { MATCH (i)-[:PART_OF]->(b:Institution) RETURN b {.id, .name} },
  researcherCount: COUNT { (i)<-[:AFFILIATED_WITH]-(:Researcher) },
  researchers: COLLECT {
    MATCH (i)<-[a:AFFILIATED_WITH]-(r:Researcher)
    WITH r, a, COUNT { (r)-[:AUTHORED]->() } AS works
    ORDER BY coalesce(a.lastYear, 0) DESC, works DESC, r.name, r.id LIMIT $first
    RETURN {researcher: r {.id, .name, .headline, .openToCollaborate,
                           claimed: EXISTS { (r)<-[:CLAIMED]-(:User) }},
            works: works, lastYear: a.lastYear} },
  works: COLLECT {
    MATCH (i)<-[m:AFFILIATED_WITH]-(r:Researcher)
    WITH r ORDER BY coalesce(m.lastYear, 0) DESC, r.id LIMIT 500
    MATCH (r)-[a:AUTHORED]->(p:Paper)
    WHERE i.id IN coalesce(a.institutionIds, [])
    WITH DISTINCT p ORDER BY coalesce(p.citedByCount, 0) DESC, p.sortDate DESC, p.id
    LIMIT $first RETURN p.id }
} AS item
