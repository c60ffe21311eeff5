"""The phases of a bulk load as they happen: their times, and a live count for a progress line.

A bulk load spends minutes in processes the parent only waits for (the file workers, the forked
researcher writers, neo4j-admin), so the count lives in shared memory: workers forked after
`Ticker` was made add to `Ticker.counter`, and a thread of the parent reports it twice a second.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from types import TracebackType
from typing import TypeVar

INTERVAL_S = 0.5
# Workers add to the shared count every TICK items: a lock per item would cost more than the item.
TICK = 1000


@dataclass(frozen=True)
class Step:
    """How far a phase is: `done` counts `unit` (no unit: the phase has no count)."""

    phase: str
    done: int
    unit: str
    seconds: float  # since the phase began
    final: bool  # the phase is over and this is its last report


Report = Callable[[Step], None]
T = TypeVar("T")


class Ticker:
    """Times the phases of a load (`seconds`, by phase) and reports each while it runs, then
    once more when it ends, to `report` (none: only the times are kept)."""

    def __init__(self, report: Report | None = None) -> None:
        self.report = report
        self.seconds: dict[str, float] = {}
        self.counter: Synchronized[int] = multiprocessing.get_context("fork").Value("q", 0)
        self._phase: tuple[str, str, float] | None = None  # name, unit, start
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def phase(self, name: str, unit: str = "") -> None:
        """End the current phase (if any) and begin `name`, counting `unit` from zero."""
        with self._lock:
            self._end()
            with self.counter.get_lock():
                self.counter.value = 0
            self._phase = (name, unit, time.monotonic())

    def add(self, n: int) -> None:
        """Count `n` more (from any process forked after this ticker was made)."""
        with self.counter.get_lock():
            self.counter.value += n

    def set(self, n: int) -> None:
        """The count is `n` (for a phase this process counts itself)."""
        with self.counter.get_lock():
            self.counter.value = n

    def _step(self, *, final: bool) -> Step | None:
        if self._phase is None:
            return None
        name, unit, began = self._phase
        return Step(name, self.counter.value, unit, time.monotonic() - began, final)

    def _end(self) -> None:
        step = self._step(final=True)
        if step is None:
            return
        self.seconds[step.phase] = step.seconds
        self._phase = None
        if self.report is not None:
            self.report(step)

    def _run(self) -> None:
        while not self._stop.wait(INTERVAL_S):
            with self._lock:
                step = self._step(final=False)
                if step is not None and self.report is not None:
                    self.report(step)

    def __enter__(self) -> Ticker:
        if self.report is not None:
            self._thread = threading.Thread(target=self._run, name="bulk-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            if error is None:
                self._end()
            self._phase = None  # a failed phase has no time to report


def counted(items: Iterable[T], ticker: Ticker | None) -> Iterator[T]:
    """`items` as they come, adding to `ticker`'s count every TICK of them and the rest at the
    end (run in any process forked after the ticker was made)."""
    done = 0
    for done, item in enumerate(items, start=1):
        if ticker is not None and done % TICK == 0:
            ticker.add(TICK)
        yield item
    if ticker is not None:
        ticker.add(done % TICK)
