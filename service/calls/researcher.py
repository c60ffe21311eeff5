# Generated from cypher/researcher/*.cypher, do not edit; regenerate with `make queries`.
"""The queries in cypher/researcher/ as typed async functions."""

from __future__ import annotations

from typing import Unpack, cast

from service.calls.researcher_types import (
    CardsParams,
    CardsRow,
    ExistsParams,
    ExistsRow,
    TopParams,
    TopRow,
)
from service.rows import Runner, optional


async def cards(db: Runner, /, **params: Unpack[CardsParams]) -> list[CardsRow]:
    """Researcher cards by id or by full-text name search, optionally with the profile's
    sections.
    """
    rows = await db._run("researcher/cards", dict(params), "read")
    return cast("list[CardsRow]", rows)


async def exists(db: Runner, /, **params: Unpack[ExistsParams]) -> ExistsRow | None:
    """Whether researcher $id exists: one row when it does, none when not."""
    rows = await db._run("researcher/exists", dict(params), "read")
    return cast("ExistsRow | None", optional(rows))


async def top(db: Runner, /, **params: Unpack[TopParams]) -> list[TopRow]:
    """The $first researchers with the most distinct co-authors (the home page's "most
    connected"), read from the researcher_coauthors index in descending order instead of
    sorting everyone.
    """
    rows = await db._run("researcher/top", dict(params), "read")
    return cast("list[TopRow]", rows)
