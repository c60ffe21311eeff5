// User $userId claims record $researcherId with evidence already judged in Python
// ($evidence: JSON text of the accepted pieces, $strength: their points, $level: L2/L3).
// Race-safe: the record's write lock is taken first (SET r.claimLock), so concurrent claims
// run one after another and each sees the owner the one before it committed. The first becomes
// the owner (CLAIMED, an 'active' Claim, r.verificationLevel = $level); a later claim by
// someone else becomes a 'disputed' Claim for admin review, never a takeover. A user who
// already owns the record, or has a dispute open against its owner, gets that claim back
// ('existing'); a dispute left open after the owner released is closed ('superseded') when
// its author then claims the free record.
// The active Claim's activeKey is unique (claim_active_record): a second guard against two
// owners. Every new claim writes an AuditEvent. No row when the record or user is missing.
// @mode write
// @rows optional
// @param researcherId: String -- the record claimed
// @param userId: String -- the claiming user
// @param now: DateTime -- when the claim is made
// @param claimId: String -- id for a new Claim
// @param evidence: String -- JSON text of the accepted evidence
// @param strength: Integer -- the evidence's points
// @param level: Integer -- verification level the evidence earns (2 or 3)
// @param auditId: String -- id for the AuditEvent
// @column outcome: String -- active, disputed or existing
// @column claim: Map -- the claim (id, researcherId, userId, status, strength, level, reviewed, createdAt, evidence)
MATCH (r:Researcher {id: $researcherId}), (u:User {id: $userId})
SET r.claimLock = $now
WITH r, u
WITH r, u, EXISTS { (r)<-[:CLAIMED]-(:User) } AS owned
WITH r, u, owned,
     head(COLLECT { MATCH (u)-[:MADE]->(c:Claim {researcherId: r.id})
                    WHERE c.status = 'active' OR (c.status = 'disputed' AND owned)
                    RETURN c.id }) AS mine
WITH r, u, mine,
     CASE WHEN mine IS NOT NULL THEN 'existing' WHEN owned THEN 'disputed' ELSE 'active' END
       AS outcome
CALL (r, u, outcome) {
  WITH r, u, outcome WHERE outcome <> 'existing'
  CREATE (u)-[:MADE]->(c:Claim {
    id: $claimId, researcherId: r.id, userId: u.id, status: outcome, evidence: $evidence,
    baseStrength: $strength, strength: $strength, level: $level, reviewed: false,
    createdAt: $now, activeKey: CASE WHEN outcome = 'active' THEN r.id END})-[:FOR]->(r)
  CREATE (:AuditEvent {id: $auditId, at: $now, actorId: u.id, action: 'claim',
                       decision: outcome, evidence: $evidence, researcherId: r.id})-[:ABOUT]->(c)
}
CALL (r, u, outcome) {
  WITH r, u, outcome WHERE outcome = 'active'
  CREATE (u)-[:CLAIMED {since: $now, claimId: $claimId}]->(r)
  SET r.verificationLevel = $level
  WITH r, u
  MATCH (u)-[:MADE]->(old:Claim {researcherId: r.id, status: 'disputed'})
  SET old.status = 'superseded', old.closedAt = $now
}
WITH outcome, CASE WHEN outcome = 'existing' THEN mine ELSE $claimId END AS claimId
MATCH (c:Claim {id: claimId})
RETURN outcome, c {.id, .researcherId, .userId, .status, .strength, .level, .reviewed,
                   .createdAt, .evidence} AS claim
