// One invitation by $id, with who sent it and who may answer it; no row when there is none.
// @mode read
// @rows optional
// @param id: String -- the invitation
// @column invitation: Map -- the invitation's fields and senderName
MATCH (i:Invitation {id: $id})
RETURN i {.id, .researcherId, .senderId, .recipientId, .topic, .message, .status, .sentAt,
          .answeredAt, .conversationId,
          senderName: head(COLLECT { MATCH (s:User {id: i.senderId}) RETURN s.displayName })}
       AS invitation
