"""The GraphQL shapes of a claim: its status, evidence and audit trail, and the evidence input;
built from the domain's records (service/claims/records.py)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from service.claims import records
from service.schema.context import Info
from service.schema.researcher import Researcher, record_researcher


@strawberry.enum
class ClaimStatus(Enum):
    ACTIVE = "active"
    DISPUTED = "disputed"
    RELEASED = "released"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"


@strawberry.enum
class ReviewDecision(Enum):
    APPROVE = "approve"
    REJECT = "reject"


@strawberry.type
class EvidenceItem:
    kind: str = strawberry.field(description='"orcid" or "email".')
    detail: str
    points: int

    @classmethod
    def of(cls, e: records.Evidence) -> EvidenceItem:
        return cls(kind=e.kind, detail=e.detail, points=e.points)


@strawberry.type
class Claim:
    id: strawberry.ID
    researcher_id: strawberry.ID
    status: ClaimStatus
    verification_level: int = strawberry.field(description="The level this claim earns (L2..L4).")
    evidence_strength: int = strawberry.field(description="Evidence points, vouches included.")
    reviewed: bool
    created_at: datetime
    _claim: strawberry.Private[records.Claim]

    @strawberry.field(description="Details (iD, email) only for the claimant and admins.")
    async def evidence(self, info: Info) -> list[EvidenceItem]:
        return [EvidenceItem.of(e) for e in self._claim.evidence(await info.context.user())]

    researcher: Researcher | None = strawberry.field(resolver=record_researcher)

    @classmethod
    def of(cls, c: records.Claim) -> Claim:
        return cls(
            id=strawberry.ID(c.id),
            researcher_id=strawberry.ID(c.researcher_id),
            status=ClaimStatus(c.status),
            verification_level=c.level,
            evidence_strength=c.strength,
            reviewed=c.reviewed,
            created_at=c.created_at,
            _claim=c,
        )


@strawberry.type
class AuditEvent:
    id: strawberry.ID
    at: datetime
    actor_id: strawberry.ID
    action: str = strawberry.field(description='"claim", "release", "vouch" or "review".')
    decision: str
    claim_id: strawberry.ID
    evidence: list[EvidenceItem]
    note: str | None

    @classmethod
    def of(cls, e: records.Event) -> AuditEvent:
        return cls(
            id=strawberry.ID(e.id),
            at=e.at,
            actor_id=strawberry.ID(e.actor_id),
            action=e.action,
            decision=e.decision,
            claim_id=strawberry.ID(e.claim_id),
            evidence=[EvidenceItem.of(x) for x in e.evidence],
            note=e.note,
        )


@strawberry.input
class ClaimEvidenceInput:
    orcid: str | None = strawberry.field(
        default=None,
        description="Must match the record's; public, so it only adds a point to an email.",
    )
    email_verification_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="A verified email (startEmailVerification) at one of the record's "
        "institutions.",
    )
