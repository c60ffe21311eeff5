"""The trust model: an explainable 0-100 score whose signals add up to it.

Model `trust-v1`. Each signal is a fact read from the graph, turned into points:

| signal              | fact                                             | points            |
|---------------------|--------------------------------------------------|-------------------|
| verification        | verification level L0..L4                        | 10 per level      |
| claimed             | a user owns this author record                   | 15 if claimed     |
| publication_record  | works in the graph                               | 1 per work, <= 15 |
| affiliation_known   | an institution is known for the researcher       | 4                 |
| claimed_coauthors   | co-authors whose records are claimed             | 3 each, <= 12     |

Verification levels: L0 a record with no imported works; L1 unclaimed but backed by imported
works; L2 claimed on weak evidence; L3 claimed on strong evidence (ORCID); L4 reviewed by an
admin. The label follows the level, since the score alone would let a prolific but unclaimed
record look verified. Change any number here and `MODEL_VERSION` must change with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MODEL_VERSION = "trust-v1"
LABELS = {0: "Unverified", 1: "Unverified", 2: "Self-claimed", 3: "Verified", 4: "Reviewed"}


@dataclass(frozen=True)
class Signal:
    name: str
    value: float
    contribution: float
    explanation: str


@dataclass(frozen=True)
class Snapshot:
    score: int
    label: str
    verification_level: int
    model_version: str
    signals: list[Signal]


def snapshot(level: int, inputs: dict[str, Any]) -> Snapshot:
    """Score a researcher from the card's `trustInputs` and verification level."""
    works = int(inputs.get("works") or 0)
    claimed = bool(inputs.get("claimed"))
    affiliation = bool(inputs.get("affiliationKnown"))
    coauthors = int(inputs.get("claimedCoauthors") or 0)
    signals = [
        Signal("verification", level, 10.0 * level, f"verification level L{level}"),
        Signal(
            "claimed",
            float(claimed),
            15.0 if claimed else 0.0,
            "a user owns this author record" if claimed else "nobody has claimed this record",
        ),
        Signal(
            "publication_record",
            works,
            float(min(works, 15)),
            f"{works} work(s) in the graph, 1 point each up to 15",
        ),
        Signal(
            "affiliation_known",
            float(affiliation),
            4.0 if affiliation else 0.0,
            "an institution is known" if affiliation else "no institution imported",
        ),
        Signal(
            "claimed_coauthors",
            coauthors,
            float(min(3 * coauthors, 12)),
            f"{coauthors} co-author(s) with claimed records, 3 points each up to 12",
        ),
    ]
    score = round(sum(s.contribution for s in signals))
    return Snapshot(
        score=max(0, min(100, score)),
        label=LABELS[level],
        verification_level=level,
        model_version=MODEL_VERSION,
        signals=signals,
    )
