"""Claiming a record with evidence, disputes, release, vouching, admin review, and reading a
record's claims."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from service import errors
from service.calls import claims as calls
from service.claims import evidence
from service.claims.records import Claim, Event, Refusal
from service.graph import Graph
from service.identity import tokens
from service.identity.accounts import User
from service.ownership import not_owner_or_missing

MAX_ID = 200
MAX_NOTE = 2000


@dataclass(frozen=True)
class Rejected:
    """The evidence does not support the claim."""

    reasons: list[str]


@dataclass(frozen=True)
class Taken:
    """The record already has an owner: the viewer (`dispute` None), or someone else, in which
    case the claim was filed as `dispute` for admin review."""

    dispute: Claim | None


async def claim(
    graph: Graph,
    user: User | None,
    researcher_id: str,
    orcid: str | None,
    verification_id: str | None,
    now: datetime,
) -> Claim | Rejected | Taken | Refusal:
    """Claim a record; the first claim with enough evidence makes its user the owner."""
    if user is None:
        return Refusal.LOGIN
    if orcid is not None and len(orcid) > MAX_ID:
        raise errors.Invalid("orcid is too long", "evidence.orcid")
    found = await calls.evidence(
        graph, researcherId=researcher_id, userId=user.id, verificationId=verification_id
    )
    if found is None:
        return Refusal.MISSING
    judged = evidence.assess(
        record=found["record"],
        orcid=orcid,
        email=found["email"],
        verification_id=verification_id,
    )
    if not judged.enough:
        return Rejected(judged.reasons)
    written = await calls.claim(
        graph,
        researcherId=researcher_id,
        userId=user.id,
        claimId=tokens.new_id("claim"),
        auditId=tokens.new_id("audit"),
        evidence=json.dumps(judged.accepted),
        strength=judged.points,
        level=judged.level,
        now=now,
    )
    if written is None:
        return Refusal.MISSING
    outcome, made = written["outcome"], Claim.from_row(written["claim"])
    if outcome == "active":
        return made
    # 'existing': the viewer's own active claim or open dispute; 'disputed': a new dispute.
    return Taken(None if outcome == "existing" and made.status == "active" else made)


async def release(
    graph: Graph, user: User | None, researcher_id: str, now: datetime
) -> Claim | Refusal:
    """The owner gives the record up; it returns to unclaimed."""
    if user is None:
        return Refusal.LOGIN
    released = await calls.release(
        graph, researcherId=researcher_id, userId=user.id, auditId=tokens.new_id("audit"), now=now
    )
    if released is not None:
        return Claim.from_row(released["claim"])
    return await not_owner_or_missing(
        graph, researcher_id, not_owner=Refusal.NOT_OWNER, missing=Refusal.MISSING
    )


async def vouch(graph: Graph, user: User | None, claim_id: str, now: datetime) -> Claim | Refusal:
    """A co-author who owns their own record vouches for someone else's open claim."""
    if user is None:
        return Refusal.LOGIN
    vouched = await calls.vouch(
        graph,
        claimId=claim_id,
        voucherId=user.id,
        vouchPoints=evidence.VOUCH_POINTS,
        maxVouches=evidence.MAX_VOUCHES,
        strongAt=evidence.STRONG_AT,
        auditId=tokens.new_id("audit"),
        now=now,
    )
    if vouched is not None:
        return Claim.from_row(vouched["claim"])
    return Refusal.NO_VOUCH if await calls.get(graph, claimId=claim_id) else Refusal.MISSING


async def review(
    graph: Graph, user: User | None, claim_id: str, approve: bool, note: str | None, now: datetime
) -> Claim | Refusal:
    """An admin approves (L4, and a dispute's author becomes the owner) or rejects a claim."""
    if user is None:
        return Refusal.LOGIN
    if not user.is_admin:
        return Refusal.NOT_ADMIN
    if note is not None and len(note) > MAX_NOTE:
        raise errors.Invalid(f"note must be at most {MAX_NOTE} characters", "note")
    found = await calls.get(graph, claimId=claim_id)
    if found is None:
        return Refusal.MISSING
    if found["claim"]["userId"] == user.id:
        return Refusal.OWN_CLAIM
    decided = await calls.review(
        graph,
        claimId=claim_id,
        adminId=user.id,
        decision="approve" if approve else "reject",
        note=note,
        auditId=tokens.new_id("audit"),
        now=now,
    )
    return Claim.from_row(decided["claim"]) if decided is not None else Refusal.CLOSED


async def history(
    graph: Graph, user: User | None, researcher_id: str, first: int
) -> list[Event] | Refusal:
    """Every step of every claim on a record, newest first: for its owner and admins."""
    if user is None:
        return Refusal.LOGIN
    found = await calls.history(graph, researcherId=researcher_id, first=first)
    if found is None:
        return Refusal.MISSING
    if not user.is_admin and found["ownerId"] != user.id:
        return Refusal.HISTORY
    return [Event.from_row(e, user) for e in found["events"]]


async def mine(graph: Graph, user: User, first: int) -> list[Claim]:
    rows = await calls.mine(graph, userId=user.id, first=first)
    return [Claim.from_row(r["claim"]) for r in rows]


async def for_review(graph: Graph, user: User | None, first: int) -> list[Claim] | Refusal:
    """Disputes and unreviewed claims, oldest first; admins only."""
    if user is None:
        return Refusal.LOGIN
    if not user.is_admin:
        return Refusal.NOT_ADMIN
    rows = await calls.open(graph, first=first)
    return [Claim.from_row(r["claim"]) for r in rows]
