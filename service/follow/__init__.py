"""Following researchers, the rules once: a logged-in user follows or unfollows a record (twice
changes nothing); everyone sees the count; only the user sees whom they follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from service.calls import follow as calls
from service.graph import Graph
from service.identity.accounts import User
from service.identity.clock import native


class Refusal(Enum):
    LOGIN = "log in to follow researchers"
    MISSING = "no such record"


async def set_following(
    graph: Graph, user: User | None, researcher_id: str, follow: bool, now: datetime
) -> bool | Refusal:
    """Follow or stop following; the answer is whether the user now follows the record."""
    if user is None:
        return Refusal.LOGIN
    # Each query takes exactly its declared parameters: only following records a time.
    if follow:
        done = await calls.follow(graph, userId=user.id, researcherId=researcher_id, now=now)
    else:
        done = await calls.unfollow(graph, userId=user.id, researcherId=researcher_id)
    return follow if done is not None else Refusal.MISSING


@dataclass(frozen=True)
class Followed:
    since: datetime
    since_key: str  # the keyset cursor's part: epoch milliseconds as text
    researcher: dict[str, Any]  # the record as a stub (id, name, headline, flags)


@dataclass(frozen=True)
class FollowingPage:
    total: int
    items: list[Followed]  # newest follow first; one more than asked when there is a next page


async def following(
    graph: Graph, user_id: str, first: int, after: dict[str, Any] | None
) -> FollowingPage:
    """The user's follows, newest first, `first` + 1 after the keyset `after` {since, id}."""
    found = await calls.following(graph, userId=user_id, first=first, after=after)
    if found is None:
        return FollowingPage(0, [])
    return FollowingPage(
        found["total"],
        [Followed(native(e["since"]), e["sinceKey"], e["researcher"]) for e in found["page"]],
    )
