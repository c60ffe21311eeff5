"""One input file's works, shaped into the CSV rows of a bulk load.

Files are shaped in parallel, one process each, as reading and mapping is most of a bulk load's
Python time; assemble.py puts the parts together in file order. Each part keeps what a later
file can change: the occurrence of each work (a later record of a work replaces the earlier
one's rows), the nodes many works share, merged by the rules of service/importer/nodes.py
(`Nodes.absorb` applies them across parts), and what the researcher summaries read of each work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from service.importer.bulk.columns import AUTHORED_TYPES, PAPER_HEADER, PAPER_TYPES, PART_BITS
from service.importer.bulk.csv_files import CsvFile, Output, typed
from service.importer.bulk.progress import Ticker, counted
from service.importer.loader import Refusal, Summary, accept, map_item
from service.importer.nodes import Nodes, Record, authorships, resolver
from service.importer.readers import Item, read_file
from service.importer.summariser import Work
from service.importer.works import batch_params

CHUNK = 5000  # works per `batch_params` call: bounds the memory of the flat lists


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
        sort_date = {w["id"]: w["props"]["sortDate"] for w in params["works"]}
        authors: dict[str, list[str]] = {w["id"]: [] for w in params["works"]}
        topics: dict[str, list[str]] = {w["id"]: [] for w in params["works"]}
        links = self.per_work
        for a in authorships(params["authored"], self.resolve):
            authors[a["paper"]].append(a["author"])
            props = {**a["props"], "researcher": a["author"], "sortDate": sort_date[a["paper"]]}
            links["AUTHORED"].link(
                a["author"],
                a["paper"],
                *(props.get(k) for k in AUTHORED_TYPES),
                occurrence=number[a["paper"]],
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
