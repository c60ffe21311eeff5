"""Invitations, conversations and messages as the domain hands them out, read once from the
rows of cypher/collaboration/*.cypher."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service.identity.clock import native


@dataclass(frozen=True)
class Participant:
    id: str
    display_name: str


@dataclass(frozen=True)
class Invitation:
    id: str
    researcher_id: str
    sender: Participant
    recipient_id: str
    topic: str
    message: str
    status: str  # pending | accepted | declined
    sent_at: datetime
    answered_at: datetime | None
    conversation_id: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Invitation:
        return cls(
            id=row["id"],
            researcher_id=row["researcherId"],
            sender=Participant(row["senderId"], row.get("senderName") or ""),
            recipient_id=row["recipientId"],
            topic=row["topic"],
            message=row["message"],
            status=row["status"],
            sent_at=native(row["sentAt"]),
            answered_at=native(row.get("answeredAt")),
            conversation_id=row.get("conversationId"),
        )


@dataclass(frozen=True)
class Message:
    id: str
    author_id: str
    body: str
    sent_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Message:
        return cls(row["id"], row["authorId"], row["body"], native(row["sentAt"]))


@dataclass(frozen=True)
class Conversation:
    id: str
    topic: str
    created_at: datetime
    participants: list[Participant]
    messages: list[Message]  # newest first

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Conversation:
        return cls(
            id=row["id"],
            topic=row["topic"],
            created_at=native(row["createdAt"]),
            participants=[Participant(p["id"], p["displayName"]) for p in row["participants"]],
            messages=[Message.from_row(m) for m in row["messages"]],
        )

    def has(self, user_id: str) -> bool:
        return any(p.id == user_id for p in self.participants)
