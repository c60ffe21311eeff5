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

import itertools
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from neo4j import AsyncDriver
from service import localdb
from service.graph import open_driver, setup_schema
from service.importer.loader import ImportAborted, Progress, Summary, import_items, map_item
from service.importer.readers import Item
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
AUTHORED_TYPES = {
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

    def link(self, start: str, end: str, *values: object) -> None:
        """A relationship row. Keys need no quoting: `ids.short_id` admits no comma, quote or
        line break, and this skips the per-field work that dominates writing millions of edges.
        """
        line = f"{start},{end}"
        if values:
            line += "," + ",".join(map(cell, values))
        self._handle.write(line + "\n")
        self.rows += 1

    def close(self) -> None:
        self._handle.close()


def _typed(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


@dataclass
class Corpus:
    """Everything read: the works by id (a later record of an id wins, as it does when
    imported in order), merged author ids, and the other records for the transactional pass."""

    works: dict[str, Record] = field(default_factory=dict)
    merged: dict[str, str] = field(default_factory=dict)
    others: list[Item] = field(default_factory=list)

    def resolve(self, author: str) -> str:
        """The surviving id of an author, following merge chains (A -> B -> C gives C)."""
        seen = {author}
        while author in self.merged:
            author = self.merged[author]
            if author in seen:
                break  # a cycle in the merges: stop where it closes
            seen.add(author)
        return author


def read_corpus(items: Iterable[Item], summary: Summary, *, fail_fast: bool = False) -> Corpus:
    """Map every work; keep the other records as they are. Bad records are counted as skipped."""
    corpus = Corpus()
    for item in items:
        if item.about_file:
            summary.warnings.append(f"{item.where}: {item.problem}")
            if fail_fast:
                raise ImportAborted(f"{item.where}: {item.problem}")
            continue
        if item.entity != "work":
            if item.entity == "merged_author" and not isinstance(mapped := map_item(item), str):
                corpus.merged[mapped[1]["id"]] = mapped[1]["into"]
            corpus.others.append(item)  # read and counted by the transactional pass
            continue
        summary.read += 1
        mapped = map_item(item)
        if isinstance(mapped, str):
            summary.skip(item.where, mapped)
            if fail_fast:
                raise ImportAborted(f"{item.where}: {mapped}")
            continue
        row = mapped[1]
        corpus.works.pop(row["id"], None)
        corpus.works[row["id"]] = row
    return corpus


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


def write_csv(corpus: Corpus, folder: Path, *, source: str, imported_at: str) -> Written:
    """The graph `cypher/import/works.cypher` would build from `corpus.works`, as CSV files.

    Relationships are written as each chunk of works is shaped; nodes met in several chunks
    (researchers, institutions, venues, topics, funders, affiliations) are merged across chunks
    with that query's rules: first record creates, later ones fill what it lacked, the fuller
    byline name wins, affiliation years are united.
    """
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)

    def rel(kind: str, start: str, end: str, props: Iterable[str] = ()) -> CsvFile:
        return CsvFile(
            folder / f"{kind.lower()}.csv", [f":START_ID({start})", f":END_ID({end})", *props]
        )

    relationships = {
        "AUTHORED": rel(
            "AUTHORED", "Researcher", "Paper", [_typed(k, t) for k, t in AUTHORED_TYPES.items()]
        ),
        "HAS_TOPIC": rel("HAS_TOPIC", "Paper", "Topic", ["score:double"]),
        "PUBLISHED_IN": rel("PUBLISHED_IN", "Paper", "Venue", ["primary:boolean"]),
        "FUNDED_BY": rel("FUNDED_BY", "Paper", "Funder", ["awardIds:string[]"]),
        "CITES": rel("CITES", "Paper", "Paper"),
        "PART_OF": rel("PART_OF", "Topic", "Topic"),
        "AFFILIATED_WITH": rel(
            "AFFILIATED_WITH", "Researcher", "Institution", ["years:long[]", "lastYear:long"]
        ),
    }
    papers = CsvFile(
        folder / "papers.csv",
        [
            "id:ID(Paper)",
            *(_typed(k, t) for k, t in PAPER_TYPES.items()),
            "stub:boolean",
            *PROVENANCE,
        ],
    )
    researchers: dict[str, Record] = {}
    institutions: dict[str, Record] = {}
    venues: dict[str, Record] = {}
    topics: dict[str, Record] = {}
    funders: dict[str, Record] = {}
    part_of: set[tuple[str, str]] = set()
    affiliations: dict[tuple[str, str], set[int]] = {}
    authored: set[tuple[str, str]] = set()
    references: set[str] = set()

    rows = iter(corpus.works.values())
    while chunk := list(itertools.islice(rows, CHUNK)):
        params = batch_params(chunk)
        for w in params["works"]:
            props = w["props"]
            unknown = props.keys() - PAPER_TYPES.keys()
            if unknown:
                raise ValueError(f"bulk import has no column for work properties {unknown}")
            papers.write(
                w["id"], *(props.get(k) for k in PAPER_TYPES), False, source, w["id"], imported_at
            )
        for a in params["researchers"]:
            rid = corpus.resolve(a["id"])
            known = researchers.get(rid)
            if known is None:
                researchers[rid] = {**a, "id": rid}
            else:
                if fuller(a["name"], known["name"]):
                    known["name"] = a["name"]
                known["orcid"] = known["orcid"] or a["orcid"]
        for a in params["authored"]:
            key = (corpus.resolve(a["author"]), a["paper"])
            if key not in authored:  # two merged ids on one byline: one authorship, the first
                authored.add(key)
                relationships["AUTHORED"].link(*key, *(a["props"].get(k) for k in AUTHORED_TYPES))
        for i in params["institutions"]:
            known = institutions.setdefault(i["id"], dict(i))
            for k in ("ror", "countryCode", "type"):
                known[k] = known.get(k) if known.get(k) is not None else i.get(k)
        for f in params["affiliations"]:
            key = (corpus.resolve(f["author"]), f["institution"])
            affiliations.setdefault(key, set()).update(f["years"])
        for v in params["venues"]:
            venues.setdefault(v["id"], v)
        for t in params["topics"]:
            topics.setdefault(t["id"], t)
        for e in params["partOf"]:
            part_of.add((e["child"], e["parent"]))
        for f in params["funders"]:
            funders.setdefault(f["id"], f)
        references.update(params["stubs"])
        for h in params["hasTopic"]:
            relationships["HAS_TOPIC"].link(h["paper"], h["topic"], h["score"])
        for v in params["publishedIn"]:
            relationships["PUBLISHED_IN"].link(v["paper"], v["venue"], v["primary"])
        for f in params["fundedBy"]:
            relationships["FUNDED_BY"].link(f["paper"], f["funder"], f["awardIds"])
        for c in params["cites"]:
            relationships["CITES"].link(c["paper"], c["ref"])

    for ref in sorted(references - corpus.works.keys()):
        papers.write(ref, *(None for _ in PAPER_TYPES), True, source, ref, imported_at)
    for child, parent in sorted(part_of):
        relationships["PART_OF"].link(child, parent)
    for (rid, inst), years in affiliations.items():
        ordered = sorted(years)
        relationships["AFFILIATED_WITH"].link(rid, inst, ordered, ordered[-1] if ordered else None)

    def nodes(label: str, columns: dict[str, str], records: Iterable[Record]) -> CsvFile:
        out = CsvFile(
            folder / f"{label.lower()}.csv",
            [f"id:ID({label})", *(_typed(k, t) for k, t in columns.items()), *PROVENANCE],
        )
        for r in records:
            out.write(r["id"], *(r.get(k) for k in columns), source, r["id"], imported_at)
        return out

    text = "string"
    written = Written(
        folder,
        nodes={
            "Paper": papers,
            "Researcher": nodes("Researcher", {"name": text, "orcid": text}, researchers.values()),
            "Institution": nodes(
                "Institution",
                {"name": text, "ror": text, "countryCode": text, "type": text},
                institutions.values(),
            ),
            "Venue": nodes("Venue", {"name": text, "type": text, "issnL": text}, venues.values()),
            "Topic": nodes("Topic", {"name": text, "level": text}, topics.values()),
            "Funder": nodes("Funder", {"name": text}, funders.values()),
        },
        relationships=relationships,
    )
    for f in itertools.chain(written.nodes.values(), written.relationships.values()):
        f.close()
    return written


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
    items: Iterable[Item],
    *,
    source: str = "openalex",
    fail_fast: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Load `items` into the local instance's empty database with `neo4j-admin`, then start it.

    Phases (seconds in `summary.phases`): read and map the works and write CSV; stop the server
    and run the offline import; start it and build the schema's constraints and indexes; write
    the other records through the transactional path.
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
    corpus = read_corpus(items, summary, fail_fast=fail_fast)
    written = write_csv(corpus, inst.dir / "import" / "bulk", source=source, imported_at=now())
    summary.phases["read, map, write CSV"] = next(clock)
    localdb.stop(inst)
    localdb.admin_import(inst, admin_arguments(written), database)
    summary.phases["neo4j-admin import"] = next(clock)
    summary.written += len(corpus.works)
    summary.by_entity["work"] += len(corpus.works)
    localdb.start(inst)
    driver = open_driver(settings.neo4j)
    try:
        await setup_schema(driver, database)
        summary.phases["start, constraints, indexes"] = next(clock)
        rest = await import_items(
            driver, database, corpus.others, source=source, fail_fast=fail_fast, progress=progress
        )
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
