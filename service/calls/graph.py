# Generated from cypher/graph/*.cypher, do not edit; regenerate with `make queries`.
"""The queries in cypher/graph/ as typed async functions."""

from __future__ import annotations

from typing import Unpack, cast

from service.calls.graph_types import SliceParams, SliceRow
from service.rows import Runner, optional


async def slice(db: Runner, /, **params: Unpack[SliceParams]) -> SliceRow | None:
    """The neighbourhood of any node (researcher, paper, topic, institution) for the graph
    explorer, ranked and cut to a node budget; also what expanding a node on screen adds.
    """
    rows = await db._run("graph/slice", dict(params), "read")
    return cast("SliceRow | None", optional(rows))
