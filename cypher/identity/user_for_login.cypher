// The account behind a login attempt, with its password hash; no row for an unknown $email.
MATCH (u:User {email: $email})
RETURN u {.id, .email, .displayName, .role, .createdAt, .passwordHash} AS user
