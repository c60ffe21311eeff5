"""Researcher summaries: the figures a profile card and a graph slice read instead of walking
every work and co-author of a prolific author on each request (issue 3). The one definition of
them, for both import paths: the offline load (service/importer/bulk/) summarises every
researcher from the works it wrote; the transactional import (service/importer/summaries.py)
reads the works of the researchers a run touched back from the graph and summarises those.
docs/graph-model.md lists the figures. Whatever depends on claims or follows is never stored:
those change without imports, so the card reads them live.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from service import collaborators
from service.page_sizes import MAX_FIRST, MAX_GRAPH_NODES

# Kept per researcher: every collaborator `closeCollaborators(first:)` can ask for, and every
# candidate of one node kind the largest slice can show (its budget counts the center).
KEEP_COLLABORATORS = MAX_FIRST
KEEP_SLICE = MAX_GRAPH_NODES - 1
# The stored properties and their types (the offline load writes them as researcher columns).
SUMMARY_TYPES = {
    "summaryLatestYear": "long",
    "summaryCoauthors": "long",
    "summaryTopics": "long",
    "summaryTopicIds": "string[]",
    "summaryTopicWorks": "long[]",
    "summaryCollaboratorIds": "string[]",
    "summaryCollaboratorShared": "long[]",
    "summaryCollaboratorStrength": "double[]",
    "summaryCollaboratorLastYear": "long[]",
    "summarySlicePeople": "long",
    "summaryCloseCoauthors": "long",
    "summarySliceCoauthorIds": "string[]",
    "summarySliceCoauthorShared": "long[]",
    "summarySliceInstitutionIds": "string[]",
    "summarySliceInstitutionMembers": "long[]",
    "summarySlicePaperIds": "string[]",
}
# What summarising and writing one researcher costs besides their co-authors, in co-authors:
# fitted to the time each share took on a generated 100k-work corpus (it was 1, and the share
# of the many one-work researchers took half as long again as the prolific authors' share).
ROW_COST = 35


@dataclass(frozen=True, slots=True)
class Work:
    """What the summaries read of a work: its final record's year, title and distinct
    (merge-resolved) authors and topics."""

    id: str
    year: int | None
    title: str | None
    authors: tuple[str, ...]
    topics: tuple[str, ...]


def _ranks(names: Mapping[str, str | None]) -> dict[str, int]:
    """Each id's place when sorted by name then id, as Cypher's `ORDER BY x.name, x.id` sorts
    them (a missing name after every name). Sorting each researcher's lists by these ints,
    then stably by the figure, gives the query's order at C speed."""
    order = sorted(names, key=lambda i: (names[i] is None, names[i] or "", i))
    return {ident: place for place, ident in enumerate(order)}


def _in_order(ranks: Mapping[str, int]) -> list[str]:
    """The ids of `_ranks` by their place."""
    return sorted(ranks, key=ranks.__getitem__)


def _listed(values: Iterable[Any]) -> list[Any] | None:
    # The offline importer cannot write an empty array: an absent list means none, as the
    # query stores it.
    return list(values) or None


def _ranked(counts: Mapping[str, Any], tie: Mapping[str, int]) -> list[str]:
    """Keys by count descending, then by `tie` (sorted() is stable, also in reverse)."""
    return sorted(sorted(counts, key=tie.__getitem__), key=counts.__getitem__, reverse=True)


class Summariser:
    """The summary properties of one researcher at a time, from every work of the load.

    Built once (the works by researcher and the name orders); then each call reads only that
    researcher's works, so parts of the researchers can be summarised by forked processes.
    """

    def __init__(
        self,
        works: Iterable[Work],
        names: Mapping[str, str | None],
        topic_names: Mapping[str, str | None],
        institution_names: Mapping[str, str | None],
        affiliations: Mapping[str, Sequence[str]],
        *,
        keep_collaborators: int = KEEP_COLLABORATORS,
        keep_slice: int = KEEP_SLICE,
        close_min_shared: int = collaborators.CLOSE_MIN_SHARED,
    ) -> None:
        """`names`: researcher id -> name, for every researcher to summarise;
        `affiliations`: researcher id -> institution ids."""
        self.mine: dict[str, list[Work]] = {rid: [] for rid in names}
        every = list(works)
        for work in every:
            for author in work.authors:
                self.mine[author].append(work)
        self.person = _ranks(names)
        self.topic = _ranks(topic_names)
        self.institution = _ranks(institution_names)
        titled = sorted(every, key=lambda w: (w.title is None, w.title or "", w.id))
        self.paper = {w.id: place for place, w in enumerate(titled)}
        self.keep_collaborators = keep_collaborators
        self.keep_slice = keep_slice
        self.close_min_shared = close_min_shared
        # Every researcher's institutions as their places in name order, one run a researcher,
        # runs in the researchers' name order: counting the institutions of a researcher's
        # co-authors is most of the summaries' work on large corpora (a prolific co-author
        # brings hundreds), so it is done in numpy.
        runs = [affiliations.get(rid, ()) for rid in _in_order(self.person)]
        self.run_start = np.concatenate(
            ([0], np.cumsum([len(run) for run in runs], dtype=np.int64))
        )
        self.places = np.fromiter(
            (self.institution[i] for run in runs for i in run), np.int64, int(self.run_start[-1])
        )
        self.institution_at = _in_order(self.institution)

    def shares(self, ids: Sequence[str], parts: int) -> list[int]:
        """Where to cut `ids` into `parts` runs of about equal work: a researcher costs about
        the co-authors on their works, plus their row, and prolific authors come first in most
        corpora."""
        costs = [ROW_COST + sum(len(w.authors) for w in self.mine[rid]) for rid in ids]
        total = sum(costs)
        bounds, done = [0], 0
        for i, cost in enumerate(costs):
            if done >= total * len(bounds) / parts and len(bounds) < parts:
                bounds.append(i)
            done += cost
        bounds += [len(ids)] * (parts + 1 - len(bounds))
        return bounds

    def _institutions(self, coauthors: Iterable[str]) -> tuple[list[str], list[int]]:
        """The institutions `coauthors` are affiliated with, by how many of them are, then by
        name (the first `keep_slice`), with those counts."""
        rows = np.fromiter(map(self.person.__getitem__, coauthors), np.int64)
        starts = self.run_start[rows]
        sizes = self.run_start[rows + 1] - starts
        ends = np.cumsum(sizes)
        if not len(ends) or not ends[-1]:
            return [], []
        # The co-authors' runs side by side: run k (starts[k], starts[k] + 1, ...) fills the
        # positions ends[k] - sizes[k] ... ends[k] - 1.
        at = np.repeat(starts - ends + sizes, sizes) + np.arange(ends[-1])
        places, counts = np.unique(self.places[at], return_counts=True)  # by place: by name
        order = np.argsort(-counts, kind="stable")[: self.keep_slice]
        named = self.institution_at
        return [named[p] for p in places[order].tolist()], counts[order].tolist()

    def __call__(self, rid: str) -> dict[str, Any]:
        works_of = self.mine[rid]
        keep_slice = self.keep_slice
        years = [w.year for w in works_of if w.year is not None]
        latest = max(years) if years else None
        base = latest if latest is not None else 0
        shared: defaultdict[str, int] = defaultdict(int)
        strength: defaultdict[str, float] = defaultdict(float)
        last: dict[str, int] = {}
        crowded: set[str] = set()  # co-authors on works too crowded to count (MAX_BYLINE)
        # Oldest first, so a co-author's last year is the year of the last shared work seen.
        for w in sorted(works_of, key=lambda w: -1 if w.year is None else w.year):
            byline = len(w.authors)
            if byline > collaborators.MAX_BYLINE:
                crowded.update(w.authors)
                continue
            if byline < 2:
                continue
            year = w.year if w.year is not None else base
            weight = collaborators.weight(byline, base - year)
            for c in w.authors:
                shared[c] += 1
                strength[c] += weight
            if w.year is not None:
                for c in w.authors:
                    last[c] = w.year
        shared.pop(rid, None)
        crowded.discard(rid)
        topics = Counter(itertools.chain.from_iterable(w.topics for w in works_of))
        topic_order = _ranked(topics, self.topic)[:keep_slice]
        coauthors = _ranked(shared, self.person)
        strongest = sorted(coauthors, key=strength.__getitem__, reverse=True)
        strongest = strongest[: self.keep_collaborators]
        places, members = self._institutions(shared)
        newest = sorted(
            sorted(works_of, key=lambda w: self.paper[w.id]),
            key=lambda w: base if w.year is None else w.year,
            reverse=True,
        )[:keep_slice]
        kept = coauthors[:keep_slice]
        return {
            "summaryLatestYear": latest,
            "summaryCoauthors": len(crowded.union(shared)),
            "summaryTopics": len(topics),
            "summaryTopicIds": _listed(topic_order),
            "summaryTopicWorks": _listed(map(topics.__getitem__, topic_order)),
            "summaryCollaboratorIds": _listed(strongest),
            "summaryCollaboratorShared": _listed(map(shared.__getitem__, strongest)),
            "summaryCollaboratorStrength": _listed(map(strength.__getitem__, strongest)),
            "summaryCollaboratorLastYear": _listed(last.get(c, -1) for c in strongest),
            "summarySlicePeople": len(shared),
            "summaryCloseCoauthors": sum(1 for n in shared.values() if n >= self.close_min_shared),
            "summarySliceCoauthorIds": _listed(kept),
            "summarySliceCoauthorShared": _listed(map(shared.__getitem__, kept)),
            "summarySliceInstitutionIds": _listed(places),
            "summarySliceInstitutionMembers": _listed(members),
            "summarySlicePaperIds": _listed(w.id for w in newest),
        }
