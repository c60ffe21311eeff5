// Check a code for the pending sign-up of $email: a match before its expiry and with fewer than
// $maxAttempts wrong guesses returns what the account is made from (`signUp`, only then); a miss
// counts one more guess. A sign-up that matched, expired or ran out of guesses is deleted, with
// its password hash. No row when no sign-up is pending for the email.
// @mode write
// @rows optional
// @param email: String -- the pending sign-up's email
// @param now: DateTime -- when
// @param maxAttempts: Integer -- wrong guesses allowed
// @param codeHash: String -- hash of the guessed code
// @column ok: Boolean -- whether the code matched
// @column signUp: Map? -- what the account is made from, only when ok
MATCH (s:SignUp {email: $email})
SET s.locked = true
WITH s, s.expiresAt > $now AND s.attempts < $maxAttempts AS open
WITH s, open AND s.codeHash = $codeHash AS ok
SET s.attempts = s.attempts + CASE WHEN ok THEN 0 ELSE 1 END
WITH s, ok, CASE WHEN ok THEN s {.email, .passwordHash, .displayName} END AS signUp
CALL (s, ok) {
  WITH s WHERE ok OR s.expiresAt <= $now OR s.attempts >= $maxAttempts
  DELETE s
}
RETURN ok, signUp
