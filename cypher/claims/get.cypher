// One claim by $claimId; no row when there is none.
// @mode read
// @rows optional
// @param claimId: String -- the claim
// @column claim: Map -- the claim's fields
MATCH (c:Claim {id: $claimId})
RETURN c {.id, .researcherId, .userId, .status, .strength, .level, .reviewed, .createdAt,
          .evidence} AS claim
