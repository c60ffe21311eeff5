# Generated from cypher/claims/*.cypher, do not edit; regenerate with `make queries`.
"""Parameters and rows of the queries in cypher/claims/, as TypedDicts."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypedDict

from neo4j.time import DateTime


class ClaimParams(TypedDict):
    researcherId: str
    userId: str
    now: datetime | DateTime
    claimId: str
    evidence: str
    strength: int
    level: int
    auditId: str


class ClaimRow(TypedDict):
    outcome: str  # active, disputed or existing
    # the claim (id, researcherId, userId, status, strength, level, reviewed, createdAt,
    # evidence)
    claim: dict[str, Any]


class EvidenceParams(TypedDict):
    researcherId: str
    userId: str
    verificationId: str | None


class EvidenceRow(TypedDict):
    record: dict[str, Any]  # the record's orcid and institutions (id, name, emailDomains)
    # the verification's email and verifiedAt, null when none or not the user's
    email: dict[str, Any] | None


class GetParams(TypedDict):
    claimId: str


class GetRow(TypedDict):
    claim: dict[str, Any]  # the claim's fields


class HistoryParams(TypedDict):
    researcherId: str
    first: int


class HistoryRow(TypedDict):
    ownerId: str | None  # the owning user, null when unclaimed
    events: list[dict[str, Any]]  # audit events, newest first


class MineParams(TypedDict):
    userId: str
    first: int


class MineRow(TypedDict):
    claim: dict[str, Any]  # one claim's fields


class OpenParams(TypedDict):
    first: int


class OpenRow(TypedDict):
    claim: dict[str, Any]  # one claim's fields


class ReleaseParams(TypedDict):
    researcherId: str
    userId: str
    now: datetime | DateTime
    auditId: str


class ReleaseRow(TypedDict):
    claim: dict[str, Any]  # the released claim's fields


class ReviewParams(TypedDict):
    claimId: str
    now: datetime | DateTime
    decision: str
    auditId: str
    adminId: str
    note: str | None


class ReviewRow(TypedDict):
    claim: dict[str, Any]  # the decided claim's fields


class ViewerMayVouchParams(TypedDict):
    ids: list[str]
    userId: str


class ViewerMayVouchRow(TypedDict):
    item: dict[str, Any]  # {id, claimId, vouched} for one record


class VouchParams(TypedDict):
    claimId: str
    voucherId: str
    now: datetime | DateTime
    vouchPoints: int
    maxVouches: int
    strongAt: int
    auditId: str


class VouchRow(TypedDict):
    claim: dict[str, Any]  # the claim's fields after the vouch
