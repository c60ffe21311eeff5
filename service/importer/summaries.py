"""Researcher summaries: the figures a profile card and a graph slice read instead of walking
every work and co-author of a prolific author on each request (issue 3).

`cypher/import/refresh_researchers.cypher` recomputes them for a batch of ids. The importer
refreshes the researchers a run touched, once at the end of the run (a prolific author appears
in every batch); `refresh_all` recomputes every researcher's, after an offline bulk load or an
upgrade that adds a figure. Whatever depends on claims or follows is never stored: those change
without imports, so the card reads them live.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j import exceptions as neo
from service import collaborators
from service.graph import translate
from service.queries import get
from service.schema.bounds import MAX_FIRST, MAX_GRAPH_NODES

# A batch is one transaction. Ordinary researchers cost a few hundred db hits each; a prolific
# one a few hundred thousand, which a batch this size still commits within the memory cap.
BATCH_SIZE = 500
# Kept per researcher: every collaborator `closeCollaborators(first:)` can ask for, and every
# candidate of one node kind the largest slice can show (its budget counts the center).
KEEP_COLLABORATORS = MAX_FIRST
KEEP_SLICE = MAX_GRAPH_NODES - 1


@dataclass
class Refreshed:
    researchers: int = 0
    seconds: float = 0.0


async def _run(
    driver: AsyncDriver, database: str, name: str, params: dict[str, Any], *, write: bool = True
) -> list[dict[str, Any]]:
    text = get(name).text

    async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
        return [record.data() async for record in await tx.run(text, params)]

    try:
        async with driver.session(database=database) as session:
            if write:
                return await session.execute_write(work)
            return await session.execute_read(work)
    except (neo.Neo4jError, neo.DriverError) as exc:
        raise translate(exc) from exc


async def refresh(
    driver: AsyncDriver, database: str, ids: Iterable[str], *, batch_size: int = BATCH_SIZE
) -> int:
    """Recompute the summaries of `ids` in batches; returns how many researchers exist of them."""
    # Sorted, so two runs refreshing overlapping researchers lock them in the same order.
    ordered = sorted(set(ids))
    done = 0
    for start in range(0, len(ordered), batch_size):
        rows = await _run(
            driver,
            database,
            "import/refresh_researchers",
            {
                "ids": ordered[start : start + batch_size],
                "keepCollaborators": KEEP_COLLABORATORS,
                "keepSlice": KEEP_SLICE,
                "closeMinShared": collaborators.CLOSE_MIN_SHARED,
            },
        )
        done += int(rows[0]["refreshed"])
    return done


async def coauthors(
    driver: AsyncDriver, database: str, ids: Iterable[str], *, batch_size: int = BATCH_SIZE
) -> set[str]:
    ordered = sorted(set(ids))
    found: set[str] = set()
    for start in range(0, len(ordered), batch_size):
        batch = ordered[start : start + batch_size]
        rows = await _run(driver, database, "import/coauthor_ids", {"ids": batch}, write=False)
        found.update(rows[0]["ids"])
    return found


async def refresh_after_import(
    driver: AsyncDriver, database: str, touched: set[str], around: set[str]
) -> Refreshed:
    """Refresh `touched` researchers, and `around` ones with all their co-authors."""
    began = time.monotonic()
    wanted = touched | around
    if around:
        wanted |= await coauthors(driver, database, around)
    count = await refresh(driver, database, wanted) if wanted else 0
    return Refreshed(researchers=count, seconds=time.monotonic() - began)


async def refresh_all(
    driver: AsyncDriver,
    database: str,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[Refreshed], None] | None = None,
) -> Refreshed:
    """Recompute every researcher's summary, a page of ids per transaction."""
    began = time.monotonic()
    report = Refreshed()
    after = ""
    while True:
        # Reads and writes alternate on one page at a time, so memory stays flat however
        # large the graph is.
        page = {"after": after, "first": batch_size}
        rows = await _run(driver, database, "import/researcher_ids", page, write=False)
        ids = [row["id"] for row in rows]
        if not ids:
            break
        report.researchers += await refresh(driver, database, ids, batch_size=batch_size)
        after = ids[-1]
        if progress is not None:
            report.seconds = time.monotonic() - began
            progress(report)
    report.seconds = time.monotonic() - began
    return report
