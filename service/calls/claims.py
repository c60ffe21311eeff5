# Generated from cypher/claims/*.cypher, do not edit; regenerate with `make queries`.
"""The queries in cypher/claims/ as typed async functions."""

from __future__ import annotations

from typing import Unpack, cast

from service.calls.claims_types import (
    ClaimParams,
    ClaimRow,
    EvidenceParams,
    EvidenceRow,
    GetParams,
    GetRow,
    HistoryParams,
    HistoryRow,
    MineParams,
    MineRow,
    OpenParams,
    OpenRow,
    ReleaseParams,
    ReleaseRow,
    ReviewParams,
    ReviewRow,
    ViewerMayVouchParams,
    ViewerMayVouchRow,
    VouchParams,
    VouchRow,
)
from service.rows import Runner, optional


async def claim(db: Runner, /, **params: Unpack[ClaimParams]) -> ClaimRow | None:
    """User $userId claims record $researcherId with evidence already judged in Python
    ($evidence: JSON text of the accepted pieces, $strength: their points, $level: L2/L3).
    """
    rows = await db._run("claims/claim", dict(params), "write")
    return cast("ClaimRow | None", optional(rows))


async def evidence(db: Runner, /, **params: Unpack[EvidenceParams]) -> EvidenceRow | None:
    """What a claim on $researcherId is judged against: the record's ORCID iD and institutions,
    and user $userId's email verification $verificationId (null when none or not theirs).
    """
    rows = await db._run("claims/evidence", dict(params), "read")
    return cast("EvidenceRow | None", optional(rows))


async def get(db: Runner, /, **params: Unpack[GetParams]) -> GetRow | None:
    """One claim by $claimId; no row when there is none."""
    rows = await db._run("claims/get", dict(params), "read")
    return cast("GetRow | None", optional(rows))


async def history(db: Runner, /, **params: Unpack[HistoryParams]) -> HistoryRow | None:
    """The audit trail of every claim on record $researcherId, newest first, at most $first
    events, with the record's current owner id so the caller can decide who may read it.
    """
    rows = await db._run("claims/history", dict(params), "read")
    return cast("HistoryRow | None", optional(rows))


async def mine(db: Runner, /, **params: Unpack[MineParams]) -> list[MineRow]:
    """The claims user $userId made, newest first, at most $first."""
    rows = await db._run("claims/mine", dict(params), "read")
    return cast("list[MineRow]", rows)


async def open(db: Runner, /, **params: Unpack[OpenParams]) -> list[OpenRow]:
    """Claims waiting for an admin: disputes, and active claims not yet reviewed; oldest first,
    at most $first.
    """
    rows = await db._run("claims/open", dict(params), "read")
    return cast("list[OpenRow]", rows)


async def release(db: Runner, /, **params: Unpack[ReleaseParams]) -> ReleaseRow | None:
    """The owner $userId releases record $researcherId: CLAIMED goes, the active Claim becomes
    'released', and the record's level, openness and interests return to the unclaimed state.
    """
    rows = await db._run("claims/release", dict(params), "write")
    return cast("ReleaseRow | None", optional(rows))


async def review(db: Runner, /, **params: Unpack[ReviewParams]) -> ReviewRow | None:
    """Admin $adminId decides claim $claimId: $decision 'approve' or 'reject', with a $note."""
    rows = await db._run("claims/review", dict(params), "write")
    return cast("ReviewRow | None", optional(rows))


async def viewer_may_vouch(
    db: Runner, /, **params: Unpack[ViewerMayVouchParams]
) -> list[ViewerMayVouchRow]:
    """For each of the researchers $ids: the active claim user $userId may vouch for, if any (the
    rule of cypher/claims/vouch.cypher: someone else's active or disputed claim on a record
    that shares a paper with a record $userId owns), and whether they already vouched for it.
    """
    rows = await db._run("claims/viewer_may_vouch", dict(params), "read")
    return cast("list[ViewerMayVouchRow]", rows)


async def vouch(db: Runner, /, **params: Unpack[VouchParams]) -> VouchRow | None:
    """User $voucherId vouches for claim $claimId: allowed only when the voucher owns a claimed
    record that shares a paper with the claimed one and is not the claimant.
    """
    rows = await db._run("claims/vouch", dict(params), "write")
    return cast("VouchRow | None", optional(rows))
