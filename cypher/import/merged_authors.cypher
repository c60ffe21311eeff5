// Apply a batch of author merges: `id` was merged into `into` (snapshot merged_ids/authors).
// $rows: [{id, into, date}]; $source, $importedAt as for works. Records the alias as a
// :MergedAuthor node that later imports resolve through, follows chains (A->B then B->C),
// and folds an existing researcher with the merged id into the survivor: its authorships,
// affiliations, followers and claims move over, then the merged node is deleted, so one
// person never shows as two researchers whichever order merges and works arrive in.
// Returns `around`: the survivors, whose summaries and their co-authors' need refreshing
// (service/importer/summaries.py), since shared works moved to a new id.
// @mode write
// @rows one
// @param rows: List<Map> -- {id, into, date} merges
// @param source: String -- where they came from
// @param importedAt: String -- the batch's timestamp (ISO text)
// @column merges: Integer -- merges recorded
// @column around: List<String> -- the surviving researchers' ids
UNWIND $rows AS m
OPTIONAL MATCH (next:MergedAuthor {id: m.into})
WITH m, coalesce(next.into, m.into) AS into
MERGE (alias:MergedAuthor {id: m.id})
SET alias.into = into, alias.mergedOn = m.date, alias.source = $source, alias.sourceId = m.id,
    alias.importedAt = $importedAt
WITH m, into
CALL (m, into) {
  MATCH (earlier:MergedAuthor {into: m.id})
  SET earlier.into = into
}
CALL (m, into) {
  MATCH (old:Researcher {id: m.id})
  MERGE (survivor:Researcher {id: into})
  ON CREATE SET survivor += old {.*, id: into, sourceId: into}
  SET survivor.orcid = coalesce(survivor.orcid, old.orcid),
      survivor.mergedIds = [x IN coalesce(survivor.mergedIds, []) WHERE x <> m.id] + m.id
  WITH old, survivor
  CALL (old, survivor) {
    MATCH (old)-[a:AUTHORED]->(p:Paper)
    MERGE (survivor)-[b:AUTHORED]->(p)
    ON CREATE SET b += properties(a)
    SET b.researcher = survivor.id
    DELETE a
  }
  CALL (old, survivor) {
    MATCH (old)-[a:AFFILIATED_WITH]->(i:Institution)
    MERGE (survivor)-[b:AFFILIATED_WITH]->(i)
    SET b.years = reduce(acc = coalesce(b.years, []), y IN coalesce(a.years, []) |
                         CASE WHEN y IN acc THEN acc ELSE acc + y END),
        b.lastKnown = coalesce(b.lastKnown, false) OR coalesce(a.lastKnown, false)
    SET b.lastYear = reduce(last = null, y IN b.years |
                            CASE WHEN last IS NULL OR y > last THEN y ELSE last END)
    DELETE a
  }
  CALL (old, survivor) {
    MATCH (u:User)-[f:FOLLOWS]->(old)
    MERGE (u)-[g:FOLLOWS]->(survivor)
    ON CREATE SET g += properties(f)
    DELETE f
  }
  CALL (old, survivor) {
    MATCH (u:User)-[c:CLAIMED]->(old)
    MERGE (u)-[d:CLAIMED]->(survivor)
    ON CREATE SET d += properties(c)
    DELETE c
  }
  DETACH DELETE old
}
RETURN count(*) AS merges, collect(DISTINCT into) AS around
