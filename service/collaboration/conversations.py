"""Conversations: reading one (participants only), listing a user's, writing in one."""

from __future__ import annotations

from datetime import datetime

from service.calls import collaboration as calls
from service.collaboration.records import Conversation, Message
from service.collaboration.refusal import Refusal
from service.collaboration.texts import MAX_MESSAGE, text
from service.graph import Graph
from service.identity import tokens
from service.identity.accounts import User
from service.settings import AuthSettings


async def read(
    graph: Graph, user: User | None, conversation_id: str, first: int
) -> Conversation | Refusal:
    """A conversation with its newest `first` messages, for its participants."""
    if user is None:
        return Refusal.LOGIN
    found = await calls.conversation(graph, id=conversation_id, first=first)
    if found is None:
        return Refusal.MISSING
    conversation = Conversation.from_row(found["conversation"])
    return conversation if conversation.has(user.id) else Refusal.NOT_PARTICIPANT


async def of(graph: Graph, user: User, first: int) -> list[Conversation]:
    """The user's conversations, latest message first, each with only that message."""
    rows = await calls.conversations(graph, userId=user.id, first=first)
    return [Conversation.from_row(r["conversation"]) for r in rows]


async def send(
    graph: Graph,
    auth: AuthSettings,
    user: User | None,
    conversation_id: str,
    body: str,
    now: datetime,
) -> Message | Refusal:
    """Write in a conversation; `errors.Invalid` for an empty or too long body."""
    if user is None:
        return Refusal.LOGIN
    sent = await calls.send_message(
        graph,
        userId=user.id,
        conversationId=conversation_id,
        id=tokens.new_id("message"),
        body=text(body, "body", MAX_MESSAGE),
        perHour=auth.messages_per_hour,
        now=now,
    )
    if sent is not None and not sent["sent"]:
        return Refusal.MESSAGE_LIMIT
    if sent is not None and sent["message"] is not None:
        return Message.from_row(sent["message"])
    exists = await calls.conversation(graph, id=conversation_id, first=1)
    return Refusal.NOT_PARTICIPANT if exists else Refusal.MISSING
