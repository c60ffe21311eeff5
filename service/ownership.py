"""Why an owner-only write on a researcher record matched nothing: the rule both claims (release)
and collaboration (preferences) answer with, each in its own refusal type."""

from __future__ import annotations

from typing import TypeVar

from service.calls.researcher import exists
from service.graph import Graph

R = TypeVar("R")


async def not_owner_or_missing(graph: Graph, researcher_id: str, *, not_owner: R, missing: R) -> R:
    """`not_owner` when the record exists (someone else owns it, or nobody), else `missing`."""
    return not_owner if await exists(graph, id=researcher_id) else missing
