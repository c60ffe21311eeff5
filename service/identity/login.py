"""Log in: throttled by client and by account (throttle.py), then checked with argon2id.

A refused or throttled attempt writes exactly one log line, naming the account by the first
characters of its email's SHA-256, never by the email.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from service import metrics
from service.graph import Graph
from service.identity import passwords, throttle
from service.identity.accounts import (
    MAX_EMAIL_LENGTH,
    Refused,
    Session,
    Throttled,
    User,
    open_session,
)
from service.identity.throttle import Client
from service.settings import AuthSettings

log = logging.getLogger(__name__)


async def log_in(
    graph: Graph,
    settings: AuthSettings,
    *,
    email: str,
    password: str,
    client: Client,
    now: datetime,
) -> Session:
    """A new session; `Throttled` when a budget is spent or hashing is saturated; else `Refused`."""
    key = email.strip().lower()[:MAX_EMAIL_LENGTH]
    try:
        async with throttle.at_once(settings, client):
            # With hashing saturated, refuse before the budgets' writes: the cheapest answer.
            passwords.gate(settings).check()
            admitted = await throttle.admit_log_in(graph, settings, key, client, now)
            row = admitted.user
            stored = row["passwordHash"] if row else None
            if not await passwords.verify_password(settings, stored, password):
                raise Refused("wrong email or password")
    except Refused as exc:
        if isinstance(exc, Throttled):
            metrics.login_throttled()
        log.info(
            "log in refused for account %s from %s: %s",
            throttle.account_key(key)[:8],
            client.address,
            exc.message,
        )
        raise
    assert row is not None
    return await signed_in(
        graph,
        settings,
        User.from_row(row),
        client,
        now,
        pair=admitted.pair,
        known_device=admitted.known_device,
    )


async def signed_in(
    graph: Graph,
    settings: AuthSettings,
    user: User,
    client: Client,
    now: datetime,
    *,
    pair: str | None = None,
    known_device: bool = False,
) -> Session:
    """A session for `user`, whose account now knows this client (log in, sign up)."""
    device = await throttle.remember(
        graph, settings, user.id, client, now, pair=pair, known_device=known_device
    )
    return replace(await open_session(graph, settings, user, now), device=device)
