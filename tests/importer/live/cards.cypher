// TEST ONLY: the card as computed live before researcher summaries (issue 3), walking every
// work and co-author per request. tests/importer/test_summaries.py checks the summarised
// cypher/researcher/cards.cypher gives exactly what this gives.
// Researcher cards by id or by full-text name search, optionally with the profile's sections.
// $ids: ids to fetch, in order (used when $text is null); $text: a Lucene query over names;
// $first: at most this many rows. $sections: when true each card also carries
// worksPage ($worksFirst + 1 works newest first after the keyset $worksAfter {date, title, id}),
// topicShares ($topicsFirst), collaborators ($collaboratorsFirst strongest co-authors with at
// least $closeMinShared shared works) and coauthors ($coauthorsFirst strongest of any kind).
// Collaborator strength: over shared works, sum of 1/(byline - 1) * 0.8^(years before the
// researcher's latest work); works with more than 200 authors do not count as collaboration.
// trustInputs feed service/trust.py; evidenceStrength and ownerAccountDays come from the
// record's active Claim (see cypher/claims/claim.cypher) and are 0 when it is unclaimed.
CALL () {
  UNWIND range(0, size(coalesce($ids, [])) - 1) AS i
  WITH i WHERE $text IS NULL
  MATCH (r:Researcher {id: $ids[i]})
  RETURN r, toFloat(-i) AS rank
  UNION
  WITH $text AS text WHERE text IS NOT NULL
  CALL db.index.fulltext.queryNodes('researcher_search', text, {limit: $first})
  YIELD node, score
  RETURN node AS r, score AS rank
}
WITH r, rank ORDER BY rank DESC, r.name LIMIT $first
CALL (r) {
  OPTIONAL MATCH (r)-[aff:AFFILIATED_WITH]->(i:Institution)
  WITH i, aff ORDER BY coalesce(aff.lastYear, 0) DESC, coalesce(size(aff.years), 0) DESC, i.name, i.id
  LIMIT 1
  RETURN CASE WHEN i IS NULL THEN null ELSE i {.id, .name, .countryCode} END AS affiliation
}
// Each neighbourhood is expanded once and every figure drawn from that one pass: a prolific
// author's card otherwise re-walks thousands of works per figure (bench/RESULTS-scale.md).
CALL (r) {
  MATCH (r)-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH DISTINCT r, c
  OPTIONAL MATCH (c)<-[:CLAIMED]-(u:User)
  WHERE NOT EXISTS { (u)-[:CLAIMED]->(r) }
  RETURN count(DISTINCT c) AS coauthors, count(DISTINCT u) AS claimedCoauthors
}
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r AND COUNT { (p)<-[:AUTHORED]-(:Researcher) } <= 200
  WITH c, count(p) AS shared WHERE shared >= $closeMinShared
  RETURN count(c) AS closeCoauthors
}
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)-[:HAS_TOPIC]->(t:Topic)
  WITH t, count(DISTINCT p) AS shared ORDER BY shared DESC, t.name, t.id
  RETURN collect({topic: t {.id, .name}, works: shared}) AS topicStats
}
WITH r, rank, affiliation, coauthors, closeCoauthors, claimedCoauthors, topicStats,
     COUNT { (r)-[:AUTHORED]->(:Paper) } AS works,
     COUNT { (r)<-[:FOLLOWS]-(:User) } AS followers,
     size(topicStats) AS topics,
     EXISTS { (r)<-[:CLAIMED]-(:User) } AS claimed,
     head(COLLECT { MATCH (u:User)-[:MADE]->(c:Claim {activeKey: r.id})
                    RETURN {id: c.id, level: c.level, since: c.createdAt, strength: c.strength,
                            vouches: COUNT { (c)<-[:VOUCHED_FOR]-(:User) },
                            accountDays: duration.inDays(u.createdAt, datetime()).days} })
       AS ownership,
     [s IN topicStats[0..2] | s.topic.name] AS topTopics
CALL (r) {
  WITH r WHERE $sections
  MATCH (r)-[:AUTHORED]->(p:Paper)
  WHERE $worksAfter IS NULL OR p.sortDate < $worksAfter.date
     OR (p.sortDate = $worksAfter.date
         AND (p.title > $worksAfter.title OR (p.title = $worksAfter.title AND p.id > $worksAfter.id)))
  WITH p ORDER BY p.sortDate DESC, p.title ASC, p.id ASC LIMIT $worksFirst + 1
  RETURN collect(p {
    .id, .title, .abstract, .year, .type, .doi, .sortDate,
    venue: head(COLLECT { MATCH (p)-[v:PUBLISHED_IN]->(ve:Venue)
                          WITH ve, v ORDER BY v.primary DESC, ve.name RETURN ve.name }),
    authors: COLLECT { MATCH (p)<-[a:AUTHORED]-(x:Researcher)
                       WITH x, a ORDER BY a.position
                       RETURN x {.id, .name, .headline, .openToCollaborate,
                                 claimed: EXISTS { (x)<-[:CLAIMED]-(:User) }} },
    topics: COLLECT { MATCH (p)-[h:HAS_TOPIC]->(t:Topic)
                      WITH t, h ORDER BY h.score DESC, t.name RETURN t {.id, .name} }
  }) AS worksPage
}
CALL (r) {
  WITH r WHERE $sections
  CALL (r) {
    MATCH (r)-[:AUTHORED]->(p:Paper)
    RETURN max(p.year) AS latest
  }
  MATCH (r)-[:AUTHORED]->(p:Paper)
  WITH r, latest, p, COUNT { (p)<-[:AUTHORED]-(:Researcher) } AS byline
  WHERE 1 < byline <= 200
  MATCH (p)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH c, count(p) AS shared, max(p.year) AS lastYear,
       sum((1.0 / (byline - 1)) * 0.8 ^ (coalesce(latest, 0) - coalesce(p.year, latest, 0)))
         AS strength
  ORDER BY strength DESC, shared DESC, c.name, c.id
  WITH collect({
    researcher: c {.id, .name, .headline, .openToCollaborate,
                   claimed: EXISTS { (c)<-[:CLAIMED]-(:User) }},
    sharedWorks: shared, strength: strength, lastYear: lastYear
  }) AS everyone
  RETURN [p IN everyone WHERE p.sharedWorks >= $closeMinShared][0..$collaboratorsFirst]
           AS collaborators,
         everyone[0..$coauthorsFirst] AS coauthorList
}
RETURN r {
  .id, .name, .headline, .orcid,
  collaborationInterests: coalesce(r.collaborationInterests, []),
  openToCollaborate: coalesce(r.openToCollaborate, false),
  verificationLevel: coalesce(r.verificationLevel, CASE WHEN works > 0 THEN 1 ELSE 0 END),
  affiliation: affiliation, claimed: claimed, topTopics: topTopics,
  counts: {works: works, followers: followers, topics: topics, coauthors: coauthors,
           closeCollaborators: closeCoauthors},
  trustInputs: {works: works, claimed: claimed, affiliationKnown: affiliation IS NOT NULL,
                claimedCoauthors: claimedCoauthors,
                evidenceStrength: coalesce(ownership.strength, 0),
                ownerAccountDays: coalesce(ownership.accountDays, 0)},
  activeClaim: CASE WHEN ownership IS NULL THEN null
                    ELSE ownership {.id, .level, .since, .vouches} END,
  worksPage: worksPage,
  topicShares: CASE WHEN $sections THEN topicStats[0..$topicsFirst] ELSE [] END,
  collaborators: collaborators, coauthors: coauthorList
} AS card
