// User $voucherId vouches for claim $claimId: allowed only when the voucher owns a claimed
// record that shares a paper with the claimed one and is not the claimant. Vouching twice
// changes nothing. The claim's strength becomes its base evidence plus up to $maxVouches
// vouches ($vouchPoints each); its level is 3 from $strongAt points, else 2 (4 once reviewed).
// No row when the vouch is not allowed or the claim is closed.
// @mode write
// @rows optional
// @param claimId: String -- the claim vouched for
// @param voucherId: String -- the vouching user
// @param now: DateTime -- when
// @param vouchPoints: Integer -- points one vouch adds
// @param maxVouches: Integer -- vouches that count at most
// @param strongAt: Integer -- points for level 3
// @param auditId: String -- id for the AuditEvent
// @column claim: Map -- the claim's fields after the vouch
MATCH (c:Claim {id: $claimId})-[:FOR]->(r:Researcher)
WHERE c.status IN ['active', 'disputed'] AND c.userId <> $voucherId
  AND EXISTS { (:User {id: $voucherId})-[:CLAIMED]->(mine:Researcher)-[:AUTHORED]->(:Paper)
               <-[:AUTHORED]-(r) WHERE mine <> r }
MATCH (v:User {id: $voucherId})
SET c.lock = $now
WITH c, r, v
MERGE (v)-[vo:VOUCHED_FOR]->(c)
  ON CREATE SET vo.at = $now
WITH c, r, v, COUNT { (c)<-[:VOUCHED_FOR]-(:User) } AS vouches
WITH c, r, v, c.baseStrength + $vouchPoints *
     CASE WHEN vouches < $maxVouches THEN vouches ELSE $maxVouches END AS strength
SET c.strength = strength,
    c.level = CASE WHEN c.reviewed THEN 4 WHEN strength >= $strongAt THEN 3 ELSE 2 END
WITH c, r, v
CALL (c, r) {
  WITH c, r WHERE c.status = 'active'
  SET r.verificationLevel = c.level
}
CREATE (:AuditEvent {id: $auditId, at: $now, actorId: v.id, action: 'vouch',
                     decision: 'vouched', researcherId: r.id})-[:ABOUT]->(c)
RETURN c {.id, .researcherId, .userId, .status, .strength, .level, .reviewed, .createdAt,
          .evidence} AS claim
