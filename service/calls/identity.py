# Generated from cypher/identity/*.cypher, do not edit; regenerate with `make queries`.
"""The queries in cypher/identity/ as typed async functions."""

from __future__ import annotations

from typing import Unpack, cast

from service.calls.identity_types import (
    ConfirmEmailVerificationParams,
    ConfirmEmailVerificationRow,
    ConfirmSignUpParams,
    ConfirmSignUpRow,
    CreateSessionParams,
    CreateSessionRow,
    CreateUserParams,
    CreateUserRow,
    DeleteSessionParams,
    DeleteSessionRow,
    LoginBackoffParams,
    LoginBackoffRow,
    LoginSucceededParams,
    LoginSucceededRow,
    SessionUserParams,
    SessionUserRow,
    SetRoleParams,
    SetRoleRow,
    StartEmailVerificationParams,
    StartEmailVerificationRow,
    StartSignUpParams,
    StartSignUpRow,
    ThrottleHitParams,
    ThrottleHitRow,
    UserForLoginParams,
    UserForLoginRow,
    ViewerRelationsParams,
    ViewerRelationsRow,
)
from service.rows import Runner, one, optional


async def confirm_email_verification(
    db: Runner, /, **params: Unpack[ConfirmEmailVerificationParams]
) -> ConfirmEmailVerificationRow | None:
    """Check a code for verification $id of user $userId: a match before $now passes the expiry
    and with fewer than $maxAttempts wrong guesses marks it verified; a miss counts one more
    guess.
    """
    rows = await db._run("identity/confirm_email_verification", dict(params), "write")
    return cast("ConfirmEmailVerificationRow | None", optional(rows))


async def confirm_sign_up(
    db: Runner, /, **params: Unpack[ConfirmSignUpParams]
) -> ConfirmSignUpRow | None:
    """Check a code for the pending sign-up of $email: a match before its expiry and with fewer
    than $maxAttempts wrong guesses returns what the account is made from (`signUp`, only
    then); a miss counts one more guess.
    """
    rows = await db._run("identity/confirm_sign_up", dict(params), "write")
    return cast("ConfirmSignUpRow | None", optional(rows))


async def create_session(
    db: Runner, /, **params: Unpack[CreateSessionParams]
) -> CreateSessionRow | None:
    """Open a session for $userId: stores only $tokenHash (SHA-256 of the token) and $expiresAt,
    and drops the user's sessions that expired before $now, so they do not pile up.
    """
    rows = await db._run("identity/create_session", dict(params), "write")
    return cast("CreateSessionRow | None", optional(rows))


async def create_user(db: Runner, /, **params: Unpack[CreateUserParams]) -> CreateUserRow:
    """Create an account."""
    rows = await db._run("identity/create_user", dict(params), "write")
    return cast("CreateUserRow", one("identity/create_user", rows))


async def delete_session(db: Runner, /, **params: Unpack[DeleteSessionParams]) -> DeleteSessionRow:
    """Log out: delete the session whose token hashes to $tokenHash; returns how many went."""
    rows = await db._run("identity/delete_session", dict(params), "write")
    return cast("DeleteSessionRow", one("identity/delete_session", rows))


async def login_backoff(db: Runner, /, **params: Unpack[LoginBackoffParams]) -> LoginBackoffRow:
    """One log in attempt by the (account, client) pair $key."""
    rows = await db._run("identity/login_backoff", dict(params), "write")
    return cast("LoginBackoffRow", one("identity/login_backoff", rows))


async def login_succeeded(
    db: Runner, /, **params: Unpack[LoginSucceededParams]
) -> LoginSucceededRow | None:
    """After user $userId logged in from address $address with the device whose token hashes to
    $device: reset the failed attempts of the pair throttle $pair (null: none), remember the
    device and the address as known to the account as of $now, and forget those not seen since
    $since.
    """
    rows = await db._run("identity/login_succeeded", dict(params), "write")
    return cast("LoginSucceededRow | None", optional(rows))


async def session_user(db: Runner, /, **params: Unpack[SessionUserParams]) -> SessionUserRow | None:
    """The user behind a session token's $tokenHash, when the session has not expired at $now."""
    rows = await db._run("identity/session_user", dict(params), "read")
    return cast("SessionUserRow | None", optional(rows))


async def set_role(db: Runner, /, **params: Unpack[SetRoleParams]) -> SetRoleRow | None:
    """Give the account with $email the $role ('user' or 'admin'); no row when there is none."""
    rows = await db._run("identity/set_role", dict(params), "write")
    return cast("SetRoleRow | None", optional(rows))


async def start_email_verification(
    db: Runner, /, **params: Unpack[StartEmailVerificationParams]
) -> StartEmailVerificationRow | None:
    """Start proving that user $userId reads mail at $email: store the code's $codeHash until
    $expiresAt.
    """
    rows = await db._run("identity/start_email_verification", dict(params), "write")
    return cast("StartEmailVerificationRow | None", optional(rows))


async def start_sign_up(db: Runner, /, **params: Unpack[StartSignUpParams]) -> StartSignUpRow:
    """Sign up's first step for $email."""
    rows = await db._run("identity/start_sign_up", dict(params), "write")
    return cast("StartSignUpRow", one("identity/start_sign_up", rows))


async def throttle_hit(db: Runner, /, **params: Unpack[ThrottleHitParams]) -> ThrottleHitRow:
    """Count one attempt for $key in a fixed window of $windowS seconds and return the attempts
    so far with the window's start.
    """
    rows = await db._run("identity/throttle_hit", dict(params), "write")
    return cast("ThrottleHitRow", one("identity/throttle_hit", rows))


async def user_for_login(db: Runner, /, **params: Unpack[UserForLoginParams]) -> UserForLoginRow:
    """The account behind a log in attempt for $email, with its password hash (null when there is
    none), and whether the client is known to it: the device whose token hashes to $device, or
    the address $address, seen at a successful log in after $since.
    """
    rows = await db._run("identity/user_for_login", dict(params), "read")
    return cast("UserForLoginRow", one("identity/user_for_login", rows))


async def viewer_relations(
    db: Runner, /, **params: Unpack[ViewerRelationsParams]
) -> list[ViewerRelationsRow]:
    """How user $userId relates to each of the researchers $ids: whether they follow the record
    and whether they own it (have claimed it).
    """
    rows = await db._run("identity/viewer_relations", dict(params), "read")
    return cast("list[ViewerRelationsRow]", rows)
