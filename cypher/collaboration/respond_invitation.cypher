// Recipient $userId answers pending invitation $id: $accept opens a Conversation ($conversationId)
// between sender and recipient whose first message ($messageId) is the invitation's; $block
// also stops the sender inviting this user again. The invitation is locked before its status is
// read, so two answers cannot both win. No row when it is not this user's or not pending.
// @mode write
// @rows optional
// @param id: String -- the invitation answered
// @param userId: String -- the recipient
// @param now: DateTime -- when
// @param accept: Boolean -- accept (true) or decline
// @param conversationId: String -- id for the conversation an acceptance opens
// @param messageId: String -- id for its first message
// @param block: Boolean -- also block the sender
// @column invitation: Map -- the answered invitation's fields and senderName
MATCH (i:Invitation {id: $id, recipientId: $userId})
SET i.lock = $now
WITH i
WHERE i.status = 'pending'
MATCH (sender:User {id: i.senderId}), (me:User {id: $userId})
SET i.status = CASE WHEN $accept THEN 'accepted' ELSE 'declined' END, i.answeredAt = $now
REMOVE i.pendingKey
WITH i, sender, me
CALL (i, sender, me) {
  WITH i, sender, me WHERE $accept
  CREATE (c:Conversation {id: $conversationId, topic: i.topic, createdAt: $now,
                          invitationId: i.id})
  CREATE (sender)-[:IN]->(c), (me)-[:IN]->(c)
  CREATE (c)-[:HAS]->(:Message {id: $messageId, authorId: sender.id, body: i.message,
                                sentAt: i.sentAt})<-[:WROTE]-(sender)
  SET i.conversationId = $conversationId
}
CALL (sender, me) {
  WITH sender, me WHERE $block
  MERGE (me)-[:BLOCKED]->(sender)
}
RETURN i {.id, .researcherId, .senderId, .recipientId, .topic, .message, .status, .sentAt,
          .answeredAt, .conversationId, senderName: sender.displayName} AS invitation
