"""The trust model: an explainable 0-100 score whose signals add up to it.

Model `trust-v3`. Each signal is a fact read from the graph, turned into points:

| signal              | fact                                               | points            |
|---------------------|----------------------------------------------------|-------------------|
| verification        | verification level L0..L4                          | 10 per level      |
| claimed             | a user owns this author record                     | 15 if claimed     |
| evidence_strength   | points of the owner's accepted evidence (below)    | 2 each, <= 10     |
| publication_record  | works in the graph                                 | 1 per work, <= 15 |
| affiliation_known   | an institution is known for the researcher         | 4                 |
| claimed_coauthors   | other people who own co-authors' records           | 3 each, <= 12     |
| owner_account_age   | days since the owner's account was created         | 1 per 90, <= 4    |

The maximum is 40 + 15 + 10 + 15 + 4 + 12 + 4 = 100.

Verification ladder (the level is stored on the record by the claim writes, see
`service/claims/evidence.py` for the evidence points):

| level | meaning                                                              | label        |
|-------|----------------------------------------------------------------------|--------------|
| L0    | unclaimed, no imported works                                         | Unverified   |
| L1    | unclaimed, backed by imported works (the seed page)                  | Unverified   |
| L2    | claimed on 2 points: a verified institutional email                  | Self-claimed |
| L3    | claimed on >= 3 points: the email plus the matching (public) ORCID   | Verified     |
|       | iD, or plus a vouch from a co-author who owns their own record       |              |
| L4    | claimed and approved by an admin's review                            | Reviewed     |

A claim without any accepted evidence is refused, and releasing a claim returns the record to
L0/L1 with no claim signals, so nothing a user does alone raises the score without evidence.
The label follows the level, since the score alone would let a prolific but unclaimed record
look verified. Change any number here and `MODEL_VERSION` must change with it.

v1 -> v2: added evidence_strength and owner_account_age; an unclaimed record scores the same.
v2 -> v3: an ORCID iD, public, is worth 1 point and never enough alone (was 3, an owner at L3);
claimed_coauthors counts distinct other owners, so one account owning two co-authors' records
counts once and never for its own record.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.shapes import TrustInputs

MODEL_VERSION = "trust-v3"
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


def _flag(name: str, on: bool, points: int, yes: str, no: str) -> Signal:
    return Signal(name, float(on), float(points) if on else 0.0, yes if on else no)


def _capped(name: str, count: int, each: int, cap: int, what: str) -> Signal:
    explanation = f"{count} {what}, {each} point(s) each up to {cap}"
    return Signal(name, count, float(min(each * count, cap)), explanation)


def snapshot(level: int, inputs: TrustInputs) -> Snapshot:
    """Score a researcher from the card's `trustInputs` and verification level."""
    works = int(inputs.get("works") or 0)
    claimed = bool(inputs.get("claimed"))
    affiliation = bool(inputs.get("affiliationKnown"))
    coauthors = int(inputs.get("claimedCoauthors") or 0)
    # Evidence and account age only count while someone owns the record.
    strength = int(inputs.get("evidenceStrength") or 0) if claimed else 0
    days = int(inputs.get("ownerAccountDays") or 0) if claimed else 0
    signals = [
        Signal("verification", level, 10.0 * level, f"verification level L{level}"),
        _flag("claimed", claimed, 15, "a user owns this record", "nobody has claimed this record"),
        _capped("evidence_strength", strength, 2, 10, "point(s) of accepted claim evidence"),
        _capped("publication_record", works, 1, 15, "work(s) in the graph"),
        _flag("affiliation_known", affiliation, 4, "an institution is known", "none imported"),
        _capped("claimed_coauthors", coauthors, 3, 12, "other owner(s) of co-authors' records"),
        Signal(
            "owner_account_age",
            days,
            float(min(days // 90, 4)),
            f"the owner's account is {days} day(s) old, 1 point per 90 days up to 4"
            if claimed
            else "no owner",
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
