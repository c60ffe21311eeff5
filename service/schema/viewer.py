"""The logged-in user as GraphQL's `viewer`: their account and their own lists (follows,
claims, invitations, conversations), which only they can read."""

from __future__ import annotations

from datetime import datetime

import strawberry

from service.identity import accounts
from service.schema.bounds import MAX_FIRST
from service.schema.claim_types import Claim
from service.schema.claims import claims_of
from service.schema.collaboration import conversations_of, invitations_of
from service.schema.collaboration_types import (
    Conversation,
    Invitation,
    InvitationBox,
    InvitationStatus,
)
from service.schema.context import Info
from service.schema.follow import FollowingConnection, following


@strawberry.type(description="The logged-in user; only they see these fields.")
class Viewer:
    id: strawberry.ID
    email: str
    display_name: str
    is_admin: bool
    created_at: datetime

    @strawberry.field(description=f"Newest follow first; first <= {MAX_FIRST}.")
    async def following(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> FollowingConnection:
        return await following(info, str(self.id), first, after)

    @strawberry.field(description=f"Claims this user made, newest first; first <= {MAX_FIRST}.")
    async def claims(self, info: Info, first: int = 20) -> list[Claim]:
        user = await info.context.user()
        assert user is not None and user.id == self.id
        return await claims_of(info, user, first)

    @strawberry.field(
        description=f"Invitations received (to records this user owns) or sent, newest first; "
        f"first <= {MAX_FIRST}."
    )
    async def invitations(
        self,
        info: Info,
        box: InvitationBox = InvitationBox.RECEIVED,
        status: InvitationStatus | None = None,
        first: int = 20,
    ) -> list[Invitation]:
        user = await info.context.user()
        assert user is not None and user.id == self.id
        return await invitations_of(info, user, box, status, first)

    @strawberry.field(
        description=f"Conversations, latest message first; first <= {MAX_FIRST}. Each carries "
        "only its latest message; `conversation(id)` reads the thread."
    )
    async def conversations(self, info: Info, first: int = 20) -> list[Conversation]:
        user = await info.context.user()
        assert user is not None and user.id == self.id
        return await conversations_of(info, user, first)

    @classmethod
    def of(cls, user: accounts.User) -> Viewer:
        return cls(
            id=strawberry.ID(user.id),
            email=user.email,
            display_name=user.display_name,
            is_admin=user.is_admin,
            created_at=user.created_at,
        )
