# Generated from cypher/institution/*.cypher, do not edit; regenerate with `make queries`.
"""The queries in cypher/institution/ as typed async functions."""

from __future__ import annotations

from typing import Unpack, cast

from service.calls.institution_types import DetailsParams, DetailsRow
from service.rows import Runner


async def details(db: Runner, /, **params: Unpack[DetailsParams]) -> list[DetailsRow]:
    """Institutions $ids with what their page shows: identity (country, type, city, ROR,
    homepage), broader institutions (PART_OF), how many researchers in the graph are
    affiliated, the $first of them most recently affiliated (then by works), and the $first
    most cited works written there (an AUTHORED naming the institution) by its 500 most
    recently affiliated researchers, a bounded walk however large the institution.
    """
    rows = await db._run("institution/details", dict(params), "read")
    return cast("list[DetailsRow]", rows)
