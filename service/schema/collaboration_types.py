"""The GraphQL shapes of direct collaboration: invitations, conversations, their messages and
participants; built from the domain's records (service/collaboration/records.py)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from service.collaboration import records
from service.schema.researcher import Researcher, record_researcher


@strawberry.enum
class InvitationStatus(Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@strawberry.enum
class InvitationBox(Enum):
    RECEIVED = "received"
    SENT = "sent"


@strawberry.type(description="Another user as participants see them: no email.")
class Person:
    id: strawberry.ID
    display_name: str

    @classmethod
    def of(cls, p: records.Participant) -> Person:
        return cls(id=strawberry.ID(p.id), display_name=p.display_name)


@strawberry.type
class Invitation:
    id: strawberry.ID
    researcher_id: strawberry.ID
    sender: Person
    topic: str
    message: str
    status: InvitationStatus
    sent_at: datetime
    answered_at: datetime | None
    conversation_id: strawberry.ID | None

    researcher: Researcher | None = strawberry.field(resolver=record_researcher)

    @classmethod
    def of(cls, i: records.Invitation) -> Invitation:
        return cls(
            id=strawberry.ID(i.id),
            researcher_id=strawberry.ID(i.researcher_id),
            sender=Person.of(i.sender),
            topic=i.topic,
            message=i.message,
            status=InvitationStatus(i.status),
            sent_at=i.sent_at,
            answered_at=i.answered_at,
            conversation_id=strawberry.ID(i.conversation_id) if i.conversation_id else None,
        )


@strawberry.type
class Message:
    id: strawberry.ID
    author_id: strawberry.ID
    body: str
    sent_at: datetime

    @classmethod
    def of(cls, m: records.Message) -> Message:
        return cls(
            id=strawberry.ID(m.id), author_id=strawberry.ID(m.author_id), body=m.body,
            sent_at=m.sent_at,
        )  # fmt: skip


@strawberry.type
class Conversation:
    id: strawberry.ID
    topic: str
    created_at: datetime
    participants: list[Person]
    messages: list[Message] = strawberry.field(description="Newest first.")

    @classmethod
    def of(cls, c: records.Conversation) -> Conversation:
        return cls(
            id=strawberry.ID(c.id),
            topic=c.topic,
            created_at=c.created_at,
            participants=[Person.of(p) for p in c.participants],
            messages=[Message.of(m) for m in c.messages],
        )
