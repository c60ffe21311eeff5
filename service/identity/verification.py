"""Email verification codes: start (code sent through the pluggable sender), then confirm."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from service.calls import identity as calls
from service.graph import Graph
from service.identity import tokens
from service.identity.accounts import Refused, Throttled, User, normal_email
from service.identity.clock import native
from service.identity.mailer import CodeSender
from service.settings import AuthSettings


@dataclass(frozen=True)
class Verification:
    id: str
    email: str
    expires_at: datetime
    verified_at: datetime | None


async def start(
    graph: Graph,
    settings: AuthSettings,
    sender: CodeSender,
    user: User,
    email: str,
    now: datetime,
) -> Verification:
    email = normal_email(email)
    verification_id = tokens.new_id("verify")
    code = tokens.new_code()
    expires = now + timedelta(seconds=settings.email_code_ttl_s)
    started = await calls.start_email_verification(
        graph,
        userId=user.id,
        id=verification_id,
        email=email,
        codeHash=tokens.code_hash(verification_id, code),
        now=now,
        expiresAt=expires,
        perHour=settings.email_codes_per_hour,
    )
    if started is None or not started["created"]:
        raise Throttled("too many verification codes requested; try again within the hour", 3600)
    await sender.send(email, code, expires)
    return Verification(verification_id, email, expires, None)


class NotYours(Exception):
    """The verification does not exist or belongs to someone else."""


async def confirm(
    graph: Graph,
    settings: AuthSettings,
    user: User,
    verification_id: str,
    code: str,
    now: datetime,
) -> Verification:
    confirmed = await calls.confirm_email_verification(
        graph,
        userId=user.id,
        id=verification_id,
        codeHash=tokens.code_hash(verification_id, code),
        now=now,
        maxAttempts=settings.email_code_max_attempts,
    )
    if confirmed is None:
        raise NotYours(verification_id)
    found = confirmed["verification"]
    verified = native(found.get("verifiedAt"))
    if verified is None:
        if confirmed["open"]:
            left = settings.email_code_max_attempts - found["attempts"]
            raise Refused(f"the code does not match; {left} attempt(s) left")
        if native(found["expiresAt"]) <= now:
            raise Refused("the code has expired; start a new verification")
        raise Refused("too many wrong codes; start a new verification")
    return Verification(found["id"], found["email"], native(found["expiresAt"]), verified)
