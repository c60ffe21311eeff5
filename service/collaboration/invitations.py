"""Inviting a claimed, open researcher, and the invited owner's answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from service.calls import collaboration as calls
from service.collaboration.records import Conversation, Invitation
from service.collaboration.refusal import INVITE_OUTCOMES, Refusal
from service.collaboration.texts import MAX_MESSAGE, MAX_TOPIC, text
from service.graph import Graph
from service.identity import tokens
from service.identity.accounts import User
from service.rows import NoRow
from service.settings import AuthSettings


@dataclass(frozen=True)
class Pending:
    """The sender already has this invitation pending to the researcher."""

    invitation_id: str


async def invite(
    graph: Graph,
    auth: AuthSettings,
    sender: User | None,
    researcher_id: str,
    topic: str,
    message: str,
    now: datetime,
) -> Invitation | Pending | Refusal:
    """Send an invitation; `errors.Invalid` for an empty or too long topic or message."""
    if sender is None:
        return Refusal.LOGIN
    topic, message = text(topic, "topic", MAX_TOPIC), text(message, "message", MAX_MESSAGE)
    sent = await calls.send_invitation(
        graph,
        senderId=sender.id,
        researcherId=researcher_id,
        id=tokens.new_id("invitation"),
        topic=topic,
        message=message,
        perDay=auth.invitations_per_day,
        now=now,
    )
    # No row only when the sender does not exist, and the sender is the logged-in user.
    if sent is None:
        raise NoRow(f"collaboration/send_invitation: no user {sender.id}")
    refused = INVITE_OUTCOMES.get(sent["outcome"])
    if refused is not None and refused is not Refusal.PENDING:
        return refused
    # 'pending' and 'sent' both name an invitation: the one pending, or the one just sent.
    invitation_id = sent["invitationId"]
    if invitation_id is None:
        raise NoRow(f"collaboration/send_invitation: {sent['outcome']} without an invitation")
    if refused is Refusal.PENDING:
        return Pending(invitation_id)
    found = await calls.invitation(graph, id=invitation_id)
    if found is None:
        raise NoRow(f"collaboration/invitation: no invitation {invitation_id} after sending it")
    return Invitation.from_row(found["invitation"])


@dataclass(frozen=True)
class Answered:
    invitation: Invitation
    conversation: Conversation | None  # opened when accepted


async def answer(
    graph: Graph, user: User | None, invitation_id: str, accept: bool, block: bool, now: datetime
) -> Answered | Refusal:
    """Accept (opening a conversation) or decline; `block` refuses the sender's next ones."""
    if user is None:
        return Refusal.LOGIN
    found = await calls.invitation(graph, id=invitation_id)
    if found is None:
        return Refusal.MISSING
    if found["invitation"]["recipientId"] != user.id:
        return Refusal.NOT_RECIPIENT
    answered = await calls.respond_invitation(
        graph,
        id=invitation_id,
        userId=user.id,
        accept=accept,
        block=block,
        conversationId=tokens.new_id("conversation"),
        messageId=tokens.new_id("message"),
        now=now,
    )
    if answered is None:
        return Refusal.ANSWERED
    invitation = Invitation.from_row(answered["invitation"])
    conversation = None
    if invitation.conversation_id is not None:
        opened = await calls.conversation(graph, id=invitation.conversation_id, first=MAX_THREAD)
        if opened is None:  # the answer, committed before this read, opened it
            raise NoRow(f"collaboration/conversation: no conversation {invitation.conversation_id}")
        conversation = Conversation.from_row(opened["conversation"])
    return Answered(invitation, conversation)


# The messages an accepted invitation's answer carries (the API's list maximum).
MAX_THREAD = 100


async def of(
    graph: Graph, user: User, *, received: bool, status: str | None, first: int
) -> list[Invitation]:
    """The user's invitations, received (to records they own) or sent, newest first."""
    rows = await calls.invitations(
        graph,
        userId=user.id,
        box="received" if received else "sent",
        status=status,
        first=first,
    )
    return [Invitation.from_row(r["invitation"]) for r in rows]
