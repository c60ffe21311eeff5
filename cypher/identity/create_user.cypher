// Create an account. $id, $email (lowercased), $passwordHash (argon2id), $displayName, $now.
// A taken email breaks the user_email constraint, which the graph boundary reports as Conflict.
// @mode write
// @rows one
// @param id: String -- the new user's id
// @param email: String -- lowercased email
// @param passwordHash: String -- argon2id hash
// @param displayName: String -- the name shown
// @param now: DateTime -- when
// @column user: Map -- id, email, displayName, role, createdAt
CREATE (u:User {id: $id, email: $email, passwordHash: $passwordHash, displayName: $displayName,
                role: 'user', createdAt: $now})
RETURN u {.id, .email, .displayName, .role, .createdAt} AS user
