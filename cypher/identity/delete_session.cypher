// Log out: delete the session whose token hashes to $tokenHash; returns how many went.
OPTIONAL MATCH (s:Session {id: $tokenHash})
DETACH DELETE s
RETURN count(s) AS deleted
