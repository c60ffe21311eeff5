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
from service.graph import Row, Transaction, read_query, write_query, write_transaction
from service.importer.summariser import Summariser, Work

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
        found = (await tx.run("import/summary_works", {"ids": ids}))[0]["works"]
        works = [Work(i, year, title, tuple(a), tuple(t)) for i, year, title, a, t in found]
        people = {*ids, *(a for w in works for a in w.authors)} - self.names.keys()
        topics = {t for w in works for t in w.topics} - self.topic_names.keys()
        if people or topics:
            new = await tx.run(
                "import/summary_people", {"ids": sorted(people), "topics": sorted(topics)}
            )
            for rid, name, institutions in new[0]["people"]:
                self.names[rid] = name
                self.affiliations[rid] = institutions
            self.institution_names.update(new[0]["institutions"])
            self.topic_names.update(new[0]["topics"])
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

        async def work(tx: Transaction, batch: list[str] = batch) -> list[Row]:
            rows = await reader.summaries(tx, batch)
            return await tx.run("import/write_summaries", {"rows": rows})

        done += int((await write_transaction(driver, database, work))[0]["refreshed"])
    return done


async def coauthors(
    driver: AsyncDriver, database: str, ids: Iterable[str], *, batch_size: int = BATCH_SIZE
) -> set[str]:
    ordered = sorted(set(ids))
    found: set[str] = set()
    for start in range(0, len(ordered), batch_size):
        batch = ordered[start : start + batch_size]
        rows = await read_query(driver, database, "import/coauthor_ids", {"ids": batch})
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
    """Recompute every researcher's summary, a page of ids per transaction, and put the copies
    the works page's index reads on their authorships in step."""
    began = time.monotonic()
    report = Refreshed()
    after = ""
    while True:
        # Reads and writes alternate on one page at a time, so memory stays flat however
        # large the graph is.
        page = {"after": after, "first": batch_size}
        rows = await read_query(driver, database, "import/researcher_ids", page)
        ids = [row["id"] for row in rows]
        if not ids:
            break
        await write_query(driver, database, "import/authored_copies", {"ids": ids})
        report.researchers += await refresh(driver, database, ids, batch_size=batch_size)
        after = ids[-1]
        if progress is not None:
            report.seconds = time.monotonic() - began
            progress(report)
    report.seconds = time.monotonic() - began
    return report
