# Generated from cypher/topic/*.cypher, do not edit; regenerate with `make queries`.
"""The queries in cypher/topic/ as typed async functions."""

from __future__ import annotations

from typing import Unpack, cast

from service.calls.topic_types import DetailsParams, DetailsRow
from service.rows import Runner


async def details(db: Runner, /, **params: Unpack[DetailsParams]) -> list[DetailsRow]:
    """Topics $ids with what their page shows: level, description, keywords, the chain of broader
    levels (topic -> subfield -> field -> domain, or a concept's parents), the narrower ones
    (at most $first, by name), how many works in the graph carry the topic, the $first most
    cited of them, and the researchers with most of them.
    """
    rows = await db._run("topic/details", dict(params), "read")
    return cast("list[DetailsRow]", rows)
