"""Keeping researcher summaries current in a graph written transactionally.

The figures are defined once, in service/importer/summariser.py. The importer refreshes the
researchers a run touched, once at the end of the run (a prolific author appears in every
batch); `refresh_all` recomputes every researcher's, after an upgrade that adds a figure or a
store written by other means. Each
batch of researchers is one transaction: their works and co-authors are read back from the
graph, summarised in Python, and stored with a plain `SET`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from neo4j import AsyncDriver
from service.calls import import_
from service.calls.import_types import (
    AuthoredCopiesRow,
    CoauthorIdsRow,
    ResearcherIdsRow,
    WriteSummariesRow,
)
from service.graph import Row
from service.importer.summariser import Summariser, Work
from service.transactions import Transaction, read_transaction, write_transaction

# A batch is one transaction. Ordinary researchers bring a few works each; a prolific one
# thousands, which a batch this size still reads and writes well within the memory cap.
BATCH_SIZE = 500


@dataclass
class Refreshed:
    researchers: int = 0
    seconds: float = 0.0


class Reader:
    """Reads what the summaries of a batch of researchers need, within its transaction.

    The co-authors of one batch are largely those of the next (a prolific author is on every
    batch's works), so people, institutions and topics once read are kept for the rest of the
    run: each is read once per refresh, not once per batch. A refresh runs after the import's
    writes, so what it keeps does not change under it.
    """

    def __init__(self) -> None:
        self.names: dict[str, str | None] = {}
        self.affiliations: dict[str, list[str]] = {}
        self.institution_names: dict[str, str | None] = {}
        self.topic_names: dict[str, str | None] = {}

    async def summaries(self, tx: Transaction, ids: list[str]) -> list[Row]:
        """`{id, summary}` of each of `ids` that exists."""
        found = (await import_.summary_works(tx, ids=ids))["works"]
        works = [Work(i, year, title, tuple(a), tuple(t)) for i, year, title, a, t in found]
        people = {*ids, *(a for w in works for a in w.authors)} - self.names.keys()
        topics = {t for w in works for t in w.topics} - self.topic_names.keys()
        if people or topics:
            new = await import_.summary_people(tx, ids=sorted(people), topics=sorted(topics))
            for rid, name, institutions in new["people"]:
                self.names[rid] = name
                self.affiliations[rid] = institutions
            self.institution_names.update((i, name) for i, name in new["institutions"])
            self.topic_names.update((t, name) for t, name in new["topics"])
        here = [rid for rid in ids if rid in self.names]
        everyone = {*here, *(a for w in works for a in w.authors)}
        summarise = Summariser(
            works,
            {rid: self.names[rid] for rid in everyone},
            self.topic_names,
            self.institution_names,
            {rid: self.affiliations[rid] for rid in everyone},
        )
        return [{"id": rid, "summary": summarise(rid)} for rid in here]


async def refresh(
    driver: AsyncDriver, database: str, ids: Iterable[str], *, batch_size: int = BATCH_SIZE
) -> int:
    """Recompute the summaries of `ids` in batches; returns how many researchers exist of them."""
    # Sorted, so two runs refreshing overlapping researchers lock them in the same order.
    ordered = sorted(set(ids))
    reader = Reader()
    done = 0
    for start in range(0, len(ordered), batch_size):
        batch = ordered[start : start + batch_size]

        async def work(tx: Transaction, batch: list[str] = batch) -> WriteSummariesRow:
            rows = await reader.summaries(tx, batch)
            return await import_.write_summaries(tx, rows=rows)

        done += int((await write_transaction(driver, database, work))["refreshed"])
    return done


async def coauthors(
    driver: AsyncDriver, database: str, ids: Iterable[str], *, batch_size: int = BATCH_SIZE
) -> set[str]:
    ordered = sorted(set(ids))
    found: set[str] = set()
    for start in range(0, len(ordered), batch_size):
        batch = ordered[start : start + batch_size]

        async def read(tx: Transaction, batch: list[str] = batch) -> CoauthorIdsRow:
            return await import_.coauthor_ids(tx, ids=batch)

        found.update((await read_transaction(driver, database, read))["ids"])
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
    """Recompute every researcher's summary, a page of ids per transaction, and put the copies
    the works page's index reads on their authorships in step."""
    began = time.monotonic()
    report = Refreshed()
    after = ""
    while True:
        # Reads and writes alternate on one page at a time, so memory stays flat however
        # large the graph is.
        async def page(tx: Transaction, after: str = after) -> list[ResearcherIdsRow]:
            return await import_.researcher_ids(tx, after=after, first=batch_size)

        ids = [row["id"] for row in await read_transaction(driver, database, page)]
        if not ids:
            break

        async def copies(tx: Transaction, ids: list[str] = ids) -> AuthoredCopiesRow:
            return await import_.authored_copies(tx, ids=ids)

        await write_transaction(driver, database, copies)
        report.researchers += await refresh(driver, database, ids, batch_size=batch_size)
        after = ids[-1]
        if progress is not None:
            report.seconds = time.monotonic() - began
            progress(report)
    report.seconds = time.monotonic() - began
    return report
