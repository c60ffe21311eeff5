// Admin $adminId decides claim $claimId: $decision 'approve' or 'reject', with a $note.
// approve an active claim: reviewed, L4. approve a dispute: the disputing user becomes the
// owner at L4, the previous owner's claim is 'superseded' and their openness settings go.
// reject an active claim: the record is released. reject a dispute: it is closed.
// Locks the record like claim.cypher; audited. No row when the claim is not open.
// @mode write
// @rows optional
// @param claimId: String -- the claim decided
// @param now: DateTime -- when
// @param decision: String -- approve or reject
// @param auditId: String -- id for the AuditEvent
// @param adminId: String -- the deciding admin
// @param note: String? -- the admin's note
// @column claim: Map -- the decided claim's fields
MATCH (c:Claim {id: $claimId})-[:FOR]->(r:Researcher)
WHERE c.status IN ['active', 'disputed']
SET r.claimLock = $now
WITH c, r, c.status AS before
MATCH (claimant:User {id: c.userId})
CALL (c, r, before, claimant) {
  WITH c, r, claimant WHERE $decision = 'approve' AND before = 'disputed'
  CALL (r) {
    MATCH (r)<-[owned:CLAIMED]-(:User)
    DELETE owned
  }
  CALL (r) {
    MATCH (current:Claim {activeKey: r.id})
    SET current.status = 'superseded', current.closedAt = $now
    REMOVE current.activeKey
  }
  REMOVE r.openToCollaborate, r.collaborationInterests
  CREATE (claimant)-[:CLAIMED {since: $now, claimId: c.id}]->(r)
  SET c.status = 'active', c.activeKey = r.id
}
CALL (c, r, before) {
  WITH c, r WHERE $decision = 'approve'
  SET c.reviewed = true, c.level = 4, r.verificationLevel = 4
}
CALL (c, r, before) {
  WITH c, r WHERE $decision = 'reject' AND before = 'active'
  CALL (r) {
    MATCH (r)<-[owned:CLAIMED]-(:User)
    DELETE owned
  }
  REMOVE c.activeKey, r.verificationLevel, r.openToCollaborate, r.collaborationInterests
}
CALL (c, before) {
  WITH c WHERE $decision = 'reject'
  SET c.status = 'rejected', c.closedAt = $now
}
CREATE (:AuditEvent {id: $auditId, at: $now, actorId: $adminId, action: 'review',
                     decision: $decision, note: $note, researcherId: r.id})-[:ABOUT]->(c)
RETURN c {.id, .researcherId, .userId, .status, .strength, .level, .reviewed, .createdAt,
          .evidence} AS claim
