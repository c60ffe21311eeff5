// TEST ONLY: the slice as computed live before researcher summaries (issue 3).
// tests/importer/test_summaries.py checks cypher/graph/slice.cypher gives exactly this.
// A researcher's neighbourhood for the graph explorer, ranked and cut to a node budget.
// $center: researcher id; $maxNodes: budget including the center (1..1000);
// $kinds: node kinds to include (RESEARCHER, PAPER, TOPIC, INSTITUTION) or null for all.
// Weights in [0, 1]: papers by recency among the researcher's works, co-authors by the share
// of works in common, topics by the share of works, institutions by the share of the
// researcher and co-authors affiliated. Returns no row when the center does not exist.
MATCH (r:Researcher {id: $center})
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)
  RETURN count(p) AS total, max(p.year) AS latest
}
CALL (r, total, latest) {
  MATCH (r)-[:AUTHORED]->(p:Paper)
  RETURN p AS node, 'PAPER' AS kind, p.title AS label,
         1.0 / (1 + coalesce(latest, 0) - coalesce(p.year, latest, 0)) AS weight
  UNION
  MATCH (r)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r AND COUNT { (p)<-[:AUTHORED]-(:Researcher) } <= 200
  WITH c, count(DISTINCT p) AS shared
  RETURN c AS node, 'RESEARCHER' AS kind, c.name AS label, toFloat(shared) / total AS weight
  UNION
  MATCH (r)-[:AUTHORED]->(p:Paper)-[:HAS_TOPIC]->(t:Topic)
  WITH t, count(DISTINCT p) AS works
  RETURN t AS node, 'TOPIC' AS kind, t.name AS label, toFloat(works) / total AS weight
  UNION
  CALL (r) {
    MATCH (r)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(c:Researcher)
    WHERE COUNT { (p)<-[:AUTHORED]-(:Researcher) } <= 200
    RETURN collect(DISTINCT c) AS people
  }
  UNWIND people AS person
  MATCH (person)-[:AFFILIATED_WITH]->(i:Institution)
  WITH i, count(DISTINCT person) AS members, size(people) AS everyone
  RETURN i AS node, 'INSTITUTION' AS kind, i.name AS label,
         toFloat(members) / everyone AS weight
}
WITH r, node, kind, label, weight
WHERE $kinds IS NULL OR kind IN $kinds
WITH r, node, kind, label, weight
ORDER BY weight DESC, kind, label, node.id
WITH r, collect({node: node, kind: kind, label: label, weight: weight}) AS ranked
WITH r, ranked[0..$maxNodes - 1] AS kept, size(ranked) > $maxNodes - 1 AS truncated
WITH r, kept, truncated, [r] + [k IN kept | k.node] AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[e:AUTHORED|HAS_TOPIC|AFFILIATED_WITH|CITES]->(b)
  WHERE b IN nodes
  RETURN collect({source: a.id, target: b.id, kind: type(e),
                  weight: CASE type(e) WHEN 'HAS_TOPIC' THEN e.score ELSE null END}) AS edges
}
RETURN r.id AS center,
       [{id: r.id, kind: 'RESEARCHER', label: r.name, weight: 1.0}]
         + [k IN kept | {id: k.node.id, kind: k.kind, label: k.label, weight: k.weight}] AS nodes,
       edges, truncated
