# Generated from cypher/collaboration/*.cypher, do not edit; regenerate with `make queries`.
"""The queries in cypher/collaboration/ as typed async functions."""

from __future__ import annotations

from typing import Unpack, cast

from service.calls.collaboration_types import (
    ConversationParams,
    ConversationRow,
    ConversationsParams,
    ConversationsRow,
    InvitationParams,
    InvitationRow,
    InvitationsParams,
    InvitationsRow,
    RespondInvitationParams,
    RespondInvitationRow,
    SendInvitationParams,
    SendInvitationRow,
    SendMessageParams,
    SendMessageRow,
    SetPreferencesParams,
    SetPreferencesRow,
)
from service.rows import Runner, optional


async def conversation(
    db: Runner, /, **params: Unpack[ConversationParams]
) -> ConversationRow | None:
    """Conversation $id with its participants and its newest $first messages (newest first); no
    row when there is none.
    """
    rows = await db._run("collaboration/conversation", dict(params), "read")
    return cast("ConversationRow | None", optional(rows))


async def conversations(
    db: Runner, /, **params: Unpack[ConversationsParams]
) -> list[ConversationsRow]:
    """The conversations user $userId takes part in, most recent message first, at most $first,
    each with its participants and latest message.
    """
    rows = await db._run("collaboration/conversations", dict(params), "read")
    return cast("list[ConversationsRow]", rows)


async def invitation(db: Runner, /, **params: Unpack[InvitationParams]) -> InvitationRow | None:
    """One invitation by $id, with who sent it and who may answer it; no row when there is none."""
    rows = await db._run("collaboration/invitation", dict(params), "read")
    return cast("InvitationRow | None", optional(rows))


async def invitations(db: Runner, /, **params: Unpack[InvitationsParams]) -> list[InvitationsRow]:
    """User $userId's invitations: $box 'received' or 'sent', only $status when not null, newest
    first, at most $first.
    """
    rows = await db._run("collaboration/invitations", dict(params), "read")
    return cast("list[InvitationsRow]", rows)


async def respond_invitation(
    db: Runner, /, **params: Unpack[RespondInvitationParams]
) -> RespondInvitationRow | None:
    """Recipient $userId answers pending invitation $id: $accept opens a Conversation
    ($conversationId) between sender and recipient whose first message ($messageId) is the
    invitation's; $block also stops the sender inviting this user again.
    """
    rows = await db._run("collaboration/respond_invitation", dict(params), "write")
    return cast("RespondInvitationRow | None", optional(rows))


async def send_invitation(
    db: Runner, /, **params: Unpack[SendInvitationParams]
) -> SendInvitationRow | None:
    """User $senderId invites the owner of record $researcherId to collaborate on $topic
    ($message).
    """
    rows = await db._run("collaboration/send_invitation", dict(params), "write")
    return cast("SendInvitationRow | None", optional(rows))


async def send_message(db: Runner, /, **params: Unpack[SendMessageParams]) -> SendMessageRow | None:
    """Participant $userId adds message $id ($body) to conversation $conversationId, unless they
    wrote $perHour messages in the last hour (sent = false).
    """
    rows = await db._run("collaboration/send_message", dict(params), "write")
    return cast("SendMessageRow | None", optional(rows))


async def set_preferences(
    db: Runner, /, **params: Unpack[SetPreferencesParams]
) -> SetPreferencesRow | None:
    """The owner $userId of record $researcherId sets whether it takes invitations ($open) and
    its short collaboration $interests.
    """
    rows = await db._run("collaboration/set_preferences", dict(params), "write")
    return cast("SetPreferencesRow | None", optional(rows))
