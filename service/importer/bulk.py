"""Initial loads of a whole corpus through Neo4j's offline importer (`neo4j-admin database import`).

Transactional MERGEs cost about a millisecond of database CPU per work (some twenty writes each),
which bounds `import_items` near a thousand works/s on two cores. An empty database can instead
be written directly as store files: works are read and mapped by the same code as the
transactional path (`work_row`, `batch_params`), deduplicated here in memory with the same rules
as `cypher/import/works.cypher`, written as CSV and handed to `neo4j-admin`. The other entity
records (authors, institutions, sources, topics, merged ids, ...) are few; they go through the
transactional path once the server is back, so their rules are not written twice. A test
compares the graph this builds with the one the transactional path builds from the same files.
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from neo4j import AsyncDriver
from service import localdb
from service.graph import open_driver, setup_schema
from service.importer import summaries
from service.importer.loader import (
    Progress,
    Summary,
    accept,
    files_of,
    import_items,
    items_from,
    map_item,
)
from service.importer.readers import Item
from service.importer.summary_columns import SUMMARY_TYPES, Summariser, Work
from service.importer.works import batch_params, fuller
from service.settings import Settings

Record = dict[str, Any]
# Between array elements; a character OpenAlex text never needs (it is dropped from values).
ARRAY_DELIMITER = "\x1f"
# Paper properties and their import types; `work_row` must not produce a key missing here.
PAPER_TYPES = {
    "title": "string",
    "year": "long",
    "date": "string",
    "sortDate": "string",
    "type": "string",
    "doi": "string",
    "arxivId": "string",
    "pmid": "string",
    "language": "string",
    "abstract": "string",
    "citedByCount": "long",
    "keywords": "string[]",
    "landingPageUrl": "string",
    "isRetracted": "boolean",
    "isOa": "boolean",
    "oaUrl": "string",
    "unmatchedAuthors": "string[]",
    "pmcid": "string",
    "magId": "string",
}
# Authorship properties; `researcher` and `sortDate` are the copies works.cypher keeps for
# the works page's index (the researcher's id, the paper's sort key).
AUTHORED_TYPES = {
    "researcher": "string",
    "sortDate": "string",
    "position": "long",
    "authorPosition": "string",
    "corresponding": "boolean",
    "rawAuthorName": "string",
    "rawAffiliations": "string[]",
    "institutionIds": "string[]",
}
PROVENANCE = ("source", "sourceId", "importedAt")
CHUNK = 5000  # works per `batch_params` call: bounds the memory of the flat lists


def _text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if '"' in value else f'"{value}"'


def cell(value: object) -> str:
    """One CSV field as `neo4j-admin` reads it: empty means no property, "" an empty string."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        joined = ARRAY_DELIMITER.join(map(str, value))
        if joined.count(ARRAY_DELIMITER) >= len(value):  # an element held one: drop it there
            joined = ARRAY_DELIMITER.join([str(v).replace(ARRAY_DELIMITER, "") for v in value])
        return _text(joined)
    return _text(str(value))


class CsvFile:
    """A node or relationship file with its header line; `write` takes the columns in order."""

    def __init__(self, path: Path, header: Iterable[str]) -> None:
        self.path = path
        self.rows = 0
        self._handle: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._handle.write(",".join(header) + "\n")

    def write(self, *values: object) -> None:
        self._handle.write(",".join(map(cell, values)) + "\n")
        self.rows += 1

    def link(self, start: str, end: str, *values: object, occurrence: int | None = None) -> None:
        """A relationship row (after the work `occurrence` it belongs to, if given). Keys need
        no quoting: `ids.short_id` admits no comma, quote or line break, and this skips the
        per-field work that dominates writing millions of edges.
        """
        line = f"{start},{end}" if occurrence is None else f"{occurrence},{start},{end}"
        if values:
            line += "," + ",".join(map(cell, values))
        self._handle.write(line + "\n")
        self.rows += 1

    def close(self) -> None:
        self._handle.close()

    def drop(self, occurrences: set[int]) -> None:
        """Rewrite the (closed) file without the rows whose first column is in `occurrences`.

        A row ends at a line break outside quotes; `cell` doubles quotes inside a field, so
        the count of quote characters is even exactly where a row is complete.
        """
        kept = self.path.with_suffix(".kept")
        with (
            self.path.open(encoding="utf-8", newline="") as src,
            kept.open("w", encoding="utf-8", newline="") as out,
        ):
            out.write(src.readline())  # the header
            record, quotes = "", 0
            for line in src:
                record += line
                quotes += line.count('"')
                if quotes % 2:
                    continue
                if int(record.split(",", 1)[0]) in occurrences:
                    self.rows -= 1
                else:
                    out.write(record)
                record, quotes = "", 0
        kept.replace(self.path)


def _typed(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def resolver(merged: dict[str, str]) -> Callable[[str], str]:
    """The surviving id of an author, following merge chains (A -> B -> C gives C)."""

    def resolve(author: str) -> str:
        seen = {author}
        while author in merged:
            author = merged[author]
            if author in seen:
                break  # a cycle in the merges: stop where it closes
            seen.add(author)
        return author

    return resolve


def ordered_files(paths: Iterable[Path]) -> list[Path]:
    """Every file under `paths`, merged-id lists first: works resolve merged authors as written,
    which is where the transactional import ends up whatever order merges arrive in."""
    files = [f for path in paths for f in files_of(path)]
    return sorted(files, key=lambda f: f.parent.parent.name != "merged_ids")


class Writer:
    """Streams works into CSV files for `neo4j-admin`, as `cypher/import/works.cypher` would
    write them batch by batch in reading order.

    Per-work rows (the paper and its authorships, topics, venues, funders, references) are
    written as each chunk of works is shaped, tagged with the work's occurrence number; a
    later record of the same work supersedes the earlier one's rows, which `finish` filters
    out (the transactional path replaces them the same way). Nodes met in several works
    (researchers, institutions, venues, topics, funders, affiliations, citation stubs) are
    merged in memory with that query's rules: the first record creates, later ones fill what
    it lacked, the fuller byline name wins, affiliation years are united.
    """

    def __init__(
        self,
        folder: Path,
        *,
        source: str,
        imported_at: str,
        resolve: Callable[[str], str],
        processes: int | None = None,
    ) -> None:
        """`processes`: how many write the researcher file (default: one per usable CPU, each
        with at least 500 researchers, as a fork and a file cost little, but not nothing)."""
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        self.folder = folder
        self.provenance = (source, imported_at)
        self.resolve = resolve
        self.processes = processes

        def per_work(kind: str, start: str, end: str, props: Iterable[str] = ()) -> CsvFile:
            header = ["occurrence:IGNORE", f":START_ID({start})", f":END_ID({end})", *props]
            return CsvFile(folder / f"{kind.lower()}.csv", header)

        self.per_work = {
            "AUTHORED": per_work(
                "AUTHORED",
                "Researcher",
                "Paper",
                [_typed(k, t) for k, t in AUTHORED_TYPES.items()],
            ),
            "HAS_TOPIC": per_work("HAS_TOPIC", "Paper", "Topic", ["score:double"]),
            "PUBLISHED_IN": per_work("PUBLISHED_IN", "Paper", "Venue", ["primary:boolean"]),
            "FUNDED_BY": per_work("FUNDED_BY", "Paper", "Funder", ["awardIds:string[]"]),
            "CITES": per_work("CITES", "Paper", "Paper"),
        }
        self.papers = CsvFile(
            folder / "papers.csv",
            [
                "occurrence:IGNORE",
                "id:ID(Paper)",
                *(_typed(k, t) for k, t in PAPER_TYPES.items()),
                "stub:boolean",
                *PROVENANCE,
            ],
        )
        self.pending: dict[str, Record] = {}
        self.added = 0
        self.occurrence: dict[str, int] = {}  # work id -> its latest occurrence
        self.superseded: set[int] = set()
        self.researchers: dict[str, Record] = {}
        self.institutions: dict[str, Record] = {}
        self.venues: dict[str, Record] = {}
        self.topics: dict[str, Record] = {}
        self.funders: dict[str, Record] = {}
        self.part_of: set[tuple[str, str]] = set()
        self.affiliations: dict[tuple[str, str], set[int]] = {}
        self.references: set[str] = set()
        self.final: dict[str, Work] = {}  # work id -> what the researcher summaries read of it
        self.summary_seconds = 0.0

    def add(self, row: Record) -> None:
        earlier = self.occurrence.get(row["id"])
        if earlier is not None:
            self.superseded.add(earlier)
            self.pending.pop(row["id"], None)  # not yet written: the later record replaces it
        self.occurrence[row["id"]] = self.added
        self.pending[row["id"]] = row
        self.added += 1
        if len(self.pending) >= CHUNK:
            self._shape()

    def _shape(self) -> None:
        if not self.pending:
            return
        params = batch_params(list(self.pending.values()))
        number = {key: self.occurrence[key] for key in self.pending}
        self.pending = {}
        source, imported_at = self.provenance
        for w in params["works"]:
            props = w["props"]
            unknown = props.keys() - PAPER_TYPES.keys()
            if unknown:
                raise ValueError(f"bulk import has no column for work properties {unknown}")
            self.papers.write(
                number[w["id"]],
                w["id"],
                *(props.get(k) for k in PAPER_TYPES),
                False,
                source,
                w["id"],
                imported_at,
            )
        for a in params["researchers"]:
            rid = self.resolve(a["id"])
            known = self.researchers.get(rid)
            if known is None:
                self.researchers[rid] = {**a, "id": rid}
            else:
                if fuller(a["name"], known["name"]):
                    known["name"] = a["name"]
                known["orcid"] = known["orcid"] or a["orcid"]
        authored: set[tuple[str, str]] = set()
        sort_date = {w["id"]: w["props"]["sortDate"] for w in params["works"]}
        authors: dict[str, list[str]] = {w["id"]: [] for w in params["works"]}
        topics: dict[str, list[str]] = {w["id"]: [] for w in params["works"]}
        for a in params["authored"]:
            key = (self.resolve(a["author"]), a["paper"])
            if key not in authored:  # two merged ids on one byline: one authorship, the first
                authored.add(key)
                authors[key[1]].append(key[0])
                props = {**a["props"], "researcher": key[0], "sortDate": sort_date[key[1]]}
                self.per_work["AUTHORED"].link(
                    *key, *(props.get(k) for k in AUTHORED_TYPES), occurrence=number[key[1]]
                )
        for i in params["institutions"]:
            known = self.institutions.setdefault(i["id"], dict(i))
            for k in ("ror", "countryCode", "type"):
                if known.get(k) is None:
                    known[k] = i.get(k)
        for f in params["affiliations"]:
            key = (self.resolve(f["author"]), f["institution"])
            self.affiliations.setdefault(key, set()).update(f["years"])
        for v in params["venues"]:
            self.venues.setdefault(v["id"], v)
        for t in params["topics"]:
            self.topics.setdefault(t["id"], t)
        for e in params["partOf"]:
            self.part_of.add((e["child"], e["parent"]))
        for f in params["funders"]:
            self.funders.setdefault(f["id"], f)
        self.references.update(params["stubs"])
        links = self.per_work
        for h in params["hasTopic"]:
            topics[h["paper"]].append(h["topic"])
            links["HAS_TOPIC"].link(
                h["paper"], h["topic"], h["score"], occurrence=number[h["paper"]]
            )
        for v in params["publishedIn"]:
            links["PUBLISHED_IN"].link(
                v["paper"], v["venue"], v["primary"], occurrence=number[v["paper"]]
            )
        for f in params["fundedBy"]:
            links["FUNDED_BY"].link(
                f["paper"], f["funder"], f["awardIds"], occurrence=number[f["paper"]]
            )
        for c in params["cites"]:
            links["CITES"].link(c["paper"], c["ref"], occurrence=number[c["paper"]])
        for w in params["works"]:  # a later record of a work replaces what an earlier one said
            props = w["props"]
            self.final[w["id"]] = Work(
                w["id"],
                props.get("year"),
                props.get("title"),
                tuple(authors[w["id"]]),
                tuple(dict.fromkeys(topics[w["id"]])),
            )

    def _write_researchers(self, columns: dict[str, str]) -> CsvFile:
        """The researcher file with every summary (service/importer/summary_columns.py).

        Summaries are most of a bulk load's Python time; forked processes each write a share of
        the researchers (memory is shared copy-on-write), appended in order to the first file.
        """
        member_of: dict[str, list[str]] = {}
        for rid, inst in self.affiliations:
            member_of.setdefault(rid, []).append(inst)
        summarise = Summariser(
            self.final.values(),
            {rid: r["name"] for rid, r in self.researchers.items()},
            {tid: t["name"] for tid, t in self.topics.items()},
            {iid: i["name"] for iid, i in self.institutions.items()},
            member_of,
            keep_collaborators=summaries.KEEP_COLLABORATORS,
            keep_slice=summaries.KEEP_SLICE,
        )
        ids = list(self.researchers)
        parts = self.processes or min(len(os.sched_getaffinity(0)), len(ids) // 500)
        parts = max(1, min(parts, len(ids)))
        step = -(-len(ids) // parts)
        header = ["id:ID(Researcher)", *(_typed(k, t) for k, t in columns.items()), *PROVENANCE]
        files: list[CsvFile] = []
        source, imported_at = self.provenance

        def write(n: int) -> None:
            # Opened here, in the process that writes it: a buffer filled before the fork
            # would be flushed by both processes.
            out = CsvFile(self.folder / f"researcher.{n}.csv", header)
            for rid in ids[n * step : (n + 1) * step]:
                row = {**self.researchers[rid], **summarise(rid)}
                out.write(rid, *(row.get(k) for k in columns), source, rid, imported_at)
            out.close()
            files.append(out)  # seen by this process only: the first file's, here

        in_parallel([functools.partial(write, n) for n in range(parts)])
        whole = files[0]
        with whole.path.open("a", encoding="utf-8", newline="") as joined:
            for n in range(1, parts):
                part = self.folder / f"researcher.{n}.csv"
                with part.open(encoding="utf-8", newline="") as rows:
                    rows.readline()  # its header
                    shutil.copyfileobj(rows, joined)
                part.unlink()
        whole.path = whole.path.replace(self.folder / "researcher.csv")
        whole.rows = len(ids)
        return whole

    @property
    def works(self) -> int:
        return len(self.occurrence)

    def finish(self) -> Written:
        self._shape()
        source, imported_at = self.provenance
        for ref in sorted(self.references - self.occurrence.keys()):
            self.papers.write(-1, ref, *(None for _ in PAPER_TYPES), True, source, ref, imported_at)
        structure = {
            "PART_OF": CsvFile(self.folder / "part_of.csv", [":START_ID(Topic)", ":END_ID(Topic)"]),
            "AFFILIATED_WITH": CsvFile(
                self.folder / "affiliated_with.csv",
                [":START_ID(Researcher)", ":END_ID(Institution)", "years:long[]", "lastYear:long"],
            ),
        }
        for child, parent in sorted(self.part_of):
            structure["PART_OF"].link(child, parent)
        for (rid, inst), years in self.affiliations.items():
            ordered = sorted(years)
            structure["AFFILIATED_WITH"].link(
                rid, inst, ordered or None, ordered[-1] if ordered else None
            )

        def nodes(label: str, columns: dict[str, str], records: Iterable[Record]) -> CsvFile:
            out = CsvFile(
                self.folder / f"{label.lower()}.csv",
                [f"id:ID({label})", *(_typed(k, t) for k, t in columns.items()), *PROVENANCE],
            )
            for r in records:
                out.write(r["id"], *(r.get(k) for k in columns), source, r["id"], imported_at)
            return out

        text = "string"
        began = time.monotonic()
        researchers = self._write_researchers({"name": text, "orcid": text, **SUMMARY_TYPES})
        self.summary_seconds = time.monotonic() - began
        written = Written(
            self.folder,
            nodes={
                "Paper": self.papers,
                "Researcher": researchers,
                "Institution": nodes(
                    "Institution",
                    {"name": text, "ror": text, "countryCode": text, "type": text},
                    self.institutions.values(),
                ),
                "Venue": nodes(
                    "Venue", {"name": text, "type": text, "issnL": text}, self.venues.values()
                ),
                "Topic": nodes("Topic", {"name": text, "level": text}, self.topics.values()),
                "Funder": nodes("Funder", {"name": text}, self.funders.values()),
            },
            relationships={**self.per_work, **structure},
        )
        for f in itertools.chain(written.nodes.values(), written.relationships.values()):
            f.close()
        if self.superseded:
            for f in (self.papers, *self.per_work.values()):
                f.drop(self.superseded)
        return written


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
    """The files written for `neo4j-admin` and how many rows each holds."""

    folder: Path
    nodes: dict[str, CsvFile]
    relationships: dict[str, CsvFile]

    def arguments(self) -> list[str]:
        files = [f"--nodes={label}={f.path}" for label, f in self.nodes.items()]
        files += [f"--relationships={kind}={f.path}" for kind, f in self.relationships.items()]
        return files

    @property
    def node_count(self) -> int:
        return sum(f.rows for f in self.nodes.values())

    @property
    def relationship_count(self) -> int:
        return sum(f.rows for f in self.relationships.values())


def write_csv(
    items: Iterable[Item],
    folder: Path,
    summary: Summary,
    *,
    source: str,
    imported_at: str,
    fail_fast: bool = False,
) -> tuple[Written, list[Item]]:
    """Map and write every work; return the files and the other records, kept as they are for
    the transactional pass. Merged author ids resolve as soon as they are read (their lists
    come first, see `ordered_files`)."""
    merged: dict[str, str] = {}
    writer = Writer(folder, source=source, imported_at=imported_at, resolve=resolver(merged))
    others: list[Item] = []
    for item in items:
        if not item.about_file and item.entity != "work":
            if item.entity == "merged_author" and not isinstance(mapped := map_item(item), str):
                merged[mapped[1]["id"]] = mapped[1]["into"]
            others.append(item)  # read and counted by the transactional pass
            continue
        work = accept(item, summary, fail_fast=fail_fast)
        if work is not None:
            writer.add(work[1])
    written = writer.finish()
    summary.phases["researcher summaries"] = writer.summary_seconds
    summary.written += writer.works
    summary.by_entity["work"] += writer.works
    return written, others


def admin_arguments(written: Written) -> list[str]:
    return [
        *written.arguments(),
        "--multiline-fields=true",
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
    progress: Progress | None = None,
) -> Summary:
    """Load `paths` into the local instance's empty database with `neo4j-admin`, then start it.

    Phases (seconds in `summary.phases`): read and map the works and write CSV; compute every
    researcher's summary (service/importer/summary_columns.py); stop the server and run the
    offline import; start it and build the schema's constraints and indexes; write the other
    records through the transactional path, which refreshes the summaries they change.
    """
    inst = localdb.Instance(settings.localdb, settings.neo4j.password.get_secret_value())
    if settings.neo4j.uri != inst.uri:
        raise NotEmpty(
            f"a bulk load writes the store files of the local instance ({inst.uri}); "
            f"NEO4J_URI is {settings.neo4j.uri}: use the transactional import there"
        )
    database = settings.neo4j.database
    clock = timed()
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
    next(clock)
    written, others = write_csv(
        items_from(ordered_files(paths)),
        inst.dir / "import" / "bulk",
        summary,
        source=source,
        imported_at=now(),
        fail_fast=fail_fast,
    )
    summary.phases["read, map, write CSV"] = next(clock) - summary.phases["researcher summaries"]
    localdb.stop(inst)
    localdb.admin_import(inst, admin_arguments(written), database)
    summary.phases["neo4j-admin import"] = next(clock)
    localdb.start(inst)
    driver = open_driver(settings.neo4j)
    try:
        await setup_schema(driver, database)
        summary.phases["start, constraints, indexes"] = next(clock)
        # Refreshes the summaries of the researchers these records change (an author record's
        # name or affiliations), as any transactional import does.
        rest = await import_items(
            driver, database, others, source=source, fail_fast=fail_fast, progress=progress
        )
        summary.refreshed = rest.refreshed
        summary.phases["other records, transactional"] = next(clock)
    finally:
        await driver.close()
    shutil.rmtree(written.folder, ignore_errors=True)
    summary.read += rest.read
    summary.written += rest.written
    summary.by_entity.update(rest.by_entity)
    summary.skipped.update(rest.skipped)
    summary.problems += rest.problems
    summary.warnings += rest.warnings
    summary.nodes, summary.relationships = written.node_count, written.relationship_count
    summary.seconds = time.monotonic() - began
    return summary


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def timed() -> Iterator[float]:
    """Seconds since the previous `next()`: the phases of a bulk load."""
    last = time.monotonic()
    while True:
        current = time.monotonic()
        yield current - last
        last = current
