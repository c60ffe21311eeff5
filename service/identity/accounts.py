"""Accounts and sessions: users, the refusals every identity rule raises, sessions and log out.

Sign up (signup.py) and log in (login.py) end here, in `create_account` and `open_session`.
Tokens are random and opaque; the graph keeps only their SHA-256 with an expiry, so a tampered
or expired token simply names nobody. Every function takes `now` so tests can move the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from service import errors
from service.calls import identity as calls
from service.graph import Graph
from service.identity import tokens
from service.identity.clock import native
from service.settings import AuthSettings

EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
MAX_EMAIL_LENGTH = 254
MAX_NAME_LENGTH = 100
ADMIN = "admin"


@dataclass(frozen=True)
class User:
    id: str
    email: str
    display_name: str
    role: str
    created_at: datetime

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> User:
        return cls(
            id=row["id"],
            email=row["email"],
            display_name=row.get("displayName") or "",
            role=row.get("role") or "user",
            created_at=native(row["createdAt"]),
        )


@dataclass(frozen=True)
class Session:
    token: str
    expires_at: datetime
    user: User
    # The device token this log in made known to the account (a browser keeps it as a cookie).
    device: str | None = None


class Refused(Exception):
    """An expected refusal; `field` names the input at fault when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Throttled(Refused):
    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


def normal_email(email: str) -> str:
    """The email as stored and compared, or `Refused` naming the field."""
    email = email.strip().lower()
    if len(email) > MAX_EMAIL_LENGTH or not EMAIL.match(email):
        raise Refused("email must be an address like name@example.org", "email")
    return email


class AccountExists(Exception):
    """The email already has an account."""


async def create_account(
    graph: Graph, *, email: str, password_hash: str, display_name: str, now: datetime
) -> User:
    """The new user, or `AccountExists`. Sign up's second step calls it, and tests do."""
    try:
        made = await calls.create_user(
            graph,
            id=tokens.new_id("user"),
            email=email,
            passwordHash=password_hash,
            displayName=display_name,
            now=now,
        )
    except errors.Conflict:
        raise AccountExists from None
    return User.from_row(made["user"])


def display_name(name: str) -> str:
    """The name as stored, or `Refused` naming the field."""
    name = name.strip()
    if not 0 < len(name) <= MAX_NAME_LENGTH:
        raise Refused(f"displayName must be 1 to {MAX_NAME_LENGTH} characters", "displayName")
    return name


async def open_session(graph: Graph, settings: AuthSettings, user: User, now: datetime) -> Session:
    token = tokens.new_token()
    expires = now + timedelta(seconds=settings.session_ttl_s)
    await calls.create_session(
        graph,
        userId=user.id,
        tokenHash=tokens.token_hash(token),
        now=now,
        expiresAt=expires,
    )
    return Session(token=token, expires_at=expires, user=user)


async def log_out(graph: Graph, token: str) -> bool:
    deleted = await calls.delete_session(graph, tokenHash=tokens.token_hash(token))
    return bool(deleted["deleted"])


async def user_for_token(graph: Graph, token: str | None, now: datetime) -> User | None:
    if not token or len(token) > tokens.MAX_TOKEN_LENGTH:
        return None
    found = await calls.session_user(graph, tokenHash=tokens.token_hash(token), now=now)
    return User.from_row(found["user"]) if found is not None else None


async def set_role(graph: Graph, email: str, role: str) -> bool:
    """Make an account an admin (or back); operators run it, no GraphQL mutation does."""
    return await calls.set_role(graph, email=email.strip().lower(), role=role) is not None
