"""One input file's works, shaped into the CSV rows of a bulk load (service/importer/bulk.py).

Files are shaped in parallel, one process each, as reading and mapping is most of a bulk load's
Python time; service/importer/bulk.py puts the parts together in file order. Each part keeps
what a later file can change: the occurrence of each work (a later record of a work replaces
the earlier one's rows), the nodes many works share, merged with the rules of
`cypher/import/works.cypher` (`Nodes.absorb` applies the same rules across parts), and what the
researcher summaries read of each work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.importer.bulk_progress import Ticker, counted
from service.importer.csv_files import CsvFile, Output, typed
from service.importer.loader import Refusal, Summary, accept, map_item
from service.importer.readers import Item, read_file
from service.importer.summary_columns import Work
from service.importer.works import batch_params, fuller

Record = dict[str, Any]
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
PAPER_HEADER = [
    "occurrence:IGNORE",
    "id:ID(Paper)",
    *(typed(k, t) for k, t in PAPER_TYPES.items()),
    "stub:boolean",
    *PROVENANCE,
]
CHUNK = 5000  # works per `batch_params` call: bounds the memory of the flat lists
# A part's occurrence numbers start at its index shifted by this many bits, so numbers are
# unique across parts and say which part's files hold a row.
PART_BITS = 40


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


@dataclass
class Nodes:
    """Nodes met in several works, merged as `cypher/import/works.cypher` merges them: the
    first record creates, later ones fill what it lacked, the fuller byline name wins,
    affiliation years are united."""

    researchers: dict[str, Record] = field(default_factory=dict)
    institutions: dict[str, Record] = field(default_factory=dict)
    venues: dict[str, Record] = field(default_factory=dict)
    topics: dict[str, Record] = field(default_factory=dict)
    funders: dict[str, Record] = field(default_factory=dict)
    part_of: set[tuple[str, str]] = field(default_factory=set)
    affiliations: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    references: set[str] = field(default_factory=set)

    def researcher(self, a: Record) -> None:
        known = self.researchers.get(a["id"])
        if known is None:
            self.researchers[a["id"]] = dict(a)
            return
        if fuller(a["name"], known["name"]):
            known["name"] = a["name"]
        known["orcid"] = known["orcid"] or a["orcid"]

    def institution(self, i: Record) -> None:
        known = self.institutions.setdefault(i["id"], dict(i))
        for k in ("ror", "countryCode", "type"):
            if known.get(k) is None:
                known[k] = i.get(k)

    def affiliation(self, key: tuple[str, str], years: Iterable[int]) -> None:
        self.affiliations.setdefault(key, set()).update(years)

    def take(self, params: Record, resolve: Callable[[str], str]) -> None:
        """The shared nodes of a batch (`batch_params`), with merged author ids resolved."""
        for a in params["researchers"]:
            self.researcher({**a, "id": resolve(a["id"])})
        for i in params["institutions"]:
            self.institution(i)
        for f in params["affiliations"]:
            self.affiliation((resolve(f["author"]), f["institution"]), f["years"])
        for v in params["venues"]:
            self.venues.setdefault(v["id"], v)
        for t in params["topics"]:
            self.topics.setdefault(t["id"], t)
        for e in params["partOf"]:
            self.part_of.add((e["child"], e["parent"]))
        for f in params["funders"]:
            self.funders.setdefault(f["id"], f)
        self.references.update(params["stubs"])

    def absorb(self, later: Nodes) -> None:
        """The nodes of a later part, with the same rules as if its works came next."""
        for a in later.researchers.values():
            self.researcher(a)
        for i in later.institutions.values():
            self.institution(i)
        for key, years in later.affiliations.items():
            self.affiliation(key, years)
        for mine, theirs in (
            (self.venues, later.venues),
            (self.topics, later.topics),
            (self.funders, later.funders),
        ):
            for ident, value in theirs.items():
                mine.setdefault(ident, value)
        self.part_of |= later.part_of
        self.references |= later.references


@dataclass
class Part:
    """What a part wrote and what the whole load needs of it."""

    index: int
    files: list[Output]
    occurrence: dict[str, int]  # work id -> its latest occurrence in the part
    superseded: set[int]
    nodes: Nodes
    final: dict[str, Work]  # work id -> what the researcher summaries read of it


class PartWriter:
    """Streams works into a part's CSV files, as `cypher/import/works.cypher` would write them
    batch by batch in reading order.

    Per-work rows (the paper and its authorships, topics, venues, funders, references) are
    written as each chunk of works is shaped, tagged with the work's occurrence number; a
    later record of the same work supersedes the earlier one's rows, which the assembly
    filters out (the transactional path replaces them the same way).
    """

    def __init__(
        self,
        folder: Path,
        index: int,
        *,
        source: str,
        imported_at: str,
        resolve: Callable[[str], str],
    ) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.provenance = (source, imported_at)
        self.resolve = resolve

        def per_work(kind: str, start: str, end: str, props: Iterable[str] = ()) -> CsvFile:
            header = ["occurrence:IGNORE", f":START_ID({start})", f":END_ID({end})", *props]
            return CsvFile(folder / f"{kind.lower()}.csv", header)

        self.per_work = {
            "AUTHORED": per_work(
                "AUTHORED",
                "Researcher",
                "Paper",
                [typed(k, t) for k, t in AUTHORED_TYPES.items()],
            ),
            "HAS_TOPIC": per_work("HAS_TOPIC", "Paper", "Topic", ["score:double"]),
            "PUBLISHED_IN": per_work("PUBLISHED_IN", "Paper", "Venue", ["primary:boolean"]),
            "FUNDED_BY": per_work("FUNDED_BY", "Paper", "Funder", ["awardIds:string[]"]),
            "CITES": per_work("CITES", "Paper", "Paper"),
        }
        self.papers = CsvFile(folder / "papers.csv", PAPER_HEADER)
        self.index = index
        self.pending: dict[str, Record] = {}
        self.added = index << PART_BITS
        self.occurrence: dict[str, int] = {}
        self.superseded: set[int] = set()
        self.nodes = Nodes()
        self.final: dict[str, Work] = {}

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
        self.nodes.take(params, self.resolve)
        authored: set[tuple[str, str]] = set()
        sort_date = {w["id"]: w["props"]["sortDate"] for w in params["works"]}
        authors: dict[str, list[str]] = {w["id"]: [] for w in params["works"]}
        topics: dict[str, list[str]] = {w["id"]: [] for w in params["works"]}
        links = self.per_work
        for a in params["authored"]:
            key = (self.resolve(a["author"]), a["paper"])
            if key not in authored:  # two merged ids on one byline: one authorship, the first
                authored.add(key)
                authors[key[1]].append(key[0])
                props = {**a["props"], "researcher": key[0], "sortDate": sort_date[key[1]]}
                links["AUTHORED"].link(
                    *key, *(props.get(k) for k in AUTHORED_TYPES), occurrence=number[key[1]]
                )
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

    def close(self) -> Part:
        self._shape()
        files = [("Paper", self.papers), *self.per_work.items()]
        return Part(
            index=self.index,
            files=[f.output(kind) for kind, f in files],
            occurrence=self.occurrence,
            superseded=self.superseded,
            nodes=self.nodes,
            final=self.final,
        )


@dataclass
class Shaped:
    """A file's works as a part, the records of other entities (for the transactional pass),
    and what reading it counted and skipped."""

    part: Part
    others: list[Item]
    summary: Summary


@dataclass(frozen=True)
class Task:
    index: int
    file: Path
    folder: Path
    source: str
    imported_at: str
    fail_fast: bool


# Merged author id -> the id it was merged into, for the tasks of this process, and the ticker
# that counts the records read: set once per worker by `set_up` (the pool's initializer), not
# sent with every task, as a real snapshot's list is long.
_merged: dict[str, str] = {}
_ticker: Ticker | None = None


def set_up(merged: dict[str, str], ticker: Ticker) -> None:
    global _merged, _ticker
    _merged, _ticker = merged, ticker


def shape(task: Task) -> Shaped:
    """Read one file and write its works as part `task.index` (run in a worker process)."""
    summary = Summary()
    others: list[Item] = []
    writer = PartWriter(
        task.folder / f"part-{task.index:05d}",
        task.index,
        source=task.source,
        imported_at=task.imported_at,
        resolve=resolver(_merged),
    )
    for item in counted(read_file(task.file), _ticker):
        if item.about_file:  # a problem with the whole file: a warning, not a record
            accept(item, summary, fail_fast=task.fail_fast)
            continue
        if item.entity != "work":
            if isinstance(map_item(item), Refusal):
                # Reported now, before the database is touched: with `fail_fast` a bad record
                # of any kind must stop the load before the offline import replaces anything.
                accept(item, summary, fail_fast=task.fail_fast)
            else:
                others.append(item)  # read and counted by the transactional pass
            continue
        work = accept(item, summary, fail_fast=task.fail_fast)
        if work is not None:
            writer.add(work[1])
    return Shaped(writer.close(), others, summary)
