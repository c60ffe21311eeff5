// Give the account with $email the $role ('user' or 'admin'); no row when there is none.
// @mode write
// @rows optional
// @param email: String -- the account's email
// @param role: String -- user or admin
// @column id: String -- the account's id
MATCH (u:User {email: $email})
SET u.role = $role
RETURN u.id AS id
