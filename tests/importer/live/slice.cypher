// TEST ONLY: the slice of a researcher computed live, without the stored summaries (issue 3).
// tests/importer/test_summaries.py checks cypher/graph/slice.cypher gives exactly this for
// researchers (no year range, nothing excluded); the part after the candidates is the same
// text as there.
MATCH (c:Researcher {id: $center})
WITH c, 'RESEARCHER' AS centerKind, c.name AS centerLabel, -100000 AS fromYear, 100000 AS toYear,
     CASE WHEN $maxNodes > 1 THEN $maxNodes - 1 ELSE 1 END + size(coalesce($exclude, [])) AS room
CALL (c, fromYear, toYear, room) {
CALL (c, room) {
  CALL (c) {
    MATCH (c)-[:AUTHORED]->(p:Paper)
    RETURN count(p) AS total, max(p.year) AS latest
  }
  CALL (c, total, latest) {
    MATCH (c)-[:AUTHORED]->(p:Paper)
    RETURN p AS node, 'PAPER' AS kind,
           1.0 / (1 + coalesce(latest, 0) - coalesce(p.year, latest, 0)) AS weight, null AS via
    UNION
    MATCH (c)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(x:Researcher)
    WHERE x <> c AND COUNT { (p)<-[:AUTHORED]-(:Researcher) } <= 200
    WITH x, count(DISTINCT p) AS shared
    RETURN x AS node, 'RESEARCHER' AS kind, toFloat(shared) / total AS weight, 'PAPER' AS via
    UNION
    MATCH (c)-[:AUTHORED]->(p:Paper)-[:HAS_TOPIC]->(t:Topic)
    WITH t, count(DISTINCT p) AS works
    RETURN t AS node, 'TOPIC' AS kind, toFloat(works) / total AS weight, 'PAPER' AS via
    UNION
    CALL (c) {
      MATCH (c)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(x:Researcher)
      WHERE x <> c AND COUNT { (p)<-[:AUTHORED]-(:Researcher) } <= 200
      RETURN collect(DISTINCT x) AS people
    }
    UNWIND people AS person
    MATCH (person)-[:AFFILIATED_WITH]->(i:Institution)
    WITH i, count(DISTINCT person) AS members, size(people) AS everyone
    RETURN i AS node, 'INSTITUTION' AS kind, toFloat(members) / everyone AS weight,
           'RESEARCHER' AS via
  }
  // As the stored lists are read: the best `room` of each kind.
  WITH node, kind, weight, via, room
  ORDER BY weight DESC, CASE kind WHEN 'PAPER' THEN node.title ELSE node.name END, node.id
  WITH kind, room, collect({node: node, weight: weight, via: via}) AS best
  UNWIND best[0..room] AS b
  RETURN b.node AS node, kind, b.weight AS weight, b.via AS via
}
// A node found both directly and through another kind counts as direct.
WITH c, fromYear, toYear, node, kind, max(weight) AS weight,
     CASE WHEN count(*) > size(collect(via)) THEN null ELSE head(collect(via)) END AS via
WHERE node <> c AND ($kinds IS NULL OR kind IN $kinds) AND NOT node.id IN coalesce($exclude, [])
  AND (kind <> 'PAPER' OR fromYear <= coalesce(node.year, fromYear) <= toYear)
WITH node, kind, weight, via, CASE kind WHEN 'PAPER' THEN node.title ELSE node.name END AS label
ORDER BY weight DESC, kind, label, node.id
RETURN collect({node: node, kind: kind, label: label, weight: weight, via: via}) AS ranked
}
WITH c, centerKind, centerLabel, ranked[0..$maxNodes - 1] AS kept, size(ranked) AS total
// Everything the new nodes may connect to: themselves, the center and what is on screen.
CALL () {
  UNWIND coalesce($exclude, []) AS sid
  CALL (sid) {
    MATCH (n:Researcher {id: sid}) RETURN n
    UNION
    MATCH (n:Paper {id: sid}) RETURN n
    UNION
    MATCH (n:Topic {id: sid}) RETURN n
    UNION
    MATCH (n:Institution {id: sid}) RETURN n
  }
  RETURN collect(n) AS shown
}
WITH c, centerKind, centerLabel, kept, total, [c] + [k IN kept | k.node] AS fresh,
     [c] + [k IN kept | k.node] + shown AS present
CALL (fresh, present) {
  CALL (fresh, present) {
    UNWIND [n IN present WHERE n:Paper] AS p
    MATCH (p)-[e:HAS_TOPIC|CITES]->(b)
    WHERE b IN present AND (p IN fresh OR b IN fresh)
    RETURN p AS a, e, b
    UNION ALL
    UNWIND [n IN present WHERE n:Paper] AS p
    MATCH (a:Researcher)-[e:AUTHORED]->(p)
    WHERE a IN present AND (p IN fresh OR a IN fresh)
    RETURN a, e, p AS b
    UNION ALL
    UNWIND [n IN present WHERE n:Researcher] AS a
    MATCH (a)-[e:AFFILIATED_WITH]->(b)
    WHERE b IN present AND (a IN fresh OR b IN fresh)
    RETURN a, e, b
    UNION ALL
    UNWIND [n IN present WHERE n:Topic OR n:Institution] AS a
    MATCH (a)-[e:PART_OF]->(b)
    WHERE b IN present AND (a IN fresh OR b IN fresh)
    RETURN a, e, b
  }
  WITH DISTINCT a, e, b
  RETURN collect({source: a.id, target: b.id, kind: type(e),
                  weight: CASE type(e) WHEN 'HAS_TOPIC' THEN e.score ELSE null END}) AS natural
}
WITH c, centerKind, centerLabel, kept, total, natural,
     [e IN natural | e.source] + [e IN natural | e.target] AS linked
RETURN c.id AS center,
       [{id: c.id, kind: centerKind, label: centerLabel, weight: 1.0, year: c.year,
         citations: c.citedByCount}]
         + [k IN kept | {id: k.node.id, kind: k.kind, label: k.label, weight: k.weight,
                         year: k.node.year, citations: k.node.citedByCount}] AS nodes,
       natural + [k IN kept WHERE k.via IS NOT NULL
                                  AND (NOT coalesce(k.via IN $kinds, true) OR NOT k.node.id IN linked)
                  | {source: c.id, target: k.node.id, kind: 'VIA_' + k.via, weight: k.weight}]
         AS edges,
       total > size(kept) AS truncated, total
