"""Following researchers: the two idempotent mutations and the viewer's `following` connection."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from service import follow
from service.schema.bounds import bounded, decode_cursor, encode_cursor
from service.schema.context import Info
from service.schema.problems import NotAuthenticated, NotFound, not_found
from service.schema.researcher import Researcher, load_researcher
from service.schema.types import PageInfo

CURSOR_FIELDS = ("since", "id")


@strawberry.type
class FollowSuccess:
    researcher: Researcher
    following: bool = strawberry.field(description="Whether the viewer now follows them.")


FollowResult = Annotated[
    FollowSuccess | NotAuthenticated | NotFound, strawberry.union("FollowResult")
]


@strawberry.type
class FollowingEdge:
    cursor: str
    since: datetime
    node: Researcher


@strawberry.type
class FollowingConnection:
    total_count: int
    page_info: PageInfo
    edges: list[FollowingEdge]


async def following(info: Info, user_id: str, first: int, after: str | None) -> FollowingConnection:
    bounded(first, "first")
    page = await follow.following(
        info.context.graph, user_id, first, decode_cursor(after, CURSOR_FIELDS)
    )
    edges = [
        FollowingEdge(
            cursor=encode_cursor({"since": f.since_key, "id": f.researcher["id"]}),
            since=f.since,
            node=Researcher.from_stub(f.researcher),
        )
        for f in page.items[:first]
    ]
    return FollowingConnection(
        total_count=page.total,
        page_info=PageInfo(
            has_next_page=len(page.items) > first, end_cursor=edges[-1].cursor if edges else None
        ),
        edges=edges,
    )


async def _set_follow(info: Info, researcher_id: str, on: bool) -> FollowResult:
    done = await follow.set_following(
        info.context.graph, await info.context.user(), researcher_id, on, info.context.now()
    )
    if done is follow.Refusal.LOGIN:
        return NotAuthenticated(message=done.value)
    # The follower count changed since any card this request read: load it fresh.
    researcher = await load_researcher(info, researcher_id, fresh=True)
    if done is follow.Refusal.MISSING or researcher is None:
        return not_found("researcher", researcher_id)
    return FollowSuccess(researcher=researcher, following=bool(done))


@strawberry.type
class FollowMutation:
    @strawberry.mutation(description="Follow a researcher; following twice changes nothing.")
    async def follow_researcher(self, info: Info, researcher_id: strawberry.ID) -> FollowResult:
        return await _set_follow(info, str(researcher_id), True)

    @strawberry.mutation(description="Stop following; unfollowing twice changes nothing.")
    async def unfollow_researcher(self, info: Info, researcher_id: strawberry.ID) -> FollowResult:
        return await _set_follow(info, str(researcher_id), False)
