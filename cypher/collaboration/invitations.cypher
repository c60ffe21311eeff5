// User $userId's invitations: $box 'received' or 'sent', only $status when not null,
// newest first, at most $first.
// @mode read
// @rows many
// @param box: String -- received or sent
// @param userId: String -- the user
// @param status: String? -- only invitations with this status, all when null
// @param first: Integer -- at most this many
// @column invitation: Map -- the invitation's fields and senderName
MATCH (i:Invitation)
WHERE (($box = 'received' AND i.recipientId = $userId) OR ($box = 'sent' AND i.senderId = $userId))
  AND ($status IS NULL OR i.status = $status)
WITH i ORDER BY i.sentAt DESC, i.id LIMIT $first
RETURN i {.id, .researcherId, .senderId, .recipientId, .topic, .message, .status, .sentAt,
          .answeredAt, .conversationId,
          senderName: head(COLLECT { MATCH (s:User {id: i.senderId}) RETURN s.displayName })}
       AS invitation
