"""Expected failures as schema types: every mutation returns its success type or one of these.

Each carries a human `message`; the UI branches on `__typename`, never on the text.
"""

from __future__ import annotations

import strawberry

from service import errors
from service.identity.accounts import Throttled


@strawberry.interface(description="An expected failure the client can show or act on.")
class Problem:
    message: str


@strawberry.type(description="Log in first; the session is missing, expired or invalid.")
class NotAuthenticated(Problem):
    message: str = "log in to do this"


@strawberry.type(description="Logged in, but this user may not do this.")
class NotAllowed(Problem):
    pass


@strawberry.type(description="The id names nothing this user can see.")
class NotFound(Problem):
    id: strawberry.ID


def not_found(kind: str, id: str) -> NotFound:
    return NotFound(message=f"no {kind} has id {id}", id=strawberry.ID(id))


@strawberry.type(description="An input is invalid; `field` names it.")
class ValidationError(Problem):
    field: str


def invalid(error: errors.Invalid) -> ValidationError:
    return ValidationError(message=error.message, field=error.field)


@strawberry.type(description="Too many attempts; try again after `retryAfterSeconds`.")
class RateLimited(Problem):
    retry_after_seconds: int

    @classmethod
    def of(cls, throttled: Throttled) -> RateLimited:
        return cls(message=throttled.message, retry_after_seconds=throttled.retry_after_s)


@strawberry.type(description="The email and password do not match an account.")
class InvalidCredentials(Problem):
    message: str = "wrong email or password"


@strawberry.type(
    description="The sign-up code is wrong, expired or used up, or nothing waits for it; sign "
    "up again for a new code. The same whether or not the email has an account."
)
class InvalidCode(Problem):
    message: str = "the code is wrong or has expired; sign up again for a new one"


@strawberry.type(
    description="The record already has an owner. A claim by someone else was filed as a "
    "dispute for admin review (`disputeId`); it never takes the record over."
)
class AlreadyClaimed(Problem):
    dispute_id: strawberry.ID | None
    owned_by_viewer: bool


@strawberry.type(description="The evidence does not support the claim; `reasons` say why.")
class EvidenceRejected(Problem):
    reasons: list[str]


@strawberry.type(description="The researcher does not take invitations now; `message` says why.")
class NotOpenToCollaborate(Problem):
    pass


@strawberry.type(description="The sender already has a pending invitation to this researcher.")
class AlreadyPending(Problem):
    invitation_id: strawberry.ID


PROBLEM_TYPES = (
    NotAuthenticated,
    NotAllowed,
    NotFound,
    ValidationError,
    RateLimited,
    InvalidCredentials,
    InvalidCode,
    AlreadyClaimed,
    EvidenceRejected,
    NotOpenToCollaborate,
    AlreadyPending,
)
