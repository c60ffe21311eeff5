# Generated from cypher/identity/*.cypher, do not edit; regenerate with `make queries`.
"""Parameters and rows of the queries in cypher/identity/, as TypedDicts."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypedDict

from neo4j.time import DateTime


class ConfirmEmailVerificationParams(TypedDict):
    userId: str
    id: str
    now: datetime | DateTime
    maxAttempts: int
    codeHash: str


class ConfirmEmailVerificationRow(TypedDict):
    verification: dict[str, Any]  # id, email, verifiedAt, expiresAt, attempts
    open: bool  # whether this guess was judged at all
    ok: bool  # whether it matched


class ConfirmSignUpParams(TypedDict):
    email: str
    now: datetime | DateTime
    maxAttempts: int
    codeHash: str


class ConfirmSignUpRow(TypedDict):
    ok: bool  # whether the code matched
    signUp: dict[str, Any] | None  # what the account is made from, only when ok


class CreateSessionParams(TypedDict):
    userId: str
    now: datetime | DateTime
    tokenHash: str
    expiresAt: datetime | DateTime


class CreateSessionRow(TypedDict):
    expiresAt: DateTime  # when the session ends


class CreateUserParams(TypedDict):
    id: str
    email: str
    passwordHash: str
    displayName: str
    now: datetime | DateTime


class CreateUserRow(TypedDict):
    user: dict[str, Any]  # id, email, displayName, role, createdAt


class DeleteSessionParams(TypedDict):
    tokenHash: str


class DeleteSessionRow(TypedDict):
    deleted: int  # sessions deleted (0 or 1)


class LoginBackoffParams(TypedDict):
    key: str
    now: datetime | DateTime
    windowS: int
    free: int
    maxS: int
    baseS: int


class LoginBackoffRow(TypedDict):
    waiting: bool  # whether this attempt must wait
    waitUntil: DateTime | None  # when the pair may try again
    attempts: int  # attempts in the window


class LoginSucceededParams(TypedDict):
    userId: str
    since: datetime | DateTime
    pair: str | None
    device: str
    now: datetime | DateTime
    address: str


class LoginSucceededRow(TypedDict):
    id: str  # the user's id


class SessionUserParams(TypedDict):
    tokenHash: str
    now: datetime | DateTime


class SessionUserRow(TypedDict):
    user: dict[str, Any]  # id, email, displayName, role, createdAt


class SetRoleParams(TypedDict):
    email: str
    role: str


class SetRoleRow(TypedDict):
    id: str  # the account's id


class StartEmailVerificationParams(TypedDict):
    userId: str
    now: datetime | DateTime
    perHour: int
    id: str
    email: str
    codeHash: str
    expiresAt: datetime | DateTime


class StartEmailVerificationRow(TypedDict):
    created: bool  # false when the hourly limit refused it


class StartSignUpParams(TypedDict):
    email: str
    passwordHash: str
    displayName: str
    codeHash: str
    now: datetime | DateTime
    expiresAt: datetime | DateTime


class StartSignUpRow(TypedDict):
    hasAccount: bool  # whether the email already has an account (then nothing was stored)


class ThrottleHitParams(TypedDict):
    key: str
    now: datetime | DateTime
    windowS: int


class ThrottleHitRow(TypedDict):
    attempts: int  # attempts in the current window
    windowStart: DateTime  # when the window started


class UserForLoginParams(TypedDict):
    email: str
    device: str | None
    since: datetime | DateTime
    address: str


class UserForLoginRow(TypedDict):
    # id, email, displayName, role, createdAt, passwordHash; null when none
    user: dict[str, Any] | None
    knownDevice: bool  # the device logged in lately
    knownAddress: bool  # the address logged in lately


class ViewerRelationsParams(TypedDict):
    ids: list[str]
    userId: str


class ViewerRelationsRow(TypedDict):
    id: str  # the researcher
    follows: bool  # the viewer follows it
    owns: bool  # the viewer claimed it
