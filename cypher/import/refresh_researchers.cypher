// Recompute the stored summaries of researchers $ids (ids that name nothing are skipped), so
// profile cards and graph slices read a prolific author's figures instead of walking every
// work and co-author per request (issue 3). Run by the importer for the researchers a run
// touched, and for every researcher by service/importer/summaries.py refresh_all.
// $keepCollaborators: how many collaborators to keep (the API's `first` maximum);
// $keepSlice: how many candidates per node kind to keep (the slice budget minus the center);
// $closeMinShared: the shared works that make a co-author a close collaborator.
// Stored on the Researcher (lists are parallel; Neo4j lists hold no maps or nulls; an empty list
// is stored as no property, as the offline importer, which cannot write one, leaves it):
//   summaryLatestYear: year of the latest work (null when no work has a year)
//   summaryCoauthors: distinct co-authors over all works; summaryTopics: distinct topics
//   summaryTopicIds/Works: topics by works desc, then name
//   summaryCollaboratorIds/Shared/Strength/LastYear: strongest first (strength desc, shared
//     desc, name); LastYear is -1 when no shared work has a year. Strength as in
//     cypher/researcher/cards.cypher: over shared works of 2..200 authors, sum of
//     1/(byline - 1) * 0.8^(summaryLatestYear - year of the work)
//   summarySliceCoauthorIds/Shared: co-authors by shared works (2..200 authors) desc, then name
//   summaryCloseCoauthors: co-authors with at least $closeMinShared of those shared works
//   summarySlicePaperIds: works newest first (a work without a year counts as the latest), title
//   summarySliceInstitutionIds/Members: institutions by how many of those co-authors are
//     affiliated, then name; summarySlicePeople: how many such co-authors there are
// Each part writes its figures as soon as it has them, so no list travels on to the next part:
// Neo4j counts the lists a row carries against every row a later sort buffers, which runs a
// prolific author out of transaction memory. Each ranking sorts rows straight out of an
// aggregation for the same reason.
// Also keeps each AUTHORED's copy of the researcher id and the paper's sortDate in step, which
// the works page reads through the authored_sort index (and fills them in on graphs written
// before that index existed or loaded offline).
UNWIND $ids AS rid
MATCH (r:Researcher {id: rid})
CALL (r) {
  MATCH (r)-[a:AUTHORED]->(p:Paper)
  WHERE a.researcher IS NULL OR a.researcher <> r.id OR a.sortDate IS NULL
     OR a.sortDate <> p.sortDate
  SET a.researcher = r.id, a.sortDate = p.sortDate
}
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)
  WITH max(p.year) AS latest
  SET r.summaryLatestYear = latest
}
WITH r, r.summaryLatestYear AS latest
CALL (r) {
  MATCH (r)-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH count(DISTINCT c) AS coauthors
  SET r.summaryCoauthors = coauthors
}
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)-[:HAS_TOPIC]->(t:Topic)
  WITH t, count(DISTINCT p) AS works ORDER BY works DESC, t.name, t.id
  WITH collect(t.id) AS ids, collect(works) AS works
  SET r.summaryTopics = size(ids),
      r.summaryTopicIds = CASE WHEN ids <> [] THEN ids[0..$keepSlice] END,
      r.summaryTopicWorks = CASE WHEN ids <> [] THEN works[0..$keepSlice] END
}
CALL (r, latest) {
  MATCH (r)-[:AUTHORED]->(p:Paper)
  WITH p, COUNT { (p)<-[:AUTHORED]-(:Researcher) } AS byline
  WHERE 1 < byline <= 200
  MATCH (p)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH c, count(p) AS shared, max(p.year) AS lastYear,
       sum((1.0 / (byline - 1)) * 0.8 ^ (coalesce(latest, 0) - coalesce(p.year, latest, 0)))
         AS strength
  ORDER BY strength DESC, shared DESC, c.name, c.id LIMIT $keepCollaborators
  WITH collect(c.id) AS ids, collect(shared) AS shared, collect(strength) AS strength,
       collect(coalesce(lastYear, -1)) AS lastYear
  SET r.summaryCollaboratorIds = CASE WHEN ids <> [] THEN ids END,
      r.summaryCollaboratorShared = CASE WHEN ids <> [] THEN shared END,
      r.summaryCollaboratorStrength = CASE WHEN ids <> [] THEN strength END,
      r.summaryCollaboratorLastYear = CASE WHEN ids <> [] THEN lastYear END
}
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)
  WHERE COUNT { (p)<-[:AUTHORED]-(:Researcher) } <= 200
  MATCH (p)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH c, count(p) AS shared ORDER BY shared DESC, c.name, c.id
  WITH collect(c.id) AS ids, collect(shared) AS shared
  SET r.summarySlicePeople = size(ids),
      r.summaryCloseCoauthors = size([s IN shared WHERE s >= $closeMinShared]),
      r.summarySliceCoauthorIds = CASE WHEN ids <> [] THEN ids[0..$keepSlice] END,
      r.summarySliceCoauthorShared = CASE WHEN ids <> [] THEN shared[0..$keepSlice] END
}
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)
  WHERE COUNT { (p)<-[:AUTHORED]-(:Researcher) } <= 200
  MATCH (p)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH DISTINCT c
  MATCH (c)-[:AFFILIATED_WITH]->(i:Institution)
  WITH i, count(c) AS members ORDER BY members DESC, i.name, i.id LIMIT $keepSlice
  WITH collect(i.id) AS ids, collect(members) AS members
  SET r.summarySliceInstitutionIds = CASE WHEN ids <> [] THEN ids END,
      r.summarySliceInstitutionMembers = CASE WHEN ids <> [] THEN members END
}
CALL (r, latest) {
  MATCH (r)-[:AUTHORED]->(p:Paper)
  WITH p ORDER BY coalesce(p.year, latest, 0) DESC, p.title, p.id LIMIT $keepSlice
  WITH collect(p.id) AS ids
  SET r.summarySlicePaperIds = CASE WHEN ids <> [] THEN ids END
}
RETURN count(r) AS refreshed
