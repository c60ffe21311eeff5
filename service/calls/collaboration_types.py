# Generated from cypher/collaboration/*.cypher, do not edit; regenerate with `make queries`.
"""Parameters and rows of the queries in cypher/collaboration/, as TypedDicts."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypedDict

from neo4j.time import DateTime


class ConversationParams(TypedDict):
    id: str
    first: int


class ConversationRow(TypedDict):
    conversation: dict[str, Any]  # id, topic, createdAt, participants and messages


class ConversationsParams(TypedDict):
    userId: str
    first: int


class ConversationsRow(TypedDict):
    conversation: dict[str, Any]  # id, topic, createdAt, participants and the latest message


class InvitationParams(TypedDict):
    id: str


class InvitationRow(TypedDict):
    invitation: dict[str, Any]  # the invitation's fields and senderName


class InvitationsParams(TypedDict):
    box: str
    userId: str
    status: str | None
    first: int


class InvitationsRow(TypedDict):
    invitation: dict[str, Any]  # the invitation's fields and senderName


class RespondInvitationParams(TypedDict):
    id: str
    userId: str
    now: datetime | DateTime
    accept: bool
    conversationId: str
    messageId: str
    block: bool


class RespondInvitationRow(TypedDict):
    invitation: dict[str, Any]  # the answered invitation's fields and senderName


class SendInvitationParams(TypedDict):
    senderId: str
    now: datetime | DateTime
    researcherId: str
    perDay: int
    id: str
    topic: str
    message: str


class SendInvitationRow(TypedDict):
    outcome: str  # sent, or why not
    invitationId: str | None  # the new or already pending invitation


class SendMessageParams(TypedDict):
    userId: str
    conversationId: str
    now: datetime | DateTime
    perHour: int
    id: str
    body: str


class SendMessageRow(TypedDict):
    sent: bool  # false when the hourly limit refused it
    message: dict[str, Any] | None  # the message sent, null when refused


class SetPreferencesParams(TypedDict):
    researcherId: str
    userId: str
    open: bool
    interests: list[str]


class SetPreferencesRow(TypedDict):
    id: str  # the record's id
