// Participant $userId adds message $id ($body) to conversation $conversationId, unless they
// wrote $perHour messages in the last hour (sent = false). The user's node is locked first so
// concurrent messages cannot all slip under the limit. No row when the user is not in the
// conversation (or it does not exist).
// @mode write
// @rows optional
// @param userId: String -- the author
// @param conversationId: String -- the conversation
// @param now: DateTime -- when
// @param perHour: Integer -- messages an author may send in an hour
// @param id: String -- id for the message
// @param body: String -- the message text
// @column sent: Boolean -- false when the hourly limit refused it
// @column message: Map? -- the message sent, null when refused
MATCH (u:User {id: $userId})-[:IN]->(c:Conversation {id: $conversationId})
SET u.messageLock = $now
WITH u, c, COUNT { (u)-[:WROTE]->(m:Message) WHERE m.sentAt > $now - duration({hours: 1}) }
       AS recent
CALL (u, c, recent) {
  WITH u, c WHERE recent < $perHour
  CREATE (u)-[:WROTE]->(:Message {id: $id, authorId: u.id, body: $body, sentAt: $now})<-[:HAS]-(c)
}
RETURN recent < $perHour AS sent,
       head(COLLECT { MATCH (c)-[:HAS]->(m:Message {id: $id})
                      RETURN m {.id, .authorId, .body, .sentAt} }) AS message
