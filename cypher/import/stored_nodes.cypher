// The stored versions of the nodes a batch of works shares with the graph, which
// service/importer/nodes.py merges the batch into: researchers $researchers (ids after merges)
// with name, ORCID and whether an author record gave the name (`fromRecord`); institutions
// $institutions with the properties works fill in; which of $venues, $topics and $funders
// exist; and the years of the affiliations $affiliations ([{author, institution}]).
// @mode read
// @rows one
// @param researchers: List<String> -- researcher ids
// @param institutions: List<String> -- institution ids
// @param venues: List<String> -- venue ids
// @param topics: List<String> -- topic ids
// @param funders: List<String> -- funder ids
// @param affiliations: List<Map> -- {author, institution} pairs
// @column researchers: List<Map> -- stored researchers' merge inputs
// @column institutions: List<Map> -- stored institutions' merge inputs
// @column venues: List<String> -- venue ids already stored
// @column topics: List<String> -- topic ids already stored
// @column funders: List<String> -- funder ids already stored
// @column affiliations: List<Map> -- stored affiliation years
RETURN
  COLLECT {
    UNWIND $researchers AS id
    MATCH (r:Researcher {id: id})
    RETURN r {.id, .name, .orcid, fromRecord: r.nameFromRecord IS NOT NULL}
  } AS researchers,
  COLLECT {
    UNWIND $institutions AS id
    MATCH (i:Institution {id: id})
    RETURN i {.id, .name, .ror, .countryCode, .type}
  } AS institutions,
  COLLECT { UNWIND $venues AS id MATCH (v:Venue {id: id}) RETURN v.id } AS venues,
  COLLECT { UNWIND $topics AS id MATCH (t:Topic {id: id}) RETURN t.id } AS topics,
  COLLECT { UNWIND $funders AS id MATCH (f:Funder {id: id}) RETURN f.id } AS funders,
  COLLECT {
    UNWIND $affiliations AS f
    MATCH (:Researcher {id: f.author})-[a:AFFILIATED_WITH]->(:Institution {id: f.institution})
    RETURN {author: f.author, institution: f.institution, years: a.years}
  } AS affiliations
