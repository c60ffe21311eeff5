// The owner $userId of record $researcherId sets whether it takes invitations ($open) and its
// short collaboration $interests. No row when $userId does not own the record.
// @mode write
// @rows optional
// @param researcherId: String -- the record
// @param userId: String -- its owner
// @param open: Boolean -- whether it takes invitations
// @param interests: List<String> -- short collaboration interests
// @column id: String -- the record's id
MATCH (r:Researcher {id: $researcherId})<-[:CLAIMED]-(:User {id: $userId})
SET r.openToCollaborate = $open, r.collaborationInterests = $interests
RETURN r.id AS id
