"""Researcher summaries computed in Python, for the offline importer (service/importer/bulk.py).

`cypher/import/refresh_researchers.cypher` costs about a millisecond of database time per
researcher, which made it the longest phase of a bulk load (minutes at a million works). Every
authorship of a bulk load already passes through Python, so the same figures are computed here
from the final version of each work and written as columns of the researcher file. Same
figures, orders and caps as that query, which stays the one definition for every other write
path; `tests/importer/test_bulk.py` compares the graphs both build from the same files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Columns of the researcher file and their import types, as the query names the properties.
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
    "summarySliceCoauthorIds": "string[]",
    "summarySliceCoauthorShared": "long[]",
    "summarySliceInstitutionIds": "string[]",
    "summarySliceInstitutionMembers": "long[]",
    "summarySlicePaperIds": "string[]",
}
MAX_BYLINE = 200  # co-authorship counts only on works of at most this many authors


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
    them (a missing name after every name): sorting by an int is much cheaper than by tuples."""
    order = sorted(names, key=lambda i: (names[i] is None, names[i] or "", i))
    return {ident: place for place, ident in enumerate(order)}


def _listed(values: Sequence[Any]) -> list[Any] | None:
    # The offline importer cannot write an empty array: an absent list means none, as the
    # query stores it.
    return list(values) or None


def compute(
    works: Iterable[Work],
    names: Mapping[str, str | None],
    topic_names: Mapping[str, str | None],
    institution_names: Mapping[str, str | None],
    affiliations: Mapping[str, Sequence[str]],
    *,
    keep_collaborators: int,
    keep_slice: int,
) -> dict[str, dict[str, Any]]:
    """Researcher id -> its summary properties, for every researcher in `names` (researcher id
    -> name); `affiliations`: researcher id -> institution ids."""
    mine: dict[str, list[Work]] = {}
    for work in works:
        for author in work.authors:
            mine.setdefault(author, []).append(work)
    person = _ranks(names)
    topic = _ranks(topic_names)
    institution = _ranks(institution_names)
    return {
        rid: _one(
            rid,
            mine.get(rid, []),
            person,
            topic,
            institution,
            affiliations,
            keep_collaborators,
            keep_slice,
        )
        for rid in names
    }


def _one(
    rid: str,
    works: list[Work],
    person: Mapping[str, int],
    topic: Mapping[str, int],
    institution: Mapping[str, int],
    affiliations: Mapping[str, Sequence[str]],
    keep_collaborators: int,
    keep_slice: int,
) -> dict[str, Any]:
    years = [w.year for w in works if w.year is not None]
    latest = max(years) if years else None
    base = latest if latest is not None else 0
    everyone: set[str] = set()
    topics: Counter[str] = Counter()
    shared: Counter[str] = Counter()
    strength: dict[str, float] = {}
    last: dict[str, int] = {}
    for w in works:
        topics.update(w.topics)
        byline = len(w.authors)
        if byline > MAX_BYLINE:
            everyone.update(w.authors)
            continue
        if byline < 2:
            continue
        year = w.year if w.year is not None else base
        weight = (1.0 / (byline - 1)) * 0.8 ** (base - year)
        for c in w.authors:
            if c == rid:
                continue
            shared[c] += 1
            strength[c] = strength.get(c, 0.0) + weight
            if w.year is not None and w.year > last.get(c, w.year - 1):
                last[c] = w.year
    everyone.update(shared)
    everyone.discard(rid)
    topic_order = sorted(topics, key=lambda t: (-topics[t], topic[t]))[:keep_slice]
    collaborators = sorted(shared, key=lambda c: (-strength[c], -shared[c], person[c]))
    collaborators = collaborators[:keep_collaborators]
    size = len(person)
    coauthors = sorted(shared, key=lambda c: -shared[c] * size + person[c])
    members: Counter[str] = Counter()
    for c in shared:
        members.update(affiliations.get(c, ()))
    places = sorted(members, key=lambda i: (-members[i], institution[i]))[:keep_slice]
    newest = sorted(
        works,
        key=lambda w: (
            -(w.year if w.year is not None else base),
            w.title is None,
            w.title or "",
            w.id,
        ),
    )[:keep_slice]
    return {
        "summaryLatestYear": latest,
        "summaryCoauthors": len(everyone),
        "summaryTopics": len(topics),
        "summaryTopicIds": _listed(topic_order),
        "summaryTopicWorks": _listed([topics[t] for t in topic_order]),
        "summaryCollaboratorIds": _listed(collaborators),
        "summaryCollaboratorShared": _listed([shared[c] for c in collaborators]),
        "summaryCollaboratorStrength": _listed([strength[c] for c in collaborators]),
        "summaryCollaboratorLastYear": _listed([last.get(c, -1) for c in collaborators]),
        "summarySlicePeople": len(shared),
        "summarySliceCoauthorIds": _listed(coauthors[:keep_slice]),
        "summarySliceCoauthorShared": _listed([shared[c] for c in coauthors[:keep_slice]]),
        "summarySliceInstitutionIds": _listed(places),
        "summarySliceInstitutionMembers": _listed([members[i] for i in places]),
        "summarySlicePaperIds": _listed([w.id for w in newest]),
    }
