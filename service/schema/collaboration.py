"""Direct collaboration: openness and interests, invitations, and conversations after acceptance.

Only claimed records that are open take invitations; the refusals use the seed page's words.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry

from service.identity import tokens
from service.identity.accounts import User
from service.identity.clock import native
from service.schema.bounds import MAX_FIRST, bounded
from service.schema.context import Context
from service.schema.problems import (
    AlreadyPending,
    NotAllowed,
    NotAuthenticated,
    NotFound,
    NotOpenToCollaborate,
    RateLimited,
    ValidationError,
    not_found,
)
from service.schema.researcher import Researcher, load_researcher

Info = strawberry.Info[Context, None]
UNCLAIMED = "Claim this author entity first to unlock direct invitations."
CLOSED = "This researcher is not open to collaboration right now."
MAX_INTERESTS = 5
MAX_INTEREST_LENGTH = 40
MAX_TOPIC_LENGTH = 120
MAX_MESSAGE_LENGTH = 2000


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

    @strawberry.field
    async def researcher(self, info: Info) -> Researcher | None:
        return await load_researcher(info, str(self.researcher_id))

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Invitation:
        return cls(
            id=row["id"],
            researcher_id=row["researcherId"],
            sender=Person(id=row["senderId"], display_name=row.get("senderName") or ""),
            topic=row["topic"],
            message=row["message"],
            status=InvitationStatus(row["status"]),
            sent_at=native(row["sentAt"]),
            answered_at=native(row.get("answeredAt")),
            conversation_id=row.get("conversationId"),
        )


@strawberry.type
class Message:
    id: strawberry.ID
    author_id: strawberry.ID
    body: str
    sent_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Message:
        return cls(
            id=row["id"], author_id=row["authorId"], body=row["body"], sent_at=native(row["sentAt"])
        )


@strawberry.type
class Conversation:
    id: strawberry.ID
    topic: str
    created_at: datetime
    participants: list[Person]
    messages: list[Message] = strawberry.field(description="Newest first.")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Conversation:
        return cls(
            id=row["id"],
            topic=row["topic"],
            created_at=native(row["createdAt"]),
            participants=[
                Person(id=p["id"], display_name=p["displayName"]) for p in row["participants"]
            ],
            messages=[Message.from_row(m) for m in row["messages"]],
        )


@strawberry.type
class PreferencesSaved:
    researcher: Researcher


@strawberry.type
class InvitationSent:
    invitation: Invitation


@strawberry.type
class InvitationAnswered:
    invitation: Invitation
    conversation: Conversation | None


@strawberry.type
class MessageSent:
    message: Message


PreferencesResult = Annotated[
    PreferencesSaved | NotAuthenticated | NotAllowed | NotFound | ValidationError,
    strawberry.union("PreferencesResult"),
]
InvitationResult = Annotated[
    InvitationSent
    | NotAuthenticated
    | NotFound
    | NotAllowed
    | NotOpenToCollaborate
    | AlreadyPending
    | RateLimited
    | ValidationError,
    strawberry.union("InvitationResult"),
]
AnswerResult = Annotated[
    InvitationAnswered | NotAuthenticated | NotAllowed | NotFound | ValidationError,
    strawberry.union("AnswerResult"),
]
MessageResult = Annotated[
    MessageSent | NotAuthenticated | NotAllowed | NotFound | RateLimited | ValidationError,
    strawberry.union("MessageResult"),
]
ConversationResult = Annotated[
    Conversation | NotAuthenticated | NotAllowed | NotFound, strawberry.union("ConversationResult")
]


def _text(value: str, field: str, maximum: int) -> ValidationError | None:
    if not 0 < len(value.strip()) <= maximum:
        return ValidationError(message=f"{field} must be 1 to {maximum} characters", field=field)
    return None


async def invitations_of(
    info: Info, user: User, box: InvitationBox, status: InvitationStatus | None, first: int
) -> list[Invitation]:
    bounded(first, "first")
    rows = await info.context.graph.read(
        "collaboration/invitations",
        userId=user.id,
        box=box.value,
        status=status.value if status else None,
        first=first,
    )
    return [Invitation.from_row(r["invitation"]) for r in rows]


async def conversations_of(info: Info, user: User, first: int) -> list[Conversation]:
    bounded(first, "first")
    rows = await info.context.graph.read("collaboration/conversations", userId=user.id, first=first)
    return [Conversation.from_row(r["conversation"]) for r in rows]


async def _preferences(
    info: Info, researcher_id: str, open_to_collaborate: bool, interests: list[str]
) -> PreferencesResult:
    user = await info.context.user()
    if user is None:
        return NotAuthenticated(message="log in to change collaboration settings")
    cleaned = [i.strip() for i in interests if i.strip()]
    if len(cleaned) > MAX_INTERESTS or any(len(i) > MAX_INTEREST_LENGTH for i in cleaned):
        return ValidationError(
            message=f"at most {MAX_INTERESTS} interests of at most {MAX_INTEREST_LENGTH} "
            "characters each",
            field="interests",
        )
    rows = await info.context.graph.write(
        "collaboration/set_preferences",
        researcherId=researcher_id,
        userId=user.id,
        open=open_to_collaborate,
        interests=cleaned,
    )
    researcher = await load_researcher(info, researcher_id, fresh=True)
    if researcher is None:
        return not_found("researcher", researcher_id)
    if not rows:
        return NotAllowed(message="only the record's owner sets its collaboration settings")
    return PreferencesSaved(researcher=researcher)


async def _invite(info: Info, researcher_id: str, topic: str, message: str) -> InvitationResult:
    user = await info.context.user()
    if user is None:
        return NotAuthenticated(message="log in to invite researchers")
    invalid = _text(topic, "topic", MAX_TOPIC_LENGTH) or _text(
        message, "message", MAX_MESSAGE_LENGTH
    )
    if invalid:
        return invalid
    rows = await info.context.graph.write(
        "collaboration/send_invitation",
        senderId=user.id,
        researcherId=researcher_id,
        id=tokens.new_id("invitation"),
        topic=topic.strip(),
        message=message.strip(),
        perDay=info.context.auth.invitations_per_day,
        now=info.context.now(),
    )
    outcome, invitation_id = rows[0]["outcome"], rows[0]["invitationId"]
    if outcome == "missing":
        return not_found("researcher", researcher_id)
    if outcome == "unclaimed":
        return NotOpenToCollaborate(message=UNCLAIMED)
    if outcome == "closed":
        return NotOpenToCollaborate(message=CLOSED)
    if outcome == "self":
        return NotAllowed(message="you own this record; you cannot invite yourself")
    if outcome == "blocked":
        return NotAllowed(message="this researcher does not accept invitations from you")
    if outcome == "pending":
        return AlreadyPending(
            message="you already have a pending invitation to this researcher",
            invitation_id=invitation_id,
        )
    if outcome == "limit":
        return RateLimited(
            message=f"at most {info.context.auth.invitations_per_day} invitations a day",
            retry_after_seconds=24 * 3600,
        )
    found = await info.context.graph.read("collaboration/invitation", id=invitation_id)
    return InvitationSent(invitation=Invitation.from_row(found[0]["invitation"]))


async def _answer(info: Info, invitation_id: str, accept: bool, block: bool) -> AnswerResult:
    user = await info.context.user()
    if user is None:
        return NotAuthenticated(message="log in to answer invitations")
    graph = info.context.graph
    found = await graph.read("collaboration/invitation", id=invitation_id)
    if not found:
        return not_found("invitation", invitation_id)
    if found[0]["invitation"]["recipientId"] != user.id:
        return NotAllowed(message="only the invited researcher answers an invitation")
    rows = await graph.write(
        "collaboration/respond_invitation",
        id=invitation_id,
        userId=user.id,
        accept=accept,
        block=block,
        conversationId=tokens.new_id("conversation"),
        messageId=tokens.new_id("message"),
        now=info.context.now(),
    )
    if not rows:
        return ValidationError(message="this invitation was already answered", field="invitationId")
    invitation = Invitation.from_row(rows[0]["invitation"])
    conversation = None
    if invitation.conversation_id is not None:
        loaded = await graph.read(
            "collaboration/conversation", id=str(invitation.conversation_id), first=MAX_FIRST
        )
        conversation = Conversation.from_row(loaded[0]["conversation"])
    return InvitationAnswered(invitation=invitation, conversation=conversation)


async def _conversation(info: Info, conversation_id: str, first: int) -> ConversationResult:
    bounded(first, "first")
    user = await info.context.user()
    if user is None:
        return NotAuthenticated(message="log in to read conversations")
    rows = await info.context.graph.read(
        "collaboration/conversation", id=conversation_id, first=first
    )
    if not rows:
        return not_found("conversation", conversation_id)
    conversation = Conversation.from_row(rows[0]["conversation"])
    if all(p.id != user.id for p in conversation.participants):
        return NotAllowed(message="only its participants read a conversation")
    return conversation


async def _send(info: Info, conversation_id: str, body: str) -> MessageResult:
    user = await info.context.user()
    if user is None:
        return NotAuthenticated(message="log in to send messages")
    invalid = _text(body, "body", MAX_MESSAGE_LENGTH)
    if invalid:
        return invalid
    graph = info.context.graph
    rows = await graph.write(
        "collaboration/send_message",
        userId=user.id,
        conversationId=conversation_id,
        id=tokens.new_id("message"),
        body=body.strip(),
        perHour=info.context.auth.messages_per_hour,
        now=info.context.now(),
    )
    if rows and not rows[0]["sent"]:
        return RateLimited(
            message=f"at most {info.context.auth.messages_per_hour} messages an hour",
            retry_after_seconds=3600,
        )
    if rows:
        return MessageSent(message=Message.from_row(rows[0]["message"]))
    if not await graph.read("collaboration/conversation", id=conversation_id, first=1):
        return not_found("conversation", conversation_id)
    return NotAllowed(message="only its participants write in a conversation")


@strawberry.type
class CollaborationMutation:
    @strawberry.mutation(description="The owner opens or closes the record to invitations.")
    async def set_collaboration_preferences(
        self,
        info: Info,
        researcher_id: strawberry.ID,
        open_to_collaborate: bool,
        interests: list[str] | None = None,
    ) -> PreferencesResult:
        return await _preferences(info, str(researcher_id), open_to_collaborate, interests or [])

    @strawberry.mutation(
        description="Invite a claimed, open researcher to collaborate on a topic; one pending "
        "invitation per researcher and a daily limit per sender."
    )
    async def send_invitation(
        self, info: Info, researcher_id: strawberry.ID, topic: str, message: str
    ) -> InvitationResult:
        return await _invite(info, str(researcher_id), topic, message)

    @strawberry.mutation(
        description="The invited researcher accepts (opening a conversation) or declines; "
        "blockSender refuses the sender's future invitations."
    )
    async def respond_to_invitation(
        self,
        info: Info,
        invitation_id: strawberry.ID,
        accept: bool,
        block_sender: bool = False,
    ) -> AnswerResult:
        return await _answer(info, str(invitation_id), accept, block_sender)

    @strawberry.mutation(description="Write in a conversation you take part in.")
    async def send_message(
        self, info: Info, conversation_id: strawberry.ID, body: str
    ) -> MessageResult:
        return await _send(info, str(conversation_id), body)


@strawberry.type
class CollaborationQuery:
    @strawberry.field(
        description=f"A conversation, for its participants; newest messages first, "
        f"first <= {MAX_FIRST}."
    )
    async def conversation(
        self, info: Info, id: strawberry.ID, first: int = 50
    ) -> ConversationResult:
        return await _conversation(info, str(id), first)
