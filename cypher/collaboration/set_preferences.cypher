// The owner $userId of record $researcherId sets whether it takes invitations ($open) and its
// short collaboration $interests. No row when $userId does not own the record.
MATCH (r:Researcher {id: $researcherId})<-[:CLAIMED]-(:User {id: $userId})
SET r.openToCollaborate = $open, r.collaborationInterests = $interests
RETURN r.id AS id
