"""Putting the parts of a bulk load together (parts.py shapes one input file each).

The parts come in file order; a later record of a work supersedes the rows of an earlier one,
in its own part or an earlier one. What no part can write alone is written here: the nodes many
works share, citation stubs for works no file holds, topic hierarchy, affiliations, and every
researcher with its summary (service/importer/summariser.py).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from service.importer.bulk.columns import PAPER_HEADER, PAPER_TYPES, PART_BITS, PROVENANCE
from service.importer.bulk.csv_files import CsvFile, Output, drop, has_line_break, typed
from service.importer.bulk.parts import Part
from service.importer.bulk.progress import Ticker, counted
from service.importer.nodes import Nodes, Record
from service.importer.summariser import SUMMARY_TYPES, Summariser, Work


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
        """The researcher file with every summary (service/importer/summariser.py).

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
