// Search researchers, papers, topics and institutions by name or title for the search box.
// $query: a Lucene query over accent-folded words (built by service/search.py: each word
// exact, as a prefix, or within an edit or two); $kinds: node kinds to search, null for all;
// $first: at most this many hits in all. Each kind asks its own full-text index (all use the
// `standard-folding` analyzer, so "Bórui" and "Borui" index alike) for $first hits; the hits
// are ranked together by score, a researcher's works, a paper's citations and a topic's or
// institution's size breaking near-ties, so a famous namesake comes before an obscure one.
// @mode read
// @rows many
// @param kinds: List<String>? -- node kinds to search, null for all
// @param query: String -- the Lucene query
// @param first: Integer -- at most this many hits
// @column id: String -- the node's id
// @column kind: String -- its kind
// @column label: String -- what to show
// @column detail: String? -- a second line
// @column score: Float -- the hit's score
CALL () {
  WITH 1 AS go WHERE $kinds IS NULL OR 'RESEARCHER' IN $kinds
  CALL db.index.fulltext.queryNodes('researcher_search', $query, {limit: $first})
  YIELD node, score
  WITH node, score, COUNT { (node)-[:AUTHORED]->() } AS weight
  RETURN node.id AS id, 'RESEARCHER' AS kind, node.name AS label, score, weight,
         head(COLLECT { MATCH (node)-[a:AFFILIATED_WITH]->(i:Institution)
                        WITH i, a ORDER BY coalesce(a.lastYear, 0) DESC, i.name
                        RETURN i.name }) AS detail
  UNION ALL
  WITH 1 AS go WHERE $kinds IS NULL OR 'PAPER' IN $kinds
  CALL db.index.fulltext.queryNodes('paper_search', $query, {limit: $first})
  YIELD node, score
  RETURN node.id AS id, 'PAPER' AS kind, node.title AS label, score,
         coalesce(node.citedByCount, 0) AS weight,
         toString(node.year) AS detail
  UNION ALL
  WITH 1 AS go WHERE $kinds IS NULL OR 'TOPIC' IN $kinds
  CALL db.index.fulltext.queryNodes('topic_search', $query, {limit: $first})
  YIELD node, score
  RETURN node.id AS id, 'TOPIC' AS kind, node.name AS label, score,
         COUNT { (node)<-[:HAS_TOPIC]-() } AS weight, node.level AS detail
  UNION ALL
  WITH 1 AS go WHERE $kinds IS NULL OR 'INSTITUTION' IN $kinds
  CALL db.index.fulltext.queryNodes('institution_search', $query, {limit: $first})
  YIELD node, score
  RETURN node.id AS id, 'INSTITUTION' AS kind, node.name AS label, score,
         COUNT { (node)<-[:AFFILIATED_WITH]-() } AS weight, node.countryCode AS detail
}
WITH id, kind, label, detail, score, weight
ORDER BY score * (1.0 + log10(1.0 + weight) / 10.0) DESC, label, id
LIMIT $first
RETURN id, kind, coalesce(label, id) AS label, detail, score
