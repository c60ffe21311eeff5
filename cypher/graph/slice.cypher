// The neighbourhood of any node (researcher, paper, topic, institution) for the graph explorer,
// ranked and cut to a node budget; also what expanding a node on screen adds.
// $center: the node's id; $maxNodes: budget including the center (1..1000); $kinds: kinds to
// include, null for all ([] leaves the center alone); $yearFrom/$yearTo: only papers of those
// years (either may be null), and only what connects through them; $exclude: ids already on
// screen, never returned as nodes, but edges between them and the new nodes are.
// Returns no row when no node has the id.
// Candidates, each with a weight in [0, 1] and `via`, the kind a node reaches the center
// through (null for direct neighbours):
//   researcher: papers by recency, co-authors by the share of works in common (via PAPER),
//     topics by the share of works (via PAPER), institutions by the share of co-authors
//     affiliated (via RESEARCHER). Without a year range these come from the summary that
//     service/importer/summariser.py computes (up to 999 of each, best first; only as
//     many of each as the budget can show are read, so cost does not grow with the works);
//     with one, from the researcher's 2,000 most recent works in the range.
//   paper: authors by byline position, topics by score, papers it cites and that cite it by
//     citations, its authorships' institutions (via RESEARCHER).
//   topic: broader and narrower topics, its 500 most cited works, and the researchers with most
//     works among its 2,000 most recent (via PAPER).
//   institution: the 500 researchers most recently affiliated, broader and narrower
//     institutions, and the 500 most cited works those researchers wrote there (via
//     RESEARCHER).
// A kind filter keeps the slice connected: a kept node that reaches the center through a kind
// filtered out, or has no edge at all on the canvas (its link was cut by the budget), gets a
// derived edge to the center, of kind VIA_<kind> (VIA_PAPER: co-authors once papers are hidden).
// Edges are found from each node's low-degree side (a paper's authors, topics and citations;
// a researcher's affiliations; PART_OF upwards), never by expanding a topic's every work.
// @mode read
// @rows optional
// @param center: String -- the center node's id
// @param yearFrom: Integer? -- only papers from this year
// @param yearTo: Integer? -- only papers up to this year
// @param maxNodes: Integer -- node budget including the center
// @param exclude: List<String>? -- ids already on screen, null for none
// @param kinds: List<String>? -- node kinds to include, null for all
// @column center: String -- the center's id
// @column nodes: List<Map> -- the nodes, center first
// @column edges: List<Map> -- the edges among them
// @column truncated: Boolean -- whether the budget cut neighbours
// @column total: Integer -- neighbours before the budget
CALL () {
  MATCH (c:Researcher {id: $center}) RETURN c, 'RESEARCHER' AS centerKind, c.name AS centerLabel
  UNION
  MATCH (c:Paper {id: $center}) RETURN c, 'PAPER' AS centerKind, c.title AS centerLabel
  UNION
  MATCH (c:Topic {id: $center}) RETURN c, 'TOPIC' AS centerKind, c.name AS centerLabel
  UNION
  MATCH (c:Institution {id: $center})
  RETURN c, 'INSTITUTION' AS centerKind, c.name AS centerLabel
}
WITH c, centerKind, centerLabel, $yearFrom IS NOT NULL OR $yearTo IS NOT NULL AS dated,
     coalesce($yearFrom, -100000) AS fromYear, coalesce($yearTo, 100000) AS toYear,
     // The stored lists are best first: no more of each is read than the budget can show.
     // (at least one, so a budget of 1 still says whether it cut anything).
     CASE WHEN $maxNodes > 1 THEN $maxNodes - 1 ELSE 1 END + size(coalesce($exclude, [])) AS room
// One row whatever the candidates (an aggregation without keys), so the center alone comes back
// when nothing passes the filters or the budget is 1.
CALL (c, centerKind, dated, fromYear, toYear, room) {
CALL (c, centerKind, dated, fromYear, toYear, room) {
  // A researcher, no year range: the stored summary.
  WITH * WHERE centerKind = 'RESEARCHER' AND NOT dated
  UNWIND coalesce(c.summarySlicePaperIds, [])[0..room] AS id
  MATCH (p:Paper {id: id})
  WITH p, c.summaryLatestYear AS latest
  RETURN p AS node, 'PAPER' AS kind,
         1.0 / (1 + coalesce(latest, 0) - coalesce(p.year, latest, 0)) AS weight, null AS via
  UNION ALL
  WITH * WHERE centerKind = 'RESEARCHER' AND NOT dated
  WITH *, COUNT { (c)-[:AUTHORED]->() } AS total
  UNWIND range(0, size(coalesce(c.summarySliceCoauthorIds, [])) - 1)[0..room] AS i
  MATCH (x:Researcher {id: c.summarySliceCoauthorIds[i]})
  RETURN x AS node, 'RESEARCHER' AS kind, toFloat(c.summarySliceCoauthorShared[i]) / total AS weight,
         'PAPER' AS via
  UNION ALL
  WITH * WHERE centerKind = 'RESEARCHER' AND NOT dated
  WITH *, COUNT { (c)-[:AUTHORED]->() } AS total
  UNWIND range(0, size(coalesce(c.summaryTopicIds, [])) - 1)[0..room] AS i
  MATCH (t:Topic {id: c.summaryTopicIds[i]})
  RETURN t AS node, 'TOPIC' AS kind, toFloat(c.summaryTopicWorks[i]) / total AS weight,
         'PAPER' AS via
  UNION ALL
  WITH * WHERE centerKind = 'RESEARCHER' AND NOT dated
  UNWIND range(0, size(coalesce(c.summarySliceInstitutionIds, [])) - 1)[0..room] AS i
  MATCH (inst:Institution {id: c.summarySliceInstitutionIds[i]})
  RETURN inst AS node, 'INSTITUTION' AS kind,
         toFloat(c.summarySliceInstitutionMembers[i]) / c.summarySlicePeople AS weight,
         'RESEARCHER' AS via
  UNION ALL
  // A researcher within a year range: live, from the works of those years.
  WITH * WHERE centerKind = 'RESEARCHER' AND dated
  CALL (c, fromYear, toYear) {
    MATCH (c)-[:AUTHORED]->(p:Paper)
    WHERE fromYear <= p.year <= toYear
    WITH p ORDER BY p.year DESC, p.title, p.id LIMIT 2000
    RETURN collect(p) AS works
  }
  WITH c, works, size(works) AS total, reduce(m = 0, p IN works | CASE WHEN p.year > m THEN p.year ELSE m END) AS latest
  CALL (c, works, total, latest) {
    UNWIND works AS p
    RETURN p AS node, 'PAPER' AS kind, 1.0 / (1 + latest - p.year) AS weight, null AS via
    UNION ALL
    UNWIND works AS p
    MATCH (p)<-[:AUTHORED]-(x:Researcher)
    WHERE x <> c AND COUNT { (p)<-[:AUTHORED]-(:Researcher) } <= 200
    WITH x, count(p) AS shared
    RETURN x AS node, 'RESEARCHER' AS kind, toFloat(shared) / total AS weight, 'PAPER' AS via
    UNION ALL
    UNWIND works AS p
    MATCH (p)-[:HAS_TOPIC]->(t:Topic)
    WITH t, count(p) AS shared
    RETURN t AS node, 'TOPIC' AS kind, toFloat(shared) / total AS weight, 'PAPER' AS via
    UNION ALL
    UNWIND works AS p
    MATCH (p)<-[:AUTHORED]-(x:Researcher)
    WHERE COUNT { (p)<-[:AUTHORED]-(:Researcher) } <= 200
    WITH collect(DISTINCT x) AS people
    UNWIND people AS x
    MATCH (x)-[:AFFILIATED_WITH]->(inst:Institution)
    WITH inst, count(DISTINCT x) AS members, size(people) AS everyone
    RETURN inst AS node, 'INSTITUTION' AS kind, toFloat(members) / everyone AS weight,
           'RESEARCHER' AS via
  }
  RETURN node, kind, weight, via
  UNION ALL
  // A paper.
  WITH * WHERE centerKind = 'PAPER'
  MATCH (c)<-[a:AUTHORED]-(x:Researcher)
  WITH x, a ORDER BY a.position LIMIT 200
  RETURN x AS node, 'RESEARCHER' AS kind, 1.0 / (1 + coalesce(a.position, 0)) AS weight,
         null AS via
  UNION ALL
  WITH * WHERE centerKind = 'PAPER'
  MATCH (c)-[h:HAS_TOPIC]->(t:Topic)
  RETURN t AS node, 'TOPIC' AS kind, coalesce(h.score, 0.5) AS weight, null AS via
  UNION ALL
  WITH * WHERE centerKind = 'PAPER'
  CALL (c) {
    MATCH (c)-[:CITES]->(q:Paper) RETURN q
    UNION
    MATCH (c)<-[:CITES]-(q:Paper) RETURN q
  }
  WITH q, fromYear, toYear WHERE NOT coalesce(q.stub, false) AND fromYear <= coalesce(q.year, fromYear) <= toYear
  WITH q ORDER BY coalesce(q.citedByCount, 0) DESC, q.id LIMIT 500
  RETURN q AS node, 'PAPER' AS kind,
         0.3 + 0.5 * (1.0 - 1.0 / (1.0 + log10(1.0 + coalesce(q.citedByCount, 0)))) AS weight,
         null AS via
  UNION ALL
  WITH * WHERE centerKind = 'PAPER'
  MATCH (c)<-[a:AUTHORED]-(:Researcher)
  UNWIND coalesce(a.institutionIds, []) AS iid
  WITH c, iid, count(*) AS authors
  MATCH (inst:Institution {id: iid})
  RETURN inst AS node, 'INSTITUTION' AS kind,
         toFloat(authors) / COUNT { (c)<-[:AUTHORED]-(:Researcher) } AS weight,
         'RESEARCHER' AS via
  UNION ALL
  // A topic.
  WITH * WHERE centerKind = 'TOPIC'
  MATCH path = (c)-[:PART_OF*1..3]->(b:Topic)
  RETURN b AS node, 'TOPIC' AS kind, 0.9 / length(path) AS weight, null AS via
  UNION ALL
  WITH * WHERE centerKind = 'TOPIC'
  MATCH (c)<-[:PART_OF]-(n:Topic)
  WITH n ORDER BY n.name, n.id LIMIT 200
  RETURN n AS node, 'TOPIC' AS kind, 0.6 AS weight, null AS via
  UNION ALL
  WITH * WHERE centerKind = 'TOPIC'
  MATCH (c)<-[h:HAS_TOPIC]-(p:Paper)
  WHERE fromYear <= coalesce(p.year, fromYear) <= toYear
  WITH p, h ORDER BY coalesce(p.citedByCount, 0) DESC, p.id LIMIT 500
  RETURN p AS node, 'PAPER' AS kind, coalesce(h.score, 0.5) * 0.8 AS weight, null AS via
  UNION ALL
  WITH * WHERE centerKind = 'TOPIC'
  CALL (c, fromYear, toYear) {
    MATCH (c)<-[:HAS_TOPIC]-(p:Paper)
    WHERE fromYear <= coalesce(p.year, fromYear) <= toYear
    WITH p ORDER BY p.sortDate DESC LIMIT 2000
    MATCH (p)<-[:AUTHORED]-(x:Researcher)
    WITH x, count(p) AS works ORDER BY works DESC, x.id LIMIT 500
    RETURN collect({x: x, works: works}) AS top
  }
  UNWIND top AS t
  RETURN t.x AS node, 'RESEARCHER' AS kind, toFloat(t.works) / top[0].works * 0.7 AS weight,
         'PAPER' AS via
  UNION ALL
  // An institution.
  WITH * WHERE centerKind = 'INSTITUTION'
  MATCH (c)<-[a:AFFILIATED_WITH]-(x:Researcher)
  WITH x, a ORDER BY coalesce(a.lastYear, 0) DESC, x.id LIMIT 500
  RETURN x AS node, 'RESEARCHER' AS kind,
         0.4 + 0.5 / (1 + date().year - coalesce(a.lastYear, 1900)) AS weight, null AS via
  UNION ALL
  WITH * WHERE centerKind = 'INSTITUTION'
  CALL (c) {
    MATCH (c)-[:PART_OF]->(b:Institution) RETURN b
    UNION
    MATCH (c)<-[:PART_OF]-(b:Institution) RETURN b
  }
  RETURN b AS node, 'INSTITUTION' AS kind, 0.8 AS weight, null AS via
  UNION ALL
  WITH * WHERE centerKind = 'INSTITUTION'
  CALL (c, fromYear, toYear) {
    MATCH (c)<-[m:AFFILIATED_WITH]-(x:Researcher)
    WITH x ORDER BY coalesce(m.lastYear, 0) DESC, x.id LIMIT 500
    MATCH (x)-[a:AUTHORED]->(p:Paper)
    WHERE c.id IN coalesce(a.institutionIds, []) AND fromYear <= coalesce(p.year, fromYear) <= toYear
    WITH DISTINCT p ORDER BY coalesce(p.citedByCount, 0) DESC, p.id LIMIT 500
    RETURN collect(p) AS works
  }
  UNWIND works AS p
  RETURN p AS node, 'PAPER' AS kind,
         0.2 + 0.5 * (1.0 - 1.0 / (1.0 + log10(1.0 + coalesce(p.citedByCount, 0)))) AS weight,
         'RESEARCHER' AS via
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
