"""Direct collaboration over GraphQL: the result unions, and resolvers that ask the domain
(service/collaboration/) and map its answer to them. The types they answer with:
collaboration_types.py."""

from __future__ import annotations

from typing import Annotated, cast

import strawberry

from service import errors
from service.collaboration import conversations, invitations, preferences
from service.collaboration.refusal import Refusal
from service.identity.accounts import User
from service.schema.bounds import MAX_FIRST, bounded
from service.schema.collaboration_types import (
    Conversation,
    Invitation,
    InvitationBox,
    InvitationStatus,
    Message,
)
from service.schema.context import Info
from service.schema.problems import (
    AlreadyPending,
    NotAllowed,
    NotAuthenticated,
    NotFound,
    NotOpenToCollaborate,
    RateLimited,
    ValidationError,
    invalid,
)
from service.schema.researcher import Researcher, load_researcher


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
Problem = (
    NotAuthenticated | NotAllowed | NotFound | NotOpenToCollaborate | RateLimited | ValidationError
)


def problem(info: Info, refusal: Refusal, kind: str, id: str) -> Problem:
    """The result type each refusal of the domain is shown as. Each mutation's union holds
    the types its own refusals map to (the domain returns no others), hence the casts."""
    text = refusal.text(info.context.auth)
    if refusal is Refusal.LOGIN:
        return NotAuthenticated(message=text)
    if refusal is Refusal.MISSING:
        return NotFound(message=f"no {kind} has id {id}", id=strawberry.ID(id))
    if refusal in (Refusal.UNCLAIMED, Refusal.CLOSED):
        return NotOpenToCollaborate(message=text)
    if refusal.retry_after_s:
        return RateLimited(message=text, retry_after_seconds=refusal.retry_after_s)
    if refusal is Refusal.ANSWERED:
        return ValidationError(message=text, field="invitationId")
    return NotAllowed(message=text)


async def invitations_of(
    info: Info, user: User, box: InvitationBox, status: InvitationStatus | None, first: int
) -> list[Invitation]:
    found = await invitations.of(
        info.context.graph,
        user,
        received=box is InvitationBox.RECEIVED,
        status=status.value if status else None,
        first=bounded(first, "first"),
    )
    return [Invitation.of(i) for i in found]


async def conversations_of(info: Info, user: User, first: int) -> list[Conversation]:
    found = await conversations.of(info.context.graph, user, bounded(first, "first"))
    return [Conversation.of(c) for c in found]


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
        rid = str(researcher_id)
        try:
            done = await preferences.set_preferences(
                info.context.graph, await info.context.user(), rid, open_to_collaborate,
                interests or [],
            )  # fmt: skip
        except errors.Invalid as exc:
            return invalid(exc)
        if done is not None:
            return cast(PreferencesResult, problem(info, done, "researcher", rid))
        researcher = await load_researcher(info, rid, fresh=True)
        assert researcher is not None
        return PreferencesSaved(researcher=researcher)

    @strawberry.mutation(
        description="Invite a claimed, open researcher to collaborate on a topic; one pending "
        "invitation per researcher and a daily limit per sender."
    )
    async def send_invitation(
        self, info: Info, researcher_id: strawberry.ID, topic: str, message: str
    ) -> InvitationResult:
        context, rid = info.context, str(researcher_id)
        try:
            done = await invitations.invite(
                context.graph, context.auth, await context.user(), rid, topic, message,
                context.now(),
            )  # fmt: skip
        except errors.Invalid as exc:
            return invalid(exc)
        if isinstance(done, invitations.Pending):
            return AlreadyPending(
                message=Refusal.PENDING.value, invitation_id=strawberry.ID(done.invitation_id)
            )
        if isinstance(done, Refusal):
            return problem(info, done, "researcher", rid)
        return InvitationSent(invitation=Invitation.of(done))

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
        context, iid = info.context, str(invitation_id)
        done = await invitations.answer(
            context.graph, await context.user(), iid, accept, block_sender, context.now()
        )
        if isinstance(done, Refusal):
            return cast(AnswerResult, problem(info, done, "invitation", iid))
        opened = Conversation.of(done.conversation) if done.conversation else None
        return InvitationAnswered(invitation=Invitation.of(done.invitation), conversation=opened)

    @strawberry.mutation(description="Write in a conversation you take part in.")
    async def send_message(
        self, info: Info, conversation_id: strawberry.ID, body: str
    ) -> MessageResult:
        context, cid = info.context, str(conversation_id)
        try:
            done = await conversations.send(
                context.graph, context.auth, await context.user(), cid, body, context.now()
            )
        except errors.Invalid as exc:
            return invalid(exc)
        if isinstance(done, Refusal):
            return cast(MessageResult, problem(info, done, "conversation", cid))
        return MessageSent(message=Message.of(done))


@strawberry.type
class CollaborationQuery:
    @strawberry.field(
        description=f"A conversation, for its participants; newest messages first, "
        f"first <= {MAX_FIRST}."
    )
    async def conversation(
        self, info: Info, id: strawberry.ID, first: int = 50
    ) -> ConversationResult:
        cid = str(id)
        done = await conversations.read(
            info.context.graph, await info.context.user(), cid, bounded(first, "first")
        )
        if isinstance(done, Refusal):
            return cast(ConversationResult, problem(info, done, "conversation", cid))
        return Conversation.of(done)
