// Participant $userId adds message $id ($body) to conversation $conversationId.
// No row when the user is not in the conversation (or it does not exist).
MATCH (u:User {id: $userId})-[:IN]->(c:Conversation {id: $conversationId})
CREATE (c)-[:HAS]->(m:Message {id: $id, authorId: u.id, body: $body, sentAt: $now})
RETURN m {.id, .authorId, .body, .sentAt} AS message
