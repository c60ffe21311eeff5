# Generated from cypher/follow/*.cypher, do not edit; regenerate with `make queries`.
"""Parameters and rows of the queries in cypher/follow/, as TypedDicts."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypedDict

from neo4j.time import DateTime


class FollowParams(TypedDict):
    userId: str
    researcherId: str
    now: datetime | DateTime


class FollowRow(TypedDict):
    id: str  # the followed record's id


class FollowingParams(TypedDict):
    userId: str
    after: dict[str, Any] | None
    first: int


class FollowingRow(TypedDict):
    total: int  # how many the user follows
    page: list[dict[str, Any]]  # up to first + 1 follows after the cursor


class UnfollowParams(TypedDict):
    userId: str
    researcherId: str


class UnfollowRow(TypedDict):
    id: str  # the record's id
