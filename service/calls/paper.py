# Generated from cypher/paper/*.cypher, do not edit; regenerate with `make queries`.
"""The queries in cypher/paper/ as typed async functions."""

from __future__ import annotations

from typing import Unpack, cast

from service.calls.paper_types import DetailsParams, DetailsRow
from service.rows import Runner


async def details(db: Runner, /, **params: Unpack[DetailsParams]) -> list[DetailsRow]:
    """Papers $ids with what their page shows: fields, venue, authors in byline order (at most
    $authorsFirst, with the full count), topics, and the ids of the papers in the graph each
    cites and is cited by (at most $linksFirst each, most cited first, with the full counts).
    """
    rows = await db._run("paper/details", dict(params), "read")
    return cast("list[DetailsRow]", rows)
