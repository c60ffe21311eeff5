"""Password hashing with argon2id (slow and salted); hashing runs off the event loop."""

from __future__ import annotations

import asyncio
from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from service.settings import AuthSettings

MIN_LENGTH = 10
MAX_LENGTH = 256


@cache
def _hasher(time_cost: int, memory_kib: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(
        time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism, type=Type.ID
    )


def hasher(settings: AuthSettings) -> PasswordHasher:
    return _hasher(
        settings.argon2_time_cost, settings.argon2_memory_kib, settings.argon2_parallelism
    )


def problem(password: str) -> str | None:
    """Why a new password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"password must be at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"password must be at most {MAX_LENGTH} characters"
    return None


async def hash_password(settings: AuthSettings, password: str) -> str:
    return await asyncio.to_thread(hasher(settings).hash, password)


@cache
def _decoy(time_cost: int, memory_kib: int, parallelism: int) -> str:
    return _hasher(time_cost, memory_kib, parallelism).hash("not anyone's password")


async def verify_password(settings: AuthSettings, stored: str | None, password: str) -> bool:
    """True when `password` matches; an unknown account costs the same time as a known one."""
    ph = hasher(settings)
    target = stored or _decoy(
        settings.argon2_time_cost, settings.argon2_memory_kib, settings.argon2_parallelism
    )

    def check() -> bool:
        try:
            return ph.verify(target, password)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(check) and stored is not None
