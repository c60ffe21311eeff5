// Check a code for verification $id of user $userId: a match before $now passes the expiry and
// with fewer than $maxAttempts wrong guesses marks it verified; a miss counts one more guess.
// `open`: whether this guess was judged at all. No row when the verification is not this user's.
// @mode write
// @rows optional
// @param userId: String -- the user
// @param id: String -- the verification
// @param now: DateTime -- when
// @param maxAttempts: Integer -- wrong guesses allowed
// @param codeHash: String -- hash of the guessed code
// @column verification: Map -- id, email, verifiedAt, expiresAt, attempts
// @column open: Boolean -- whether this guess was judged at all
// @column ok: Boolean -- whether it matched
MATCH (:User {id: $userId})-[:VERIFIES]->(v:EmailVerification {id: $id})
SET v.locked = true
WITH v, v.verifiedAt IS NULL AND v.expiresAt > $now AND v.attempts < $maxAttempts AS open
WITH v, open, open AND v.codeHash = $codeHash AS ok
SET v.attempts = v.attempts + CASE WHEN open AND NOT ok THEN 1 ELSE 0 END,
    v.verifiedAt = CASE WHEN ok THEN $now ELSE v.verifiedAt END
RETURN v {.id, .email, .verifiedAt, .expiresAt, .attempts} AS verification, open, ok
