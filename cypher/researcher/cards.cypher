// Researcher cards by id or by full-text name search, optionally with the profile's sections.
// $ids: ids to fetch, in order (used when $text is null); $text: a Lucene query over names;
// $first: at most this many rows. $sections: when true each card also carries
// worksPage ($worksFirst + 1 works newest first after the keyset $worksAfter {date, title, id}),
// topicShares ($topicsFirst), collaborators (the $collaboratorsFirst strongest close
// collaborators: co-authors sharing at least $closeMinShared works) and coauthors (the
// $coauthorsFirst strongest co-authors of any kind).
// Collaborator strength (service/collaborators.py): over shared works, sum of 1/(byline - 1) *
// 0.8^(years before the researcher's latest work); works with more than 200 authors do not
// count as collaboration.
// trustInputs feed service/trust.py; evidenceStrength and ownerAccountDays come from the
// record's active Claim (see cypher/claims/claim.cypher) and are 0 when it is unclaimed;
// activeClaim is that claim's public face (id, level, since, vouches), null when unclaimed.
// Cost does not grow with the researcher's works (issue 3): co-author and topic figures and
// the collaborator ranking are read from the summary service/importer/summariser.py computes
// (the importer refreshes it for every researcher a run touches); names, claimed flags
// and everything else about claims and follows are read live. The works page seeks the
// authored_sort index (researcher, sortDate on AUTHORED) in date order instead of sorting
// every work. The stored lists are already in the card's order; they are re-sorted here only
// so a name changed since the last refresh still breaks ties as it would live.
// @mode read
// @rows many
// @param ids: List<String>? -- ids to fetch, in order, when text is null
// @param text: String? -- a Lucene query over names
// @param first: Integer -- at most this many cards
// @param sections: Boolean -- whether cards carry the profile's sections
// @param topicsFirst: Integer -- topic shares per card
// @param worksAfter: Map? -- works page keyset {date, title, id}
// @param worksFirst: Integer -- works per page (one more is read)
// @param closeMinShared: Integer -- shared works that make a close collaborator
// @param collaboratorsFirst: Integer -- close collaborators per card
// @param coauthorsFirst: Integer -- co-authors per card
// @column card: Map<Card> -- the researcher's card (its keys: service/shapes.py, Card)
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
  WITH i, aff
  ORDER BY coalesce(aff.lastYear, 0) DESC, coalesce(size(aff.years), 0) DESC, i.name, i.id LIMIT 1
  RETURN CASE WHEN i IS NULL THEN null ELSE i {.id, .name, .countryCode} END AS affiliation
}
// Claims change without imports, so claimed co-authors are counted live, walking whichever
// side costs less: the researcher's co-authors, or the claimed researchers' works (checking
// each for a work shared with the researcher). The CASE reads the claimed researchers'
// degrees only when there are fewer claims than co-authors.
CALL (r) {
  WITH r, coalesce(r.summaryCoauthors, 0) AS mine
  WITH r, CASE WHEN mine <= COUNT { ()-[:CLAIMED]->() } THEN true
               ELSE mine <= reduce(total = 0, n IN COLLECT {
                      MATCH (:User)-[:CLAIMED]->(c:Researcher)
                      WITH DISTINCT c RETURN COUNT { (c)-[:AUTHORED]->() } AS works } | total + n)
          END AS fromMine
  // Owners, not records: one account owning two co-authors' records counts once, and the
  // record's own owner never counts (service/trust.py, claimed_coauthors).
  CALL (r, fromMine) {
    WITH r WHERE fromMine
    MATCH (r)-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(c:Researcher)<-[:CLAIMED]-(u:User)
    WHERE c <> r AND NOT EXISTS { (u)-[:CLAIMED]->(r) }
    RETURN count(DISTINCT u) AS claimed
    UNION ALL
    WITH r WHERE NOT fromMine
    MATCH (u:User)-[:CLAIMED]->(c:Researcher)
    WITH DISTINCT r, c, u
    WHERE c <> r AND NOT EXISTS { (u)-[:CLAIMED]->(r) } AND EXISTS {
      MATCH (c)-[:AUTHORED]->(p:Paper)
      WHERE EXISTS { (p)<-[:AUTHORED]-(r) }
    }
    RETURN count(DISTINCT u) AS claimed
  }
  RETURN sum(claimed) AS claimedCoauthors
}
CALL (r) {
  WITH r, CASE WHEN $sections THEN $topicsFirst ELSE 0 END AS wanted
  UNWIND range(0, size(coalesce(r.summaryTopicIds, [])) - 1)[0..CASE WHEN wanted > 2 THEN wanted ELSE 2 END]
    AS i
  MATCH (t:Topic {id: r.summaryTopicIds[i]})
  WITH t, r.summaryTopicWorks[i] AS shared ORDER BY shared DESC, t.name, t.id
  RETURN collect({topic: t {.id, .name}, works: shared}) AS topicStats
}
WITH r, rank, affiliation, claimedCoauthors, topicStats,
     // Degree counts: AUTHORED only ever ends at a Paper, FOLLOWS only starts at a User.
     COUNT { (r)-[:AUTHORED]->() } AS works,
     COUNT { (r)<-[:FOLLOWS]-() } AS followers,
     coalesce(r.summaryTopics, 0) AS topics,
     coalesce(r.summaryCoauthors, 0) AS coauthors,
     EXISTS { (r)<-[:CLAIMED]-(:User) } AS claimed,
     head(COLLECT { MATCH (u:User)-[:MADE]->(c:Claim {activeKey: r.id})
                    RETURN {id: c.id, level: c.level, since: c.createdAt, strength: c.strength,
                            vouches: COUNT { (c)<-[:VOUCHED_FOR]-(:User) },
                            accountDays: duration.inDays(u.createdAt, datetime()).days} })
       AS ownership,
     [s IN topicStats[0..2] | s.topic.name] AS topTopics
// The index orders by researcher then date, and the title and id tie-breaks sort only the works
// that share a date at the page's end. '\uffff' sorts after every date (dates are ISO strings).
CALL (r) {
  WITH r WHERE $sections
  MATCH ()-[mine:AUTHORED]->(p:Paper)
  WHERE mine.researcher = r.id AND mine.sortDate <= coalesce($worksAfter.date, '\uffff')
    AND ($worksAfter IS NULL OR mine.sortDate < $worksAfter.date OR p.title > $worksAfter.title
         OR (p.title = $worksAfter.title AND p.id > $worksAfter.id))
  WITH p, mine ORDER BY mine.researcher DESC, mine.sortDate DESC, p.title ASC, p.id ASC
  LIMIT $worksFirst + 1
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
// Both lists come from the one stored ranking (strongest first), each person read once.
CALL (r) {
  WITH r WHERE $sections
  WITH r, range(0, size(coalesce(r.summaryCollaboratorIds, [])) - 1) AS ranked
  WITH r, ranked, [i IN ranked WHERE r.summaryCollaboratorShared[i] >= $closeMinShared]
            [0..$collaboratorsFirst] AS close, ranked[0..$coauthorsFirst] AS anyone
  UNWIND ranked AS i
  WITH r, i, close, anyone WHERE i IN close OR i IN anyone
  MATCH (c:Researcher {id: r.summaryCollaboratorIds[i]})
  WITH c, i IN close AS isClose, i IN anyone AS isAnyone,
       r.summaryCollaboratorShared[i] AS shared, r.summaryCollaboratorStrength[i] AS strength,
       r.summaryCollaboratorLastYear[i] AS lastYear
  ORDER BY strength DESC, shared DESC, c.name, c.id
  WITH collect({close: isClose, anyone: isAnyone, entry: {
    researcher: c {.id, .name, .headline, .openToCollaborate,
                   claimed: EXISTS { (c)<-[:CLAIMED]-(:User) }},
    sharedWorks: shared, strength: strength,
    lastYear: CASE WHEN lastYear < 0 THEN null ELSE lastYear END
  }}) AS people
  RETURN [p IN people WHERE p.close | p.entry] AS collaborators,
         [p IN people WHERE p.anyone | p.entry] AS coauthorList
}
RETURN r {
  .id, .name, .headline, .orcid,
  collaborationInterests: coalesce(r.collaborationInterests, []),
  openToCollaborate: coalesce(r.openToCollaborate, false),
  verificationLevel: coalesce(r.verificationLevel, CASE WHEN works > 0 THEN 1 ELSE 0 END),
  affiliation: affiliation, claimed: claimed, topTopics: topTopics,
  counts: {works: works, followers: followers, topics: topics, coauthors: coauthors,
           closeCollaborators: coalesce(r.summaryCloseCoauthors, 0)},
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
