"""Accounts over GraphQL: `viewer`, sign up, log in, log out, and email verification codes.

Sign up takes two steps: `signUp` answers `SignUpStarted` whether or not the email has an
account (the address gets a code, or a notice), and `confirmSignUp` with the mailed code creates
the account and logs in. Log in (and `confirmSignUp`) answers with the token (for
`Authorization: Bearer`) and, over HTTP, also sets it as an HttpOnly SameSite=Lax cookie for
browsers, beside a long-lived device cookie that marks the browser as known to the account (see
service/identity/throttle.py); log out deletes the session and its cookie.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from service.identity import accounts, login, signup, verification
from service.identity.accounts import Refused, Throttled
from service.identity.throttle import Client
from service.schema.context import Info
from service.schema.problems import (
    EvidenceRejected,
    InvalidCode,
    InvalidCredentials,
    NotAuthenticated,
    NotFound,
    RateLimited,
    ValidationError,
)
from service.schema.viewer import Viewer


@strawberry.type
class AuthPayload:
    token: str = strawberry.field(
        description="Send as `Authorization: Bearer <token>`; browsers also get it as an "
        "HttpOnly cookie."
    )
    expires_at: datetime
    viewer: Viewer


@strawberry.type(
    description="Sign up's first step is done: a code went to `email` (or, if the email already "
    "has an account, a notice instead). Finish with `confirmSignUp` before `expiresAt`."
)
class SignUpStarted:
    email: str
    expires_at: datetime


@strawberry.type
class LoggedOut:
    ok: bool


@strawberry.type
class EmailVerificationStarted:
    verification_id: strawberry.ID
    email: str
    expires_at: datetime


@strawberry.type
class EmailVerified:
    verification_id: strawberry.ID
    email: str
    verified_at: datetime


SignUpResult = Annotated[
    SignUpStarted | ValidationError | RateLimited, strawberry.union("SignUpResult")
]
ConfirmSignUpResult = Annotated[AuthPayload | InvalidCode, strawberry.union("ConfirmSignUpResult")]
LogInResult = Annotated[
    AuthPayload | InvalidCredentials | RateLimited, strawberry.union("LogInResult")
]
LogOutResult = Annotated[LoggedOut | NotAuthenticated, strawberry.union("LogOutResult")]
StartVerificationResult = Annotated[
    EmailVerificationStarted | NotAuthenticated | RateLimited | ValidationError,
    strawberry.union("StartVerificationResult"),
]
ConfirmVerificationResult = Annotated[
    EmailVerified | NotAuthenticated | NotFound | EvidenceRejected,
    strawberry.union("ConfirmVerificationResult"),
]


def _client(info: Info) -> Client:
    return Client(address=info.context.client, device=info.context.device)


def _signed_in(info: Info, session: accounts.Session) -> AuthPayload:
    context = info.context
    context.token = session.token
    context.forget_user()
    if context.response is not None:
        context.response.set_cookie(
            context.auth.cookie_name,
            session.token,
            max_age=context.auth.session_ttl_s,
            httponly=True,
            secure=context.auth.cookie_secure,
            samesite="lax",
            path="/",
        )
        if session.device is not None:
            # Only ever sent back to log in, so it need not travel on cross-site requests.
            context.response.set_cookie(
                context.auth.device_cookie_name,
                session.device,
                max_age=context.auth.known_client_ttl_s,
                httponly=True,
                secure=context.auth.cookie_secure,
                samesite="strict",
                path="/",
            )
    return AuthPayload(
        token=session.token, expires_at=session.expires_at, viewer=Viewer.of(session.user)
    )


@strawberry.type
class IdentityQuery:
    @strawberry.field(description="The logged-in user, or null for anonymous requests.")
    async def viewer(self, info: Info) -> Viewer | None:
        user = await info.context.user()
        return Viewer.of(user) if user else None


@strawberry.type
class IdentityMutation:
    @strawberry.mutation(
        description="Start an account: answers SignUpStarted whether or not the email has one "
        "(the address gets a code, or a notice that it has an account). Limited per client."
    )
    async def sign_up(
        self, info: Info, email: str, password: str, display_name: str
    ) -> SignUpResult:
        try:
            started = await signup.start(
                info.context.graph,
                info.context.auth,
                info.context.sender,
                email=email,
                password=password,
                display_name=display_name,
                client=_client(info),
                now=info.context.now(),
            )
        except Throttled as exc:
            return RateLimited.of(exc)
        except Refused as exc:
            return ValidationError(message=exc.message, field=exc.field or "email")
        return SignUpStarted(email=started.email, expires_at=started.expires_at)

    @strawberry.mutation(
        description="Finish signing up with the code mailed by signUp and the same password: "
        "creates the account and logs in. A few wrong codes, or another password, end the "
        "sign-up."
    )
    async def confirm_sign_up(
        self, info: Info, email: str, code: str, password: str
    ) -> ConfirmSignUpResult:
        try:
            session = await signup.confirm(
                info.context.graph,
                info.context.auth,
                email=email,
                code=code,
                password=password,
                client=_client(info),
                now=info.context.now(),
            )
        except Refused:
            return InvalidCode()
        return _signed_in(info, session)

    @strawberry.mutation(
        description="Log in; attempts are limited per client, per account and client, and per "
        "account from clients that never logged in to it."
    )
    async def log_in(self, info: Info, email: str, password: str) -> LogInResult:
        try:
            session = await login.log_in(
                info.context.graph,
                info.context.auth,
                email=email,
                password=password,
                client=_client(info),
                now=info.context.now(),
            )
        except Throttled as exc:
            return RateLimited.of(exc)
        except Refused:
            return InvalidCredentials()
        return _signed_in(info, session)

    @strawberry.mutation(description="End this session; its token stops working at once.")
    async def log_out(self, info: Info) -> LogOutResult:
        context = info.context
        if await context.user() is None or context.token is None:
            return NotAuthenticated(message="not logged in")
        await accounts.log_out(context.graph, context.token)
        context.token = None
        context.forget_user()
        if context.response is not None:
            context.response.delete_cookie(context.auth.cookie_name, path="/")
        return LoggedOut(ok=True)

    @strawberry.mutation(
        description="Send a verification code to an email address (logged in development)."
    )
    async def start_email_verification(self, info: Info, email: str) -> StartVerificationResult:
        user = await info.context.user()
        if user is None:
            return NotAuthenticated(message="log in to verify an email address")
        try:
            started = await verification.start(
                info.context.graph,
                info.context.auth,
                info.context.sender,
                user,
                email,
                info.context.now(),
            )
        except Throttled as exc:
            return RateLimited.of(exc)
        except Refused as exc:
            return ValidationError(message=exc.message, field=exc.field or "email")
        return EmailVerificationStarted(
            verification_id=strawberry.ID(started.id),
            email=started.email,
            expires_at=started.expires_at,
        )

    @strawberry.mutation(description="Prove the email address with the code it received.")
    async def confirm_email_verification(
        self, info: Info, verification_id: strawberry.ID, code: str
    ) -> ConfirmVerificationResult:
        user = await info.context.user()
        if user is None:
            return NotAuthenticated(message="log in to verify an email address")
        try:
            done = await verification.confirm(
                info.context.graph,
                info.context.auth,
                user,
                str(verification_id),
                code[:20],
                info.context.now(),
            )
        except verification.NotYours:
            return NotFound(message="no verification of yours has this id", id=verification_id)
        except Refused as exc:
            return EvidenceRejected(message=exc.message, reasons=[exc.message])
        assert done.verified_at is not None
        return EmailVerified(
            verification_id=strawberry.ID(done.id), email=done.email, verified_at=done.verified_at
        )
