// One claim by $claimId; no row when there is none.
MATCH (c:Claim {id: $claimId})
RETURN c {.id, .researcherId, .userId, .status, .strength, .level, .reviewed, .createdAt,
          .evidence} AS claim
