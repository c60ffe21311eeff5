# Generated from cypher/search/*.cypher, do not edit; regenerate with `make queries`.
"""The queries in cypher/search/ as typed async functions."""

from __future__ import annotations

from typing import Unpack, cast

from service.calls.search_types import NodesParams, NodesRow
from service.rows import Runner


async def nodes(db: Runner, /, **params: Unpack[NodesParams]) -> list[NodesRow]:
    """Search researchers, papers, topics and institutions by name or title for the search box."""
    rows = await db._run("search/nodes", dict(params), "read")
    return cast("list[NodesRow]", rows)
