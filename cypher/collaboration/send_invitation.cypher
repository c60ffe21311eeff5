// User $senderId invites the owner of record $researcherId to collaborate on $topic ($message).
// The sender's node is locked first (SET s.inviteLock), so one sender's concurrent invitations
// run one at a time and each sees the one before: never two pending to one record, and the
// $perDay limit over the last 24 hours holds. pendingKey (unique) is a second guard.
// outcome: 'sent' | 'missing' (no record) | 'unclaimed' | 'self' | 'blocked' (the owner blocked
// the sender) | 'closed' (not open to collaborate) | 'pending' (invitationId: the pending one)
// | 'limit'. No row when the sender does not exist.
// @mode write
// @rows optional
// @param senderId: String -- the inviting user
// @param now: DateTime -- when
// @param researcherId: String -- the record whose owner is invited
// @param perDay: Integer -- invitations a sender may send in 24 hours
// @param id: String -- id for the new invitation
// @param topic: String -- what to collaborate on
// @param message: String -- the sender's message
// @column outcome: String -- sent, or why not
// @column invitationId: String? -- the new or already pending invitation
MATCH (s:User {id: $senderId})
SET s.inviteLock = $now
WITH s
OPTIONAL MATCH (r:Researcher {id: $researcherId})
OPTIONAL MATCH (r)<-[:CLAIMED]-(owner:User)
WITH s, r, owner,
     head(COLLECT { MATCH (s)-[:SENT]->(i:Invitation {researcherId: $researcherId})
                    WHERE i.status = 'pending' RETURN i.id }) AS pending,
     COUNT { (s)-[:SENT]->(i:Invitation) WHERE i.sentAt > $now - duration({days: 1}) } AS today
WITH s, r, owner, pending,
     CASE
       WHEN r IS NULL THEN 'missing'
       WHEN owner IS NULL THEN 'unclaimed'
       WHEN owner = s THEN 'self'
       WHEN EXISTS { (owner)-[:BLOCKED]->(s) } THEN 'blocked'
       WHEN NOT coalesce(r.openToCollaborate, false) THEN 'closed'
       WHEN pending IS NOT NULL THEN 'pending'
       WHEN today >= $perDay THEN 'limit'
       ELSE 'sent'
     END AS outcome
CALL (s, r, owner, outcome) {
  WITH s, r, owner WHERE outcome = 'sent'
  CREATE (s)-[:SENT]->(:Invitation {
    id: $id, researcherId: r.id, senderId: s.id, recipientId: owner.id, topic: $topic,
    message: $message, status: 'pending', sentAt: $now, pendingKey: s.id + '|' + r.id})-[:TO]->(r)
}
RETURN outcome, CASE WHEN outcome = 'sent' THEN $id ELSE pending END AS invitationId
