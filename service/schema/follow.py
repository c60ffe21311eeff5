"""Following researchers: the two idempotent mutations and the viewer's `following` connection."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from service.identity.clock import native
from service.schema.bounds import bounded, decode_cursor, encode_cursor
from service.schema.context import Context
from service.schema.problems import NotAuthenticated, NotFound, not_found
from service.schema.researcher import Researcher, load_researcher
from service.schema.types import PageInfo

Info = strawberry.Info[Context, None]
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
    rows = await info.context.graph.read(
        "follow/following", userId=user_id, first=first, after=decode_cursor(after, CURSOR_FIELDS)
    )
    if not rows:
        return FollowingConnection(
            total_count=0, page_info=PageInfo(has_next_page=False, end_cursor=None), edges=[]
        )
    page = rows[0]["page"]
    edges = [
        FollowingEdge(
            cursor=encode_cursor({"since": e["sinceKey"], "id": e["researcher"]["id"]}),
            since=native(e["since"]),
            node=Researcher.from_stub(e["researcher"]),
        )
        for e in page[:first]
    ]
    return FollowingConnection(
        total_count=rows[0]["total"],
        page_info=PageInfo(
            has_next_page=len(page) > first, end_cursor=edges[-1].cursor if edges else None
        ),
        edges=edges,
    )


async def _set_follow(info: Info, researcher_id: str, follow: bool) -> FollowResult:
    user = await info.context.user()
    if user is None:
        return NotAuthenticated(message="log in to follow researchers")
    rows = await info.context.graph.write(
        "follow/follow" if follow else "follow/unfollow",
        userId=user.id,
        researcherId=researcher_id,
        now=info.context.now(),
    )
    # The follower count changed since any card this request read: load it fresh.
    researcher = await load_researcher(info, researcher_id, fresh=True) if rows else None
    if researcher is None:
        return not_found("researcher", researcher_id)
    return FollowSuccess(researcher=researcher, following=follow)


@strawberry.type
class FollowMutation:
    @strawberry.mutation(description="Follow a researcher; following twice changes nothing.")
    async def follow_researcher(self, info: Info, researcher_id: strawberry.ID) -> FollowResult:
        return await _set_follow(info, str(researcher_id), True)

    @strawberry.mutation(description="Stop following; unfollowing twice changes nothing.")
    async def unfollow_researcher(self, info: Info, researcher_id: strawberry.ID) -> FollowResult:
        return await _set_follow(info, str(researcher_id), False)
