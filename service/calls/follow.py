# Generated from cypher/follow/*.cypher, do not edit; regenerate with `make queries`.
"""The queries in cypher/follow/ as typed async functions."""

from __future__ import annotations

from typing import Unpack, cast

from service.calls.follow_types import (
    FollowingParams,
    FollowingRow,
    FollowParams,
    FollowRow,
    UnfollowParams,
    UnfollowRow,
)
from service.rows import Runner, optional


async def follow(db: Runner, /, **params: Unpack[FollowParams]) -> FollowRow | None:
    """User $userId follows researcher $researcherId; following twice changes nothing."""
    rows = await db._run("follow/follow", dict(params), "write")
    return cast("FollowRow | None", optional(rows))


async def following(db: Runner, /, **params: Unpack[FollowingParams]) -> FollowingRow | None:
    """The researchers user $userId follows, newest follow first, as a keyset page: $first + 1
    rows after the cursor $after {since (epoch milliseconds as text), id}, and the total.
    """
    rows = await db._run("follow/following", dict(params), "read")
    return cast("FollowingRow | None", optional(rows))


async def unfollow(db: Runner, /, **params: Unpack[UnfollowParams]) -> UnfollowRow | None:
    """User $userId stops following researcher $researcherId; unfollowing twice changes nothing."""
    rows = await db._run("follow/unfollow", dict(params), "write")
    return cast("UnfollowRow | None", optional(rows))
