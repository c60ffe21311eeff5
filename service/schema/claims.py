"""Claiming author records: claim with evidence, disputes, release, vouching, admin review, audit.

The evidence is judged in Python (`service/identity/evidence.py`); the ownership change itself
is one race-safe Cypher write (`cypher/claims/claim.cypher`).
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry

from service.identity import evidence, tokens
from service.identity.accounts import User
from service.identity.clock import native
from service.schema.bounds import MAX_FIRST, bounded
from service.schema.context import Context
from service.schema.problems import (
    AlreadyClaimed,
    EvidenceRejected,
    NotAllowed,
    NotAuthenticated,
    NotFound,
    ValidationError,
    not_found,
)
from service.schema.researcher import MAX_ID_LENGTH, Researcher, load_researcher

Info = strawberry.Info[Context, None]


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


def _evidence(text: str | None, full: bool = True) -> list[EvidenceItem]:
    """Evidence pieces; `full=False` hides the email address or iD from other people."""
    items: list[dict[str, Any]] = json.loads(text) if text else []
    return [
        EvidenceItem(
            kind=i["kind"],
            detail=str(i.get("orcid") or i.get("email") or "") if full else "",
            points=i["points"],
        )
        for i in items
    ]


async def _sees_details(info: Info, claimant_id: str) -> bool:
    """Evidence details (an email address) are for the claimant and admins only."""
    user = await info.context.user()
    return user is not None and (user.is_admin or user.id == claimant_id)


@strawberry.type
class Claim:
    id: strawberry.ID
    researcher_id: strawberry.ID
    status: ClaimStatus
    verification_level: int = strawberry.field(description="The level this claim earns (L2..L4).")
    evidence_strength: int = strawberry.field(description="Evidence points, vouches included.")
    reviewed: bool
    created_at: datetime
    _evidence: strawberry.Private[str | None]
    _claimant_id: strawberry.Private[str]

    @strawberry.field(description="Details (iD, email) only for the claimant and admins.")
    async def evidence(self, info: Info) -> list[EvidenceItem]:
        return _evidence(self._evidence, await _sees_details(info, self._claimant_id))

    @strawberry.field
    async def researcher(self, info: Info) -> Researcher | None:
        return await load_researcher(info, str(self.researcher_id))

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Claim:
        return cls(
            id=row["id"],
            researcher_id=row["researcherId"],
            status=ClaimStatus(row["status"]),
            verification_level=row["level"],
            evidence_strength=row["strength"],
            reviewed=bool(row.get("reviewed")),
            created_at=native(row["createdAt"]),
            _evidence=row.get("evidence"),
            _claimant_id=row["userId"],
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


@strawberry.input
class ClaimEvidenceInput:
    orcid: str | None = strawberry.field(default=None, description="Must match the record's.")
    email_verification_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="A verified email (startEmailVerification) at one of the record's "
        "institutions.",
    )


@strawberry.type
class ClaimSuccess:
    claim: Claim
    researcher: Researcher


@strawberry.type
class ClaimUpdated:
    claim: Claim


@strawberry.type
class ClaimHistory:
    researcher_id: strawberry.ID
    events: list[AuditEvent]


@strawberry.type
class ReviewQueue:
    claims: list[Claim]


ClaimResult = Annotated[
    ClaimSuccess
    | NotAuthenticated
    | NotFound
    | AlreadyClaimed
    | EvidenceRejected
    | ValidationError,
    strawberry.union("ClaimResult"),
]
ReleaseResult = Annotated[
    ClaimSuccess | NotAuthenticated | NotAllowed | NotFound, strawberry.union("ReleaseResult")
]
VouchResult = Annotated[
    ClaimUpdated | NotAuthenticated | NotAllowed | NotFound, strawberry.union("VouchResult")
]
ReviewResult = Annotated[
    ClaimUpdated | NotAuthenticated | NotAllowed | NotFound | ValidationError,
    strawberry.union("ReviewResult"),
]
ClaimHistoryResult = Annotated[
    ClaimHistory | NotAuthenticated | NotAllowed | NotFound,
    strawberry.union("ClaimHistoryResult"),
]
ReviewQueueResult = Annotated[
    ReviewQueue | NotAuthenticated | NotAllowed, strawberry.union("ReviewQueueResult")
]


async def claims_of(info: Info, user: User, first: int) -> list[Claim]:
    bounded(first, "first")
    rows = await info.context.graph.read("claims/mine", userId=user.id, first=first)
    return [Claim.from_row(r["claim"]) for r in rows]


async def _claim(info: Info, researcher_id: str, given: ClaimEvidenceInput) -> ClaimResult:
    user = await info.context.user()
    if user is None:
        return NotAuthenticated(message="log in to claim this author record")
    if given.orcid is not None and len(given.orcid) > MAX_ID_LENGTH:
        return ValidationError(message="orcid is too long", field="evidence.orcid")
    verification_id = given.email_verification_id
    graph = info.context.graph
    rows = await graph.read(
        "claims/evidence",
        researcherId=researcher_id,
        userId=user.id,
        verificationId=str(verification_id) if verification_id is not None else None,
    )
    if not rows:
        return not_found("researcher", researcher_id)
    judged = evidence.assess(
        record=rows[0]["record"],
        orcid=given.orcid,
        email=rows[0]["email"],
        verification_id=str(verification_id) if verification_id is not None else None,
    )
    if judged.points == 0:
        return EvidenceRejected(
            message="the evidence does not support this claim", reasons=judged.reasons
        )
    written = await graph.write(
        "claims/claim",
        researcherId=researcher_id,
        userId=user.id,
        claimId=tokens.new_id("claim"),
        auditId=tokens.new_id("audit"),
        evidence=json.dumps(judged.accepted),
        strength=judged.points,
        level=judged.level,
        now=info.context.now(),
    )
    if not written:
        return not_found("researcher", researcher_id)
    outcome, claim = written[0]["outcome"], Claim.from_row(written[0]["claim"])
    if outcome == "existing" and claim.status is ClaimStatus.ACTIVE:
        return AlreadyClaimed(
            message="you already own this record", dispute_id=None, owned_by_viewer=True
        )
    if outcome != "active":
        return AlreadyClaimed(
            message="this record already has an owner; your claim was filed as a dispute for "
            "admin review",
            dispute_id=claim.id,
            owned_by_viewer=False,
        )
    researcher = await load_researcher(info, researcher_id, fresh=True)
    assert researcher is not None
    return ClaimSuccess(claim=claim, researcher=researcher)


async def _release(info: Info, researcher_id: str) -> ReleaseResult:
    user = await info.context.user()
    if user is None:
        return NotAuthenticated(message="log in to release a claim")
    rows = await info.context.graph.write(
        "claims/release",
        researcherId=researcher_id,
        userId=user.id,
        auditId=tokens.new_id("audit"),
        now=info.context.now(),
    )
    researcher = await load_researcher(info, researcher_id, fresh=True)
    if researcher is None:
        return not_found("researcher", researcher_id)
    if not rows:
        return NotAllowed(message="only the record's owner can release it")
    return ClaimSuccess(claim=Claim.from_row(rows[0]["claim"]), researcher=researcher)


async def _vouch(info: Info, claim_id: str) -> VouchResult:
    user = await info.context.user()
    if user is None:
        return NotAuthenticated(message="log in to vouch for a claim")
    graph = info.context.graph
    rows = await graph.write(
        "claims/vouch",
        claimId=claim_id,
        voucherId=user.id,
        vouchPoints=evidence.VOUCH_POINTS,
        maxVouches=evidence.MAX_VOUCHES,
        strongAt=evidence.STRONG_AT,
        auditId=tokens.new_id("audit"),
        now=info.context.now(),
    )
    if rows:
        return ClaimUpdated(claim=Claim.from_row(rows[0]["claim"]))
    if not await graph.read("claims/get", claimId=claim_id):
        return not_found("claim", claim_id)
    return NotAllowed(
        message="only a co-author who owns their own claimed record may vouch for another "
        "person's open claim"
    )


async def _review(
    info: Info, claim_id: str, decision: ReviewDecision, note: str | None
) -> ReviewResult:
    user = await info.context.user()
    if user is None:
        return NotAuthenticated(message="log in to review claims")
    if not user.is_admin:
        return NotAllowed(message="only admins review claims")
    if note is not None and len(note) > 2000:
        return ValidationError(message="note must be at most 2000 characters", field="note")
    graph = info.context.graph
    found = await graph.read("claims/get", claimId=claim_id)
    if not found:
        return not_found("claim", claim_id)
    if found[0]["claim"]["userId"] == user.id:
        return NotAllowed(message="admins do not review their own claims")
    rows = await graph.write(
        "claims/review",
        claimId=claim_id,
        adminId=user.id,
        decision=decision.value,
        note=note,
        auditId=tokens.new_id("audit"),
        now=info.context.now(),
    )
    if rows:
        return ClaimUpdated(claim=Claim.from_row(rows[0]["claim"]))
    return ValidationError(message="this claim is already closed", field="claimId")


@strawberry.type
class ClaimsMutation:
    @strawberry.mutation(
        description="Claim an author record with evidence. An owned record answers "
        "AlreadyClaimed and files a dispute for admin review."
    )
    async def claim_researcher(
        self, info: Info, researcher_id: strawberry.ID, evidence: ClaimEvidenceInput
    ) -> ClaimResult:
        return await _claim(info, str(researcher_id), evidence)

    @strawberry.mutation(description="The owner gives the record up; it returns to unclaimed.")
    async def release_claim(self, info: Info, researcher_id: strawberry.ID) -> ReleaseResult:
        return await _release(info, str(researcher_id))

    @strawberry.mutation(
        description="A co-author who owns their own claimed record vouches for a claim."
    )
    async def vouch_for_claim(self, info: Info, claim_id: strawberry.ID) -> VouchResult:
        return await _vouch(info, str(claim_id))

    @strawberry.mutation(description="Admins approve or reject an open claim or dispute.")
    async def review_claim(
        self,
        info: Info,
        claim_id: strawberry.ID,
        decision: ReviewDecision,
        note: str | None = None,
    ) -> ReviewResult:
        return await _review(info, str(claim_id), decision, note)


def _event(row: dict[str, Any], viewer: User) -> AuditEvent:
    return AuditEvent(
        id=row["id"],
        at=native(row["at"]),
        actor_id=row["actorId"],
        action=row["action"],
        decision=row["decision"],
        claim_id=row["claimId"],
        evidence=_evidence(
            row.get("evidence"), viewer.is_admin or row.get("claimantId") == viewer.id
        ),
        note=row.get("note"),
    )


@strawberry.type
class ClaimsQuery:
    @strawberry.field(
        description=f"Every claim step on a record (who, when, evidence, decision), newest "
        f"first; for its owner and admins; first <= {MAX_FIRST}."
    )
    async def claim_history(
        self, info: Info, researcher_id: strawberry.ID, first: int = 50
    ) -> ClaimHistoryResult:
        bounded(first, "first")
        user = await info.context.user()
        if user is None:
            return NotAuthenticated(message="log in to see a claim history")
        rows = await info.context.graph.read(
            "claims/history", researcherId=str(researcher_id), first=first
        )
        if not rows:
            return not_found("researcher", str(researcher_id))
        if not user.is_admin and rows[0]["ownerId"] != user.id:
            return NotAllowed(message="only the record's owner and admins see its claim history")
        return ClaimHistory(
            researcher_id=researcher_id, events=[_event(e, user) for e in rows[0]["events"]]
        )

    @strawberry.field(
        description=f"Disputes and unreviewed claims, oldest first; admins only; "
        f"first <= {MAX_FIRST}."
    )
    async def claims_for_review(self, info: Info, first: int = 20) -> ReviewQueueResult:
        bounded(first, "first")
        user = await info.context.user()
        if user is None:
            return NotAuthenticated(message="log in to review claims")
        if not user.is_admin:
            return NotAllowed(message="only admins review claims")
        rows = await info.context.graph.read("claims/open", first=first)
        return ReviewQueue(claims=[Claim.from_row(r["claim"]) for r in rows])
