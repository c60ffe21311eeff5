"""Sign up in two steps, answered the same way whether or not the email has an account.

`start` checks the input, hashes the password (always, so both cases take the same time) and
answers `Started` either way. A new email gets a pending sign-up and a six-digit code by mail; a
repeat replaces it with a new code. An email that has an account gets a notice instead, and
nothing is stored. `confirm` turns the pending sign-up into the account and logs in; every
failure (a wrong, expired or spent code, nothing pending, an email with an account) is the same
`WrongCode`, so neither step tells anyone who has an account.

`confirm` also asks for the password again: a repeat sign-up replaces the pending one, so
without it whoever signed up last with someone's address (but cannot read their mail) would set
the password their victim's code then confirms. A mismatch ends the pending sign-up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from service.calls import identity as calls
from service.graph import Graph
from service.identity import accounts, passwords, throttle, tokens
from service.identity.accounts import AccountExists, Refused, Session, Throttled, normal_email
from service.identity.login import signed_in
from service.identity.mailer import CodeSender
from service.identity.throttle import Client
from service.rows import NoRow
from service.settings import AuthSettings

log = logging.getLogger(__name__)

NOTICE = (
    "Someone asked to sign up with this address, which already has an account. If it was you, "
    "log in instead; if not, you can ignore this message."
)


@dataclass(frozen=True)
class Started:
    email: str
    expires_at: datetime


class WrongCode(Refused):
    def __init__(self) -> None:
        super().__init__("the code is wrong or has expired; sign up again for a new one", "code")


async def start(
    graph: Graph,
    settings: AuthSettings,
    sender: CodeSender,
    *,
    email: str,
    password: str,
    display_name: str,
    client: Client,
    now: datetime,
) -> Started:
    """`Started` for any well-formed input; `Refused` naming the field, or `Throttled`."""
    email = normal_email(email)
    problem = passwords.problem(password)
    if problem:
        raise Refused(problem, "password")
    name = accounts.display_name(display_name)
    try:
        async with throttle.at_once(settings, client):
            passwords.gate(settings).check()  # saturated: refuse before writing anything
            await throttle.admit_sign_up(graph, settings, client, now)
            hashed = await passwords.hash_password(settings, password)
    except Throttled as exc:
        log.info("sign up refused from %s: %s", client.address, exc.message)
        raise
    code = tokens.new_code()
    expires = now + timedelta(seconds=settings.email_code_ttl_s)
    started = await calls.start_sign_up(
        graph,
        email=email,
        passwordHash=hashed,
        displayName=name,
        codeHash=_code_hash(email, code),
        now=now,
        expiresAt=expires,
    )
    if started["hasAccount"]:
        await sender.send_notice(email, NOTICE)
    else:
        await sender.send(email, code, expires)
    return Started(email, expires)


async def confirm(
    graph: Graph,
    settings: AuthSettings,
    *,
    email: str,
    code: str,
    password: str,
    client: Client,
    now: datetime,
) -> Session:
    """The new account's session, or `WrongCode` whatever went wrong."""
    try:
        email = normal_email(email)
    except Refused:
        raise WrongCode() from None
    confirmed = await calls.confirm_sign_up(
        graph,
        email=email,
        codeHash=_code_hash(email, code),
        now=now,
        maxAttempts=settings.email_code_max_attempts,
    )
    if confirmed is None or not confirmed["ok"]:
        raise WrongCode()
    pending = confirmed["signUp"]
    if pending is None:  # the query answers the sign-up whenever the code matched
        raise NoRow(f"identity/confirm_sign_up: ok without a sign-up for {email}")
    if not await passwords.verify_password(settings, pending["passwordHash"], password):
        raise WrongCode()
    try:
        user = await accounts.create_account(
            graph,
            email=email,
            password_hash=pending["passwordHash"],
            display_name=pending["displayName"],
            now=now,
        )
    except AccountExists:
        raise WrongCode() from None
    return await signed_in(graph, settings, user, client, now)


def _code_hash(email: str, code: str) -> str:
    # Bound to the email, so a code's hash says nothing about another sign-up's.
    return tokens.code_hash(f"signup:{email}", code[:20])
