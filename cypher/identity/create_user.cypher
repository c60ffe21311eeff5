// Create an account. $id, $email (lowercased), $passwordHash (argon2id), $displayName, $now.
// A taken email breaks the user_email constraint, which the graph boundary reports as Conflict.
CREATE (u:User {id: $id, email: $email, passwordHash: $passwordHash, displayName: $displayName,
                role: 'user', createdAt: $now})
RETURN u {.id, .email, .displayName, .role, .createdAt} AS user
