"""Nodes many works share, merged by one set of rules for both import paths: the first record
creates, later ones fill in what it lacked, the fuller byline name wins, affiliation years are
united, merged author ids resolve to the survivor through any chain of merges.

The offline load merges every work's nodes here (service/importer/bulk/); the transactional
import reads the stored versions of a batch's nodes, merges the batch into them here and writes
the result (service/importer/loader.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from service.importer.works import fuller

Record = dict[str, Any]


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


def authorships(authored: Iterable[Record], resolve: Callable[[str], str]) -> list[Record]:
    """A batch's authorships (`batch_params`) with merged author ids resolved; where two merged
    ids share one byline, one authorship: the first."""
    seen: set[tuple[str, str]] = set()
    out = []
    for a in authored:
        key = (resolve(a["author"]), a["paper"])
        if key not in seen:
            seen.add(key)
            out.append({**a, "author": key[0]})
    return out


@dataclass
class Nodes:
    """Nodes met in several works, merged by one set of rules: the first record creates, later
    ones fill in what it lacked, the fuller byline name wins (unless an author record named the
    researcher), affiliation years are united."""

    researchers: dict[str, Record] = field(default_factory=dict)
    institutions: dict[str, Record] = field(default_factory=dict)
    venues: dict[str, Record] = field(default_factory=dict)
    topics: dict[str, Record] = field(default_factory=dict)
    funders: dict[str, Record] = field(default_factory=dict)
    part_of: set[tuple[str, str]] = field(default_factory=set)
    affiliations: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    references: set[str] = field(default_factory=set)

    @classmethod
    def stored(cls, found: Record) -> Nodes:
        """The stored versions of a batch's nodes (cypher/import/stored_nodes.cypher), for the
        batch to merge into."""
        return cls(
            researchers={r["id"]: r for r in found["researchers"]},
            institutions={i["id"]: i for i in found["institutions"]},
            venues={v: {"id": v} for v in found["venues"]},
            topics={t: {"id": t} for t in found["topics"]},
            funders={f: {"id": f} for f in found["funders"]},
            affiliations={
                (f["author"], f["institution"]): set(f["years"] or ())
                for f in found["affiliations"]
            },
        )

    def researcher(self, a: Record) -> None:
        known = self.researchers.get(a["id"])
        if known is None:
            self.researchers[a["id"]] = dict(a)
            return
        # An author record's name (`fromRecord`) stands; a missing one is left as it is.
        name = known["name"]
        if not known.get("fromRecord") and name is not None and fuller(a["name"], name):
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
