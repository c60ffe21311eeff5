// Sign up's first step for $email. Without an account, store the pending sign-up (the argon2id
// $passwordHash, $displayName and the code's $codeHash, until $expiresAt), replacing an earlier
// one for the email with its code. With an account, store nothing. Either way one row, whose
// `hasAccount` says which: the caller mails a code or a notice, and answers the same.
// @mode write
// @rows one
// @param email: String -- the address signing up
// @param passwordHash: String -- argon2id hash
// @param displayName: String -- the name shown
// @param codeHash: String -- hash of the code mailed
// @param now: DateTime -- when
// @param expiresAt: DateTime -- when the code expires
// @column hasAccount: Boolean -- whether the email already has an account (then nothing was stored)
OPTIONAL MATCH (u:User {email: $email})
CALL (u) {
  WITH u WHERE u IS NULL
  MERGE (s:SignUp {email: $email})
  SET s.passwordHash = $passwordHash, s.displayName = $displayName, s.codeHash = $codeHash,
      s.createdAt = $now, s.expiresAt = $expiresAt, s.attempts = 0
}
RETURN u IS NOT NULL AS hasAccount
