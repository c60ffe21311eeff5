// What a claim on $researcherId is judged against: the record's ORCID iD and institutions, and
// user $userId's email verification $verificationId (null when none or not theirs).
// No row when the researcher does not exist.
// @mode read
// @rows optional
// @param researcherId: String -- the record claimed
// @param userId: String -- the claiming user
// @param verificationId: String? -- the email verification offered as evidence
// @column record: Map -- the record's orcid and institutions (id, name, emailDomains)
// @column email: Map? -- the verification's email and verifiedAt, null when none or not the user's
MATCH (r:Researcher {id: $researcherId})
OPTIONAL MATCH (:User {id: $userId})-[:VERIFIES]->(v:EmailVerification {id: $verificationId})
RETURN r {.orcid,
          institutions: COLLECT { MATCH (r)-[:AFFILIATED_WITH]->(i:Institution)
                                  RETURN i {.id, .name, .emailDomains} }} AS record,
       CASE WHEN v IS NULL THEN null ELSE v {.email, .verifiedAt} END AS email
