// The owner $userId releases record $researcherId: CLAIMED goes, the active Claim becomes
// 'released', and the record's level, openness and interests return to the unclaimed state.
// Locks the record like claim.cypher. No row when $userId does not own the record.
// @mode write
// @rows optional
// @param researcherId: String -- the record released
// @param userId: String -- its owner
// @param now: DateTime -- when
// @param auditId: String -- id for the AuditEvent
// @column claim: Map -- the released claim's fields
MATCH (r:Researcher {id: $researcherId})<-[owned:CLAIMED]-(u:User {id: $userId})
SET r.claimLock = $now
WITH r, owned, u
MATCH (c:Claim {activeKey: r.id})
SET c.status = 'released', c.releasedAt = $now
REMOVE c.activeKey, r.verificationLevel, r.openToCollaborate, r.collaborationInterests
DELETE owned
CREATE (:AuditEvent {id: $auditId, at: $now, actorId: u.id, action: 'release',
                     decision: 'released', researcherId: r.id})-[:ABOUT]->(c)
RETURN c {.id, .researcherId, .userId, .status, .strength, .level, .reviewed, .createdAt,
          .evidence} AS claim
