"""Initial loads of a whole corpus through Neo4j's offline importer (`neo4j-admin database import`).

Transactional MERGEs cost about a millisecond of database CPU per work (some twenty writes each),
which bounds `import_items` near a thousand works/s on two cores. An empty database can instead
be written directly as store files: works are read and mapped by the same code as the
transactional path (`work_row`, `batch_params`), one process per input file
(service/importer/bulk_parts.py), put together here in file order with the same rules as
`cypher/import/works.cypher`, written as CSV and handed to `neo4j-admin`. The other entity
records (authors, institutions, sources, topics, merged ids, ...) are few; they go through the
transactional path once the server is back, so their rules are not written twice. A test
compares the graph this builds with the one the transactional path builds from the same files.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from neo4j import AsyncDriver
from service import collaborators, localdb
from service.graph import open_driver, setup_schema
from service.importer import summaries
from service.importer.bulk_parts import (
    PAPER_HEADER,
    PAPER_TYPES,
    PART_BITS,
    PROVENANCE,
    Nodes,
    Part,
    Record,
    Shaped,
    Task,
    set_up,
    shape,
)
from service.importer.bulk_progress import Report, Ticker, counted
from service.importer.csv_files import (
    ARRAY_DELIMITER,
    CsvFile,
    Output,
    drop,
    has_line_break,
    typed,
)
from service.importer.loader import Refusal, Summary, files_in, import_items, map_item
from service.importer.readers import Item, merged_ids_file
from service.importer.summary_columns import SUMMARY_TYPES, Summariser, Work
from service.settings import Settings


def usable_cpus() -> int:
    return len(os.sched_getaffinity(0))


def in_parallel(jobs: list[Callable[[], None]]) -> None:
    """Run the first job here and each other one in a forked process; wait for them all.

    Fork, not spawn: a child starts with the parent's memory as it is (the whole load's
    works), and leaves through `os._exit`, so it never flushes or cleans up the parent's state.
    """
    context = multiprocessing.get_context("fork")
    children = [context.Process(target=job, daemon=True) for job in jobs[1:]]
    for child in children:
        child.start()
    try:
        if jobs:
            jobs[0]()
    finally:
        for child in children:
            child.join()
    failed = [child.exitcode for child in children if child.exitcode != 0]
    if failed:
        raise RuntimeError(f"a process writing the bulk files failed (exit codes {failed})")


@dataclass
class Written:
    """The files written for `neo4j-admin`."""

    folder: Path
    nodes: list[Output]
    relationships: list[Output]

    def arguments(self) -> list[str]:
        files = [f"--nodes={f.kind}={f.path}" for f in self.nodes]
        files += [f"--relationships={f.kind}={f.path}" for f in self.relationships]
        # Multi-line parsing is much slower (a 100k-work load: 22.7 s -> 14.8 s without it
        # where no field needs it), so only files holding a line break get it.
        # The v2 format takes paths only; without any, the default (none multi-line) holds.
        multiline = ",".join(str(f.path) for f in [*self.nodes, *self.relationships] if f.multiline)
        if multiline:
            files += [f"--multiline-fields={multiline}", "--multiline-fields-format=v2"]
        return files

    def rows(self, label: str) -> int:
        return sum(f.rows for f in [*self.nodes, *self.relationships] if f.kind == label)

    @property
    def node_count(self) -> int:
        return sum(f.rows for f in self.nodes)

    @property
    def relationship_count(self) -> int:
        return sum(f.rows for f in self.relationships)


class Assembler:
    """Puts the parts together in file order, then writes what no part can alone: the nodes
    many works share, citation stubs for works no file holds, topic hierarchy, affiliations,
    and every researcher with its summary.

    A later record of a work supersedes the earlier one's rows, in its own part or an earlier
    one; `finish` drops those rows from the parts that hold them.
    """

    def __init__(
        self, folder: Path, *, source: str, imported_at: str, processes: int | None = None
    ) -> None:
        """`processes`: how many write the researcher file (default: one per usable CPU, each
        with at least 500 researchers, as a fork and a file cost little, but not nothing)."""
        self.folder = folder
        self.provenance = (source, imported_at)
        self.processes = processes
        self.nodes = Nodes()
        self.occurrence: dict[str, int] = {}  # work id -> its latest occurrence
        self.superseded: set[int] = set()
        self.final: dict[str, Work] = {}
        self.parts: dict[int, list[Output]] = {}  # by part index

    def take(self, part: Part) -> None:
        for work, occurrence in part.occurrence.items():
            earlier = self.occurrence.get(work)
            if earlier is not None:
                self.superseded.add(earlier)
            self.occurrence[work] = occurrence
        self.superseded |= part.superseded
        self.nodes.absorb(part.nodes)
        self.final.update(part.final)
        self.parts[part.index] = part.files

    @property
    def works(self) -> int:
        return len(self.occurrence)

    def finish(self, ticker: Ticker) -> Written:
        """Write the shared nodes and relationships, then every researcher with its summary
        (the phase `ticker` calls "researcher summaries")."""
        source, imported_at = self.provenance
        shared = self.nodes
        parts = self._without_superseded()

        stubs = CsvFile(self.folder / "stubs.csv", PAPER_HEADER)
        for ref in sorted(shared.references - self.occurrence.keys()):
            stubs.write(-1, ref, *(None for _ in PAPER_TYPES), True, source, ref, imported_at)
        part_of = CsvFile(self.folder / "part_of.csv", [":START_ID(Topic)", ":END_ID(Topic)"])
        for child, parent in sorted(shared.part_of):
            part_of.link(child, parent)
        affiliated = CsvFile(
            self.folder / "affiliated_with.csv",
            [":START_ID(Researcher)", ":END_ID(Institution)", "years:long[]", "lastYear:long"],
        )
        for (rid, inst), years in shared.affiliations.items():
            ordered = sorted(years)
            affiliated.link(rid, inst, ordered or None, ordered[-1] if ordered else None)

        def nodes(label: str, columns: dict[str, str], records: Iterable[Record]) -> Output:
            out = CsvFile(self.folder / f"{label.lower()}.csv", self._header(label, columns))
            for r in records:
                out.write(r["id"], *(r.get(k) for k in columns), source, r["id"], imported_at)
            return out.output(label)

        text = "string"
        others = [
            nodes(
                "Institution",
                {"name": text, "ror": text, "countryCode": text, "type": text},
                shared.institutions.values(),
            ),
            nodes("Venue", {"name": text, "type": text, "issnL": text}, shared.venues.values()),
            nodes("Topic", {"name": text, "level": text}, shared.topics.values()),
            nodes("Funder", {"name": text}, shared.funders.values()),
        ]
        relationships = [
            *(f for f in parts if f.kind != "Paper"),
            part_of.output("PART_OF"),
            affiliated.output("AFFILIATED_WITH"),
        ]
        ticker.phase("researcher summaries", "researchers")
        researchers = self._write_researchers(
            {"name": text, "orcid": text, **SUMMARY_TYPES}, ticker
        )
        return Written(
            self.folder,
            nodes=[
                *(f for f in parts if f.kind == "Paper"),
                stubs.output("Paper"),
                *researchers,
                *others,
            ],
            relationships=relationships,
        )

    @staticmethod
    def _header(label: str, columns: dict[str, str]) -> list[str]:
        return [f"id:ID({label})", *(typed(k, t) for k, t in columns.items()), *PROVENANCE]

    def _without_superseded(self) -> list[Output]:
        """Every part's files, rewritten without superseded rows where a part holds any."""
        touched = {occurrence >> PART_BITS for occurrence in self.superseded}
        files = []
        for index, part in sorted(self.parts.items()):
            for f in part:
                if index in touched:
                    f = f._replace(rows=f.rows - drop(f.path, self.superseded))
                files.append(f)
        return files

    def _write_researchers(self, columns: dict[str, str], ticker: Ticker) -> list[Output]:
        """The researcher file with every summary (service/importer/summary_columns.py).

        Summaries are most of what is left to compute once the parts are in; forked processes
        each write a share of the researchers (memory is shared copy-on-write) to a file of
        their own.
        """
        shared = self.nodes
        member_of: dict[str, list[str]] = {}
        for rid, inst in shared.affiliations:
            member_of.setdefault(rid, []).append(inst)
        summarise = Summariser(
            self.final.values(),
            {rid: r["name"] for rid, r in shared.researchers.items()},
            {tid: t["name"] for tid, t in shared.topics.items()},
            {iid: i["name"] for iid, i in shared.institutions.items()},
            member_of,
            keep_collaborators=summaries.KEEP_COLLABORATORS,
            keep_slice=summaries.KEEP_SLICE,
            close_min_shared=collaborators.CLOSE_MIN_SHARED,
        )
        ids = list(shared.researchers)
        parts = self.processes or min(usable_cpus(), len(ids) // 500)
        parts = max(1, min(parts, len(ids)))
        bounds = summarise.shares(ids, parts)
        header = self._header("Researcher", columns)
        paths = [self.folder / f"researcher.{n}.csv" for n in range(parts)]
        source, imported_at = self.provenance

        def write(n: int) -> None:
            # Opened here, in the process that writes it: a buffer filled before the fork
            # would be flushed by both processes.
            out = CsvFile(paths[n], header)
            for rid in counted(ids[bounds[n] : bounds[n + 1]], ticker):
                row = {**shared.researchers[rid], **summarise(rid)}
                out.write(rid, *(row.get(k) for k in columns), source, rid, imported_at)
            out.close()

        in_parallel([functools.partial(write, n) for n in range(parts)])
        # Written in other processes: only a name or ORCID could hold a line break.
        multiline = any(
            has_line_break(text)
            for r in shared.researchers.values()
            for text in (r["name"] or "", r["orcid"] or "")
        )
        return [
            Output("Researcher", paths[n], bounds[n + 1] - bounds[n], multiline)
            for n in range(parts)
        ]


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Without the cyclic garbage collector for the time of a load's Python phases.

    A load holds millions of long-lived objects (every work's final record, the shared nodes)
    and makes no reference cycles; the collector would walk all of them again and again: at
    100k works, a third of reading and mapping and of the summaries. Forked workers inherit
    the setting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@no_cycle_collection()
def write_csv(
    files: list[Path],
    folder: Path,
    summary: Summary,
    *,
    source: str,
    imported_at: str,
    fail_fast: bool = False,
    processes: int | None = None,
    ticker: Ticker | None = None,
) -> tuple[Written, list[Item]]:
    """Map and write every work of `files`; return the files written and the other records,
    kept as they are for the transactional pass.

    Merged-id lists are read here first, wherever they are in `files`, so every worker resolves
    merged authors as the transactional import ends up doing whatever order they arrive in; the
    other files are shaped by up to `processes` workers (default: one per usable CPU), one file
    each, and put together in file order. `ticker` times and counts the phases "read, map,
    write CSV" (records read) and "researcher summaries" (researchers written).
    """
    ticker = ticker or Ticker()
    ticker.phase("read, map, write CSV", "records read")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    merged: dict[str, str] = {}
    set_up(merged, ticker)
    others: list[Item] = []
    assembler = Assembler(folder, source=source, imported_at=imported_at, processes=processes)

    def take(shaped: Shaped) -> None:
        summary.add(shaped.summary)
        others.extend(shaped.others)
        assembler.take(shaped.part)

    tasks = [Task(i, f, folder, source, imported_at, fail_fast) for i, f in enumerate(files)]
    lists = [t for t in tasks if merged_ids_file(t.file)]
    for task in lists:
        shaped = shape(task)
        for item in shaped.others:
            if item.entity == "merged_author" and not isinstance(mapped := map_item(item), Refusal):
                merged[mapped[1]["id"]] = mapped[1]["into"]
        take(shaped)
    rest = [t for t in tasks if not merged_ids_file(t.file)]
    workers = min(processes or usable_cpus(), len(rest))
    if workers <= 1:
        for task in rest:
            take(shape(task))
    else:
        with ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=set_up,
            initargs=(merged, ticker),
        ) as pool:
            try:
                for shaped in pool.map(shape, rest):
                    take(shaped)
            except BaseException:
                pool.shutdown(cancel_futures=True)  # a fatal bad record: the rest is moot
                raise
    written = assembler.finish(ticker)
    summary.written += assembler.works
    summary.by_entity["work"] += assembler.works
    return written, others


def admin_arguments(written: Written) -> list[str]:
    return [
        *written.arguments(),
        f"--array-delimiter=\\{ord(ARRAY_DELIMITER):03d}",
        "--overwrite-destination=true",
        f"--report-file={written.folder / 'import.report'}",
    ]


class NotEmpty(RuntimeError):
    """The offline importer replaces the database; it refuses one that holds anything."""


async def _node_count(driver: AsyncDriver, database: str) -> int:
    records, _, _ = await driver.execute_query(
        "MATCH (n) RETURN count(n) AS nodes", database_=database, routing_="r"
    )
    return int(records[0]["nodes"])


async def bulk_import(
    settings: Settings,
    paths: Iterable[Path],
    *,
    source: str = "openalex",
    fail_fast: bool = False,
    progress: Report | None = None,
) -> Summary:
    """Load `paths` into the local instance's empty database with `neo4j-admin`, then start it.

    Phases (seconds in `summary.phases`): read and map the works and write CSV; compute every
    researcher's summary (service/importer/summary_columns.py); stop the server and run the
    offline import; start it and build the schema's constraints and indexes; write the other
    records through the transactional path, which refreshes the summaries they change.
    `progress` hears how far each phase is, twice a second and when it ends.
    """
    inst = localdb.Instance(settings.localdb, settings.neo4j.password.get_secret_value())
    if settings.neo4j.uri != inst.uri:
        raise NotEmpty(
            f"a bulk load writes the store files of the local instance ({inst.uri}); "
            f"NEO4J_URI is {settings.neo4j.uri}: use the transactional import there"
        )
    database = settings.neo4j.database
    summary = Summary()
    began = time.monotonic()
    store = inst.dir / "data" / "databases" / database
    if store.exists():
        localdb.start(inst)
        driver = open_driver(settings.neo4j)
        try:
            count = await _node_count(driver, database)
        finally:
            await driver.close()
        if count:
            raise NotEmpty(
                f"database {database!r} of {inst.uri} already holds {count:,} nodes; a bulk load "
                "replaces the database, so it is only for initial loads: import without --bulk "
                f"to add to it, or stop the server and delete {inst.dir / 'data'} first"
            )
    with Ticker(progress) as ticker:
        written, others = write_csv(
            files_in(paths),
            inst.dir / "import" / "bulk",
            summary,
            source=source,
            imported_at=now(),
            fail_fast=fail_fast,
            ticker=ticker,
        )
        ticker.phase("neo4j-admin import")
        localdb.stop(inst)
        localdb.admin_import(inst, admin_arguments(written), database)
        ticker.phase("start, constraints, indexes")
        localdb.start(inst)
        driver = open_driver(settings.neo4j)
        try:
            await setup_schema(driver, database)
            ticker.phase("other records, transactional", "records read")
            # Refreshes the summaries of the researchers these records change (an author
            # record's name or affiliations), as any transactional import does.
            rest = await import_items(
                driver,
                database,
                others,
                source=source,
                fail_fast=fail_fast,
                progress=lambda done: ticker.set(done.read),
            )
        finally:
            await driver.close()
    shutil.rmtree(written.folder, ignore_errors=True)
    summary.add(rest)
    summary.refreshed = rest.refreshed
    summary.phases = ticker.seconds
    summary.nodes, summary.relationships = written.node_count, written.relationship_count
    summary.seconds = time.monotonic() - began
    return summary


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
