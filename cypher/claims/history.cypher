// The audit trail of every claim on record $researcherId, newest first, at most $first events,
// with the record's current owner id so the caller can decide who may read it.
// No row when the record does not exist.
// @mode read
// @rows optional
// @param researcherId: String -- the record
// @param first: Integer -- at most this many events
// @column ownerId: String? -- the owning user, null when unclaimed
// @column events: List<Map> -- audit events, newest first
MATCH (r:Researcher {id: $researcherId})
RETURN head(COLLECT { MATCH (r)<-[:CLAIMED]-(o:User) RETURN o.id }) AS ownerId,
       COLLECT { MATCH (r)<-[:FOR]-(c:Claim)<-[:ABOUT]-(e:AuditEvent)
                 WITH e, c ORDER BY e.at DESC, e.id LIMIT $first
                 RETURN e {.id, .at, .actorId, .action, .decision, .evidence, .note,
                           claimId: c.id, claimantId: c.userId} } AS events
