// Give the account with $email the $role ('user' or 'admin'); no row when there is none.
MATCH (u:User {email: $email})
SET u.role = $role
RETURN u.id AS id
