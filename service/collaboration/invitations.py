"""Inviting a claimed, open researcher, and the invited owner's answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from service.collaboration.records import Conversation, Invitation
from service.collaboration.refusal import INVITE_OUTCOMES, Refusal
from service.collaboration.texts import MAX_MESSAGE, MAX_TOPIC, text
from service.graph import Graph
from service.identity import tokens
from service.identity.accounts import User
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
    rows = await graph.write(
        "collaboration/send_invitation",
        senderId=sender.id,
        researcherId=researcher_id,
        id=tokens.new_id("invitation"),
        topic=topic,
        message=message,
        perDay=auth.invitations_per_day,
        now=now,
    )
    outcome, invitation_id = rows[0]["outcome"], rows[0]["invitationId"]
    refused = INVITE_OUTCOMES.get(outcome)
    if refused is Refusal.PENDING:
        return Pending(invitation_id)
    if refused is not None:
        return refused
    found = await graph.read("collaboration/invitation", id=invitation_id)
    return Invitation.from_row(found[0]["invitation"])


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
    found = await graph.read("collaboration/invitation", id=invitation_id)
    if not found:
        return Refusal.MISSING
    if found[0]["invitation"]["recipientId"] != user.id:
        return Refusal.NOT_RECIPIENT
    rows = await graph.write(
        "collaboration/respond_invitation",
        id=invitation_id,
        userId=user.id,
        accept=accept,
        block=block,
        conversationId=tokens.new_id("conversation"),
        messageId=tokens.new_id("message"),
        now=now,
    )
    if not rows:
        return Refusal.ANSWERED
    invitation = Invitation.from_row(rows[0]["invitation"])
    conversation = None
    if invitation.conversation_id is not None:
        opened = await graph.read(
            "collaboration/conversation", id=invitation.conversation_id, first=MAX_THREAD
        )
        conversation = Conversation.from_row(opened[0]["conversation"])
    return Answered(invitation, conversation)


# The messages an accepted invitation's answer carries (the API's list maximum).
MAX_THREAD = 100


async def of(
    graph: Graph, user: User, *, received: bool, status: str | None, first: int
) -> list[Invitation]:
    """The user's invitations, received (to records they own) or sent, newest first."""
    rows = await graph.read(
        "collaboration/invitations",
        userId=user.id,
        box="received" if received else "sent",
        status=status,
        first=first,
    )
    return [Invitation.from_row(r["invitation"]) for r in rows]
