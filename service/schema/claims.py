"""Claiming author records over GraphQL: the result unions, and resolvers that ask the domain
(service/claims/) and map its answer to them. The claim's own types: claim_types.py."""

from __future__ import annotations

from typing import Annotated, cast

import strawberry

from service import errors
from service.claims import actions, records
from service.claims.records import Refusal
from service.identity.accounts import User
from service.schema.bounds import MAX_FIRST, bounded
from service.schema.claim_types import (
    AuditEvent,
    Claim,
    ClaimEvidenceInput,
    ReviewDecision,
)
from service.schema.context import Info
from service.schema.problems import (
    AlreadyClaimed,
    EvidenceRejected,
    NotAllowed,
    NotAuthenticated,
    NotFound,
    ValidationError,
    invalid,
)
from service.schema.researcher import Researcher, load_researcher


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
Problem = NotAuthenticated | NotAllowed | NotFound | ValidationError


def problem(refusal: Refusal, kind: str, id: str) -> Problem:
    """The result type each refusal of the domain is shown as. Each field's union holds the
    types its own refusals map to (the domain returns no others), hence the casts below."""
    if refusal is Refusal.LOGIN:
        return NotAuthenticated(message=refusal.value)
    if refusal is Refusal.MISSING:
        return NotFound(message=f"no {kind} has id {id}", id=strawberry.ID(id))
    if refusal is Refusal.CLOSED:
        return ValidationError(message=refusal.value, field="claimId")
    return NotAllowed(message=refusal.value)


async def claims_of(info: Info, user: User, first: int) -> list[Claim]:
    return [
        Claim.of(c) for c in await actions.mine(info.context.graph, user, bounded(first, "first"))
    ]


async def _with_researcher(info: Info, claim: records.Claim) -> ClaimSuccess:
    researcher = await load_researcher(info, claim.researcher_id, fresh=True)
    assert researcher is not None
    return ClaimSuccess(claim=Claim.of(claim), researcher=researcher)


@strawberry.type
class ClaimsMutation:
    @strawberry.mutation(
        description="Claim an author record with evidence. An owned record answers "
        "AlreadyClaimed and files a dispute for admin review."
    )
    async def claim_researcher(
        self, info: Info, researcher_id: strawberry.ID, evidence: ClaimEvidenceInput
    ) -> ClaimResult:
        context, rid = info.context, str(researcher_id)
        verification = evidence.email_verification_id
        try:
            done = await actions.claim(
                context.graph, await context.user(), rid, evidence.orcid,
                str(verification) if verification is not None else None, context.now(),
            )  # fmt: skip
        except errors.Invalid as exc:
            return invalid(exc)
        if isinstance(done, actions.Rejected):
            return EvidenceRejected(
                message="the evidence does not support this claim", reasons=done.reasons
            )
        if isinstance(done, actions.Taken):
            if done.dispute is None:
                return AlreadyClaimed(
                    message="you already own this record", dispute_id=None, owned_by_viewer=True
                )
            return AlreadyClaimed(
                message="this record already has an owner; your claim was filed as a dispute "
                "for admin review",
                dispute_id=strawberry.ID(done.dispute.id),
                owned_by_viewer=False,
            )
        if isinstance(done, Refusal):
            return cast(ClaimResult, problem(done, "researcher", rid))
        return await _with_researcher(info, done)

    @strawberry.mutation(description="The owner gives the record up; it returns to unclaimed.")
    async def release_claim(self, info: Info, researcher_id: strawberry.ID) -> ReleaseResult:
        context, rid = info.context, str(researcher_id)
        done = await actions.release(context.graph, await context.user(), rid, context.now())
        if isinstance(done, Refusal):
            return cast(ReleaseResult, problem(done, "researcher", rid))
        return await _with_researcher(info, done)

    @strawberry.mutation(
        description="A co-author who owns their own claimed record vouches for a claim."
    )
    async def vouch_for_claim(self, info: Info, claim_id: strawberry.ID) -> VouchResult:
        context, cid = info.context, str(claim_id)
        done = await actions.vouch(context.graph, await context.user(), cid, context.now())
        if isinstance(done, Refusal):
            return cast(VouchResult, problem(done, "claim", cid))
        return ClaimUpdated(claim=Claim.of(done))

    @strawberry.mutation(description="Admins approve or reject an open claim or dispute.")
    async def review_claim(
        self,
        info: Info,
        claim_id: strawberry.ID,
        decision: ReviewDecision,
        note: str | None = None,
    ) -> ReviewResult:
        context, cid = info.context, str(claim_id)
        approve = decision is ReviewDecision.APPROVE
        try:
            done = await actions.review(
                context.graph, await context.user(), cid, approve, note, context.now()
            )
        except errors.Invalid as exc:
            return invalid(exc)
        if isinstance(done, Refusal):
            return cast(ReviewResult, problem(done, "claim", cid))
        return ClaimUpdated(claim=Claim.of(done))


@strawberry.type
class ClaimsQuery:
    @strawberry.field(
        description=f"Every claim step on a record (who, when, evidence, decision), newest "
        f"first; for its owner and admins; first <= {MAX_FIRST}."
    )
    async def claim_history(
        self, info: Info, researcher_id: strawberry.ID, first: int = 50
    ) -> ClaimHistoryResult:
        rid = str(researcher_id)
        done = await actions.history(
            info.context.graph, await info.context.user(), rid, bounded(first, "first")
        )
        if isinstance(done, Refusal):
            return cast(ClaimHistoryResult, problem(done, "researcher", rid))
        return ClaimHistory(researcher_id=researcher_id, events=[AuditEvent.of(e) for e in done])

    @strawberry.field(
        description=f"Disputes and unreviewed claims, oldest first; admins only; "
        f"first <= {MAX_FIRST}."
    )
    async def claims_for_review(self, info: Info, first: int = 20) -> ReviewQueueResult:
        done = await actions.for_review(
            info.context.graph, await info.context.user(), bounded(first, "first")
        )
        if isinstance(done, Refusal):
            return cast(ReviewQueueResult, problem(done, "claim", ""))
        return ReviewQueue(claims=[Claim.of(c) for c in done])
