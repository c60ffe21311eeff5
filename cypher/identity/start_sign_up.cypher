// Sign up's first step for $email. Without an account, store the pending sign-up (the argon2id
// $passwordHash, $displayName and the code's $codeHash, until $expiresAt), replacing an earlier
// one for the email with its code. With an account, store nothing. Either way one row, whose
// `hasAccount` says which: the caller mails a code or a notice, and answers the same.
OPTIONAL MATCH (u:User {email: $email})
CALL (u) {
  WITH u WHERE u IS NULL
  MERGE (s:SignUp {email: $email})
  SET s.passwordHash = $passwordHash, s.displayName = $displayName, s.codeHash = $codeHash,
      s.createdAt = $now, s.expiresAt = $expiresAt, s.attempts = 0
}
RETURN u IS NOT NULL AS hasAccount
