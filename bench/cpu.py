"""The whole machine's idle CPU during each phase of a bulk load, from /proc/stat.

What a load could still overlap with Neo4j's own phases is at most the CPU they leave idle:
bench/scale.py reports it beside the phases' times.
"""

from __future__ import annotations

import os
from pathlib import Path

from service.importer.bulk.progress import Step

TICKS_PER_S = os.sysconf("SC_CLK_TCK")


def _ticks() -> tuple[int, int]:
    """All and idle (idle + iowait) CPU ticks since boot, every CPU summed."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields), fields[3] + fields[4]


class IdleByPhase:
    """A bulk load's `progress` report: idle CPU-seconds per phase, once each phase ends."""

    def __init__(self) -> None:
        self.mark = _ticks()
        self.idle: dict[str, float] = {}
        self.busy: dict[str, float] = {}

    def __call__(self, step: Step) -> None:
        if not step.final:
            return
        now = _ticks()
        total, idle = now[0] - self.mark[0], now[1] - self.mark[1]
        self.idle[step.phase] = idle / TICKS_PER_S
        self.busy[step.phase] = (total - idle) / TICKS_PER_S
        self.mark = now

    def render(self) -> str:
        return ", ".join(
            f"{phase} {self.busy[phase]:.0f} busy / {self.idle[phase]:.0f} idle"
            for phase in self.idle
        )
