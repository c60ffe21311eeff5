"""Password hashing with argon2id (slow and salted), off the event loop and bounded.

Each hash takes `argon2_parallelism` threads for a while and `argon2_memory_kib` of memory, so
hashes run on their own pool of `hash_concurrency` threads: by default as many as keep hashing
threads within the CPUs, and peak hashing memory is the memory cost times that number. At most
`hash_waiting` more may queue; past that a hash is refused at once with `Busy`, since a request
that would wait seconds for a CPU is better told to come back than left hanging. Hashing threads
run at a lower priority (`hash_nice`, Linux), so profile reads and Neo4j go first when the CPUs
are short, and hashing takes what is left.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from typing import TypeVar

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from service.identity.accounts import Throttled
from service.settings import AuthSettings

MIN_LENGTH = 10
MAX_LENGTH = 256
T = TypeVar("T")


class Busy(Throttled):
    """Every hashing slot is taken and the queue is full."""

    def __init__(self) -> None:
        super().__init__("the service is busy; try again in a moment", 1)


@dataclass
class Gate:
    """A thread pool with a bound on the work it holds (running plus waiting)."""

    concurrency: int
    waiting: int
    nice: int = 0
    pool: ThreadPoolExecutor = field(init=False)
    held: int = field(init=False, default=0)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.pool = ThreadPoolExecutor(
            self.concurrency, thread_name_prefix="password-hash", initializer=self._lower_priority
        )

    def _lower_priority(self) -> None:
        # Linux keeps a niceness per thread, and argon2's lane threads inherit it.
        if self.nice and sys.platform == "linux":
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), self.nice)

    def check(self) -> None:
        """`Busy` when a hash asked for now would be refused: callers refuse before other work."""
        if self.held >= self.concurrency + self.waiting:
            raise Busy()

    async def run(self, work: Callable[[], T]) -> T:
        with self._lock:
            self.check()
            self.held += 1
        future = self.pool.submit(work)
        # Released when the work is done or was cancelled before it started, whichever way the
        # awaiting request ended, so a disconnecting client cannot leak a slot.
        future.add_done_callback(self._release)
        return await asyncio.wrap_future(future)

    def _release(self, _: Future[T]) -> None:
        with self._lock:
            self.held -= 1


@cache
def _gate(concurrency: int, waiting: int, nice: int) -> Gate:
    return Gate(concurrency, waiting, nice)


def gate(settings: AuthSettings) -> Gate:
    """The process's one gate for these limits."""
    concurrency = settings.hash_concurrency or max(
        1, (os.cpu_count() or 1) // settings.argon2_parallelism
    )
    return _gate(concurrency, settings.hash_waiting, settings.hash_nice)


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
    """The argon2id hash of `password`, or `Busy`."""
    return await gate(settings).run(lambda: hasher(settings).hash(password))


# Hashes of a password nobody has, per cost, so an unknown account is checked like a known one.
_decoys: dict[tuple[int, int, int], str] = {}


async def verify_password(settings: AuthSettings, stored: str | None, password: str) -> bool:
    """True when `password` matches; an unknown account costs the same time as a known one.

    `Busy` when hashing is saturated, before anything is checked.
    """
    ph = hasher(settings)
    cost = (settings.argon2_time_cost, settings.argon2_memory_kib, settings.argon2_parallelism)
    target = stored or _decoys.get(cost)
    if target is None:
        # Made through the gate like any other hash, never on the event loop.
        target = _decoys.setdefault(cost, await hash_password(settings, "nobody's password"))

    def check() -> bool:
        try:
            return ph.verify(target, password)
        except (VerificationError, InvalidHashError):
            return False

    return await gate(settings).run(check) and stored is not None
