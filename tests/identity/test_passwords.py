"""Password hashing: off the event loop, at most `hash_concurrency` at once, a bounded queue."""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time

import pytest

from service.identity import passwords
from service.identity.passwords import Busy, Gate
from service.settings import AuthSettings

# Real argon2id at a cost that takes a visible while (tens of milliseconds).
SLOW = AuthSettings(argon2_time_cost=3, argon2_memory_kib=32 * 1024, argon2_parallelism=1)


class Probe:
    """Work that records how many copies of itself run at once."""

    def __init__(self) -> None:
        self.running = 0
        self.most = 0
        self._lock = threading.Lock()

    def __call__(self) -> int:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.05)
        with self._lock:
            self.running -= 1
        return 1


async def test_the_gate_runs_at_most_its_concurrency_and_queues_the_rest() -> None:
    gate, probe = Gate(concurrency=2, waiting=4), Probe()
    results = await asyncio.gather(*(gate.run(probe) for _ in range(6)))
    assert results == [1] * 6
    assert probe.most == 2
    assert gate.held == 0


async def test_the_gate_refuses_at_once_when_its_queue_is_full() -> None:
    gate, probe = Gate(concurrency=1, waiting=2), Probe()
    began = time.perf_counter()
    outcomes = await asyncio.gather(*(gate.run(probe) for _ in range(5)), return_exceptions=True)
    assert outcomes[:3] == [1, 1, 1]
    assert all(isinstance(o, Busy) for o in outcomes[3:])
    assert time.perf_counter() - began < 0.5  # three runs of 50 ms, no waiting for the refused
    assert gate.held == 0
    assert await gate.run(probe) == 1  # slots come back


async def test_a_cancelled_wait_gives_its_slot_back() -> None:
    gate, probe = Gate(concurrency=1, waiting=1), Probe()
    first = asyncio.ensure_future(gate.run(probe))
    queued = asyncio.ensure_future(gate.run(probe))
    await asyncio.sleep(0.01)
    queued.cancel()
    assert await first == 1
    with pytest.raises(asyncio.CancelledError):
        await queued
    assert gate.held == 0


async def test_hashing_goes_through_the_gate() -> None:
    auth = SLOW.model_copy(update={"hash_concurrency": 1, "hash_waiting": 0})
    outcomes = await asyncio.gather(
        passwords.hash_password(auth, "correct horse battery"),
        passwords.verify_password(auth, None, "correct horse battery"),
        return_exceptions=True,
    )
    assert isinstance(outcomes[0], str) and outcomes[0].startswith("$argon2id$")
    assert isinstance(outcomes[1], Busy)
    assert outcomes[1].retry_after_s == 1


async def test_hashing_leaves_the_event_loop_free() -> None:
    """The loop keeps ticking during a hash; a hash on the loop would allow no tick at all."""
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    ticker = asyncio.ensure_future(tick())
    await asyncio.sleep(0)
    began = time.perf_counter()
    hashed = await passwords.hash_password(SLOW, "correct horse battery")
    took, during = time.perf_counter() - began, ticks
    ticker.cancel()
    assert await passwords.verify_password(SLOW, hashed, "correct horse battery")
    assert not await passwords.verify_password(SLOW, hashed, "wrong horse battery")
    assert took > 0.03 and during >= 4, (took, during)


def test_by_default_hashing_threads_stay_within_the_cpus() -> None:
    cpus = os.cpu_count() or 1
    assert passwords.gate(AuthSettings(argon2_parallelism=1)).concurrency == cpus
    assert passwords.gate(AuthSettings(argon2_parallelism=cpus)).concurrency == 1
    assert passwords.gate(AuthSettings(argon2_parallelism=cpus * 4)).concurrency == 1
    assert passwords.gate(AuthSettings(hash_concurrency=3)).concurrency == 3


@pytest.mark.skipif(sys.platform != "linux", reason="per-thread niceness is Linux's")
async def test_hashing_threads_run_at_a_lower_priority() -> None:
    def niceness() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    assert await Gate(concurrency=1, waiting=0, nice=7).run(niceness) == niceness() + 7
