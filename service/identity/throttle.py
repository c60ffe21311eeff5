"""Log in throttled by client and by account together, so that nobody can lock the owner out.

Three budgets, counted in the graph (`LoginThrottle` nodes) so every service process shares
them, and counted before the password is checked so a burst of guesses cannot outrun them:

- client: every attempt from one address counts; past `login_per_client` in `login_window_s`
  the address is refused until its window ends, whichever accounts it tries. This bounds the
  hashing one address can cause, and guessing across many accounts from one place.
- pair: one account from one client gets `login_free_attempts`; each further attempt makes the
  pair wait `login_backoff_s`, doubling up to `login_backoff_max_s`. A success clears it, and so
  does a quiet `login_window_s`. This slows guessing one account and delays nobody else.
- account: attempts on one account from clients it does not know count against
  `login_per_account` in the window; past it, unknown clients are refused until the window ends.
  This stops one password being guessed from many addresses.

A client is known to an account when it presents the device cookie the account issued at a
successful log in (a random token; the graph keeps its hash), or comes from an address that
logged in to it, within `known_client_ttl_s`. A known address skips the account ceiling. A known
device also skips the client budget, and its pair is the device rather than the address, so not
even an attacker behind the owner's address can delay the owner. At worst an attacker keeps the
owner from logging in on a new device from a new address for one window.

Before all of them, one address may have only `in_flight_per_client` log ins and sign ups under
way at once in a process: otherwise a burst from one address would queue on its own counter's
lock in the graph, holding database connections everyone else needs.

Emails appear in keys (and logs) only as their SHA-256; addresses as the socket's peer, never a
forwarded header a client could write.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from service.calls import identity as calls
from service.graph import Graph
from service.identity import tokens
from service.identity.accounts import Throttled
from service.identity.clock import native
from service.settings import AuthSettings

SIGN_UP_WINDOW_S = 3600


@dataclass(frozen=True)
class Client:
    """Who is asking: the peer address, and the device cookie it sent (unchecked)."""

    address: str
    device: str | None = None

    @property
    def device_hash(self) -> str | None:
        if not self.device or len(self.device) > tokens.MAX_TOKEN_LENGTH:
            return None
        return tokens.token_hash(self.device)


@dataclass(frozen=True)
class Admitted:
    """An attempt every budget let through: the account (None: no such email) and its pair."""

    user: dict[str, Any] | None
    pair: str
    known_device: bool


class InFlight:
    """Requests of one kind under way, per client address, in this process (log ins and sign
    ups here; saved-query runs in service/schema/saved_queries.py)."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    @asynccontextmanager
    async def hold(self, address: str, limit: int) -> AsyncIterator[None]:
        if self.counts.get(address, 0) >= limit:
            raise Throttled("too many requests at once from this address; try again shortly", 1)
        self.counts[address] = self.counts.get(address, 0) + 1
        try:
            yield
        finally:
            self.counts[address] -= 1
            if not self.counts[address]:
                del self.counts[address]


IN_FLIGHT = InFlight()


def at_once(settings: AuthSettings, client: Client) -> AbstractAsyncContextManager[None]:
    """Hold one of the client's in-flight places, or `Throttled` when it has none left."""
    return IN_FLIGHT.hold(client.address, settings.in_flight_per_client)


def account_key(email: str) -> str:
    """How an email appears in throttle keys and logs; log lines use its first 8 characters."""
    return tokens.token_hash(email)


async def admit_log_in(
    graph: Graph, settings: AuthSettings, email: str, client: Client, now: datetime
) -> Admitted:
    """Count one log in attempt against every budget that applies, or `Throttled`."""
    found = await calls.user_for_login(
        graph,
        email=email,
        device=client.device_hash,
        address=client.address,
        since=now - timedelta(seconds=settings.known_client_ttl_s),
    )
    known_device, known_address = found["knownDevice"], found["knownAddress"]
    account = account_key(email)
    window = settings.login_window_s
    if not known_device:
        used, retry = await _hit(graph, f"client:{client.address}", window, now)
        if used > settings.login_per_client:
            raise Throttled(
                f"too many log in attempts from this address; try again in {retry} seconds", retry
            )
    pair = f"pair:{account}|" + (
        f"device:{client.device_hash}" if known_device else f"address:{client.address}"
    )
    await _back_off(graph, settings, pair, now)
    if not (known_device or known_address):
        used, retry = await _hit(graph, f"account:{account}", window, now)
        if used > settings.login_per_account:
            raise Throttled(
                f"too many log in attempts for this account from new devices; try again in "
                f"{retry} seconds, or from a device that logged in before",
                retry,
            )
    return Admitted(user=found["user"], pair=pair, known_device=known_device)


async def admit_sign_up(
    graph: Graph, settings: AuthSettings, client: Client, now: datetime
) -> None:
    """Count one sign up from the client's address, or `Throttled` past its hourly budget."""
    used, retry = await _hit(graph, f"signup:{client.address}", SIGN_UP_WINDOW_S, now)
    if used > settings.sign_ups_per_client:
        raise Throttled(f"too many sign ups from this address; try again in {retry} seconds", retry)


async def remember(
    graph: Graph,
    settings: AuthSettings,
    user_id: str,
    client: Client,
    now: datetime,
    *,
    pair: str | None = None,
    known_device: bool = False,
) -> str:
    """After a log in: clear `pair`, make the client known; the device token to keep.

    A device token the account already knows is kept; any other is replaced by a fresh one, so
    a token planted in someone's browser never becomes known to their account.
    """
    device = client.device if known_device and client.device else tokens.new_token()
    await calls.login_succeeded(
        graph,
        userId=user_id,
        pair=pair,
        device=tokens.token_hash(device),
        address=client.address,
        now=now,
        since=now - timedelta(seconds=settings.known_client_ttl_s),
    )
    return device


async def _hit(graph: Graph, key: str, window_s: int, now: datetime) -> tuple[int, int]:
    """Attempts counted for `key` in its window so far, and seconds until the window ends."""
    hit = await calls.throttle_hit(graph, key=key, now=now, windowS=window_s)
    ends = native(hit["windowStart"]) + timedelta(seconds=window_s)
    return hit["attempts"], _seconds(ends, now)


async def _back_off(graph: Graph, settings: AuthSettings, pair: str, now: datetime) -> None:
    attempt = await calls.login_backoff(
        graph,
        key=pair,
        now=now,
        free=settings.login_free_attempts,
        baseS=settings.login_backoff_s,
        maxS=settings.login_backoff_max_s,
        windowS=settings.login_window_s,
    )
    if attempt["waiting"]:
        retry = _seconds(native(attempt["waitUntil"]), now)
        raise Throttled(f"too many log in attempts; try again in {retry} seconds", retry)


def _seconds(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds()))
