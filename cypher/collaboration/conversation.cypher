// Conversation $id with its participants and its newest $first messages (newest first);
// no row when there is none. The caller checks the viewer is a participant.
// @mode read
// @rows optional
// @param id: String -- the conversation
// @param first: Integer -- at most this many messages
// @column conversation: Map -- id, topic, createdAt, participants and messages
MATCH (c:Conversation {id: $id})
RETURN c {.id, .topic, .createdAt,
          participants: COLLECT { MATCH (p:User)-[:IN]->(c)
                                  RETURN p {.id, .displayName} },
          messages: COLLECT { MATCH (c)-[:HAS]->(m:Message)
                              WITH m ORDER BY m.sentAt DESC, m.id LIMIT $first
                              RETURN m {.id, .authorId, .body, .sentAt} }} AS conversation
