// A researcher's neighbourhood for the graph explorer, ranked and cut to a node budget.
// $center: researcher id; $maxNodes: budget including the center (1..1000);
// $kinds: node kinds to include (RESEARCHER, PAPER, TOPIC, INSTITUTION) or null for all.
// Weights in [0, 1]: papers by recency among the researcher's works, co-authors by the share
// of works in common, topics by the share of works, institutions by the share of the
// researcher's co-authors affiliated (co-authorship counts on works of at most 200 authors).
// Returns no row when the center does not exist.
// Cost does not grow with the researcher's works (issue 3): the candidates of each kind, best
// first, come from the summary cypher/import/refresh_researchers.cypher stores (up to 999 of
// each, all a budget of 1000 can show), and only the first $maxNodes - 1 of each are read.
// Edges are found from the kept papers' side (their authors, topics and citations) and the
// kept researchers' affiliations, never by expanding the center's every work.
MATCH (r:Researcher {id: $center})
WITH r, COUNT { (r)-[:AUTHORED]->() } AS total, r.summaryLatestYear AS latest,
     $maxNodes - 1 AS room
CALL (r, total, latest, room) {
  WITH r WHERE $kinds IS NULL OR 'PAPER' IN $kinds
  UNWIND coalesce(r.summarySlicePaperIds, [])[0..room] AS id
  MATCH (p:Paper {id: id})
  RETURN p AS node, 'PAPER' AS kind, p.title AS label,
         1.0 / (1 + coalesce(latest, 0) - coalesce(p.year, latest, 0)) AS weight
  UNION
  WITH r WHERE $kinds IS NULL OR 'RESEARCHER' IN $kinds
  UNWIND range(0, size(coalesce(r.summarySliceCoauthorIds, [])) - 1)[0..room] AS i
  MATCH (c:Researcher {id: r.summarySliceCoauthorIds[i]})
  RETURN c AS node, 'RESEARCHER' AS kind, c.name AS label,
         toFloat(r.summarySliceCoauthorShared[i]) / total AS weight
  UNION
  WITH r WHERE $kinds IS NULL OR 'TOPIC' IN $kinds
  UNWIND range(0, size(coalesce(r.summaryTopicIds, [])) - 1)[0..room] AS i
  MATCH (t:Topic {id: r.summaryTopicIds[i]})
  RETURN t AS node, 'TOPIC' AS kind, t.name AS label,
         toFloat(r.summaryTopicWorks[i]) / total AS weight
  UNION
  WITH r WHERE $kinds IS NULL OR 'INSTITUTION' IN $kinds
  UNWIND range(0, size(coalesce(r.summarySliceInstitutionIds, [])) - 1)[0..room] AS i
  MATCH (inst:Institution {id: r.summarySliceInstitutionIds[i]})
  RETURN inst AS node, 'INSTITUTION' AS kind, inst.name AS label,
         toFloat(r.summarySliceInstitutionMembers[i]) / r.summarySlicePeople AS weight
}
WITH r, node, kind, label, weight
ORDER BY weight DESC, kind, label, node.id
WITH r, collect({node: node, kind: kind, label: label, weight: weight}) AS ranked
WITH r, ranked[0..$maxNodes - 1] AS kept, size(ranked) > $maxNodes - 1 AS truncated
WITH r, kept, truncated,
     [k IN kept WHERE k.kind = 'PAPER' | k.node] AS papers,
     [r] + [k IN kept WHERE k.kind = 'RESEARCHER' | k.node] AS people,
     [k IN kept WHERE k.kind IN ['TOPIC', 'INSTITUTION'] | k.node] AS others
// AUTHORED, HAS_TOPIC and CITES all touch a paper, AFFILIATED_WITH starts at a researcher:
// the same edges as expanding every kept node, each membership test against one kind's list.
CALL (papers, people, others) {
  CALL (papers, people, others) {
    UNWIND papers AS p
    MATCH (p)-[e:HAS_TOPIC]->(b)
    WHERE b IN others
    RETURN p AS a, e, b
    UNION ALL
    UNWIND papers AS p
    MATCH (p)-[e:CITES]->(b)
    WHERE b IN papers
    RETURN p AS a, e, b
    UNION ALL
    UNWIND papers AS p
    MATCH (a)-[e:AUTHORED]->(p)
    WHERE a IN people
    RETURN a, e, p AS b
    UNION ALL
    UNWIND people AS a
    MATCH (a)-[e:AFFILIATED_WITH]->(b)
    WHERE b IN others
    RETURN a, e, b
  }
  RETURN collect({source: a.id, target: b.id, kind: type(e),
                  weight: CASE type(e) WHEN 'HAS_TOPIC' THEN e.score ELSE null END}) AS edges
}
RETURN r.id AS center,
       [{id: r.id, kind: 'RESEARCHER', label: r.name, weight: 1.0}]
         + [k IN kept | {id: k.node.id, kind: k.kind, label: k.label, weight: k.weight}] AS nodes,
       edges, truncated
