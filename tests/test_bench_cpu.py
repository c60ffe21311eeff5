"""bench-scale's CPU reading: each bulk phase gets the machine's busy and idle CPU-seconds from
/proc/stat when its last report comes, and only then."""

from __future__ import annotations

import os
import time

from bench.cpu import IdleByPhase
from service.importer.bulk.progress import Step


def step(phase: str, *, final: bool) -> Step:
    return Step(phase, 0, "", 0.0, final)


def test_a_phase_is_read_when_it_ends() -> None:
    cpu = IdleByPhase()
    began = time.monotonic()
    while time.monotonic() - began < 0.3:  # this process alone keeps one CPU busy
        pass
    cpu(step("busy", final=False))
    assert cpu.idle == {}
    cpu(step("busy", final=True))
    assert cpu.busy["busy"] >= 0.2
    # Every CPU's time over the phase is counted, busy or idle.
    assert cpu.busy["busy"] + cpu.idle["busy"] <= 0.3 * len(os.sched_getaffinity(0)) + 1
    time.sleep(0.3)
    cpu(step("waiting", final=True))
    assert list(cpu.idle) == ["busy", "waiting"]
    assert "busy " in cpu.render() and " idle" in cpu.render()
