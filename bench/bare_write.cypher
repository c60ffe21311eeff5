// The import benchmark's baseline (bench/scale.py): a batch of works with their authorships,
// and nothing else, written the plainest batched way, so the import's works/s has Neo4j's own
// rate on the same machine and schema beside it. $works: [{id, title, year, authors: [ids in
// byline order]}]. CREATE for the works (the database starts empty), MERGE for researchers
// (shared between works) through the researcher_id constraint.
UNWIND $works AS w
CREATE (p:Paper {id: w.id, title: w.title, year: w.year})
WITH p, w
UNWIND range(0, size(w.authors) - 1) AS position
MERGE (r:Researcher {id: w.authors[position]})
CREATE (r)-[:AUTHORED {position: position}]->(p)
