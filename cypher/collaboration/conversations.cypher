// The conversations user $userId takes part in, most recent message first, at most $first,
// each with its participants and latest message.
// @mode read
// @rows many
// @param userId: String -- the participant
// @param first: Integer -- at most this many conversations
// @column conversation: Map -- id, topic, createdAt, participants and the latest message
MATCH (:User {id: $userId})-[:IN]->(c:Conversation)
CALL (c) {
  MATCH (c)-[:HAS]->(m:Message)
  WITH m ORDER BY m.sentAt DESC, m.id LIMIT 1
  RETURN m
}
WITH c, m ORDER BY m.sentAt DESC, c.id LIMIT $first
RETURN c {.id, .topic, .createdAt,
          participants: COLLECT { MATCH (p:User)-[:IN]->(c) RETURN p {.id, .displayName} },
          messages: [m {.id, .authorId, .body, .sentAt}]} AS conversation
