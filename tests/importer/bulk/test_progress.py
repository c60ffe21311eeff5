"""A bulk load's phases: their times, live counts from forked workers, a last report each."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from service.importer.bulk.progress import INTERVAL_S, Step, Ticker


def test_phases_end_in_order_with_their_counts_and_times() -> None:
    steps: list[Step] = []
    with Ticker(steps.append) as ticker:
        ticker.phase("reading", "records")
        ticker.add(3)
        ticker.add(4)
        ticker.phase("waiting")
        time.sleep(INTERVAL_S * 2.5)  # the thread reports the running phase meanwhile
        ticker.phase("writing", "rows")
        ticker.set(9)
    finals = [s for s in steps if s.final]
    assert [(s.phase, s.done, s.unit) for s in finals] == [
        ("reading", 7, "records"),
        ("waiting", 0, ""),
        ("writing", 9, "rows"),
    ]
    assert list(ticker.seconds) == ["reading", "waiting", "writing"]
    assert ticker.seconds["waiting"] >= INTERVAL_S * 2.5
    running = [s for s in steps if not s.final]
    assert running and {s.phase for s in running} <= {"waiting", "writing"}


def _count_in_child(ticker: Ticker) -> None:
    ticker.add(1500)


def test_a_forked_process_counts_for_the_parent() -> None:
    with Ticker() as ticker:
        ticker.phase("summaries", "researchers")
        child = multiprocessing.get_context("fork").Process(target=_count_in_child, args=(ticker,))
        child.start()
        child.join()
        ticker.add(2)
        assert ticker.counter.value == 1502
    assert list(ticker.seconds) == ["summaries"]


def test_a_failed_phase_has_no_time_and_no_last_report() -> None:
    steps: list[Step] = []
    with pytest.raises(RuntimeError), Ticker(steps.append) as ticker:
        ticker.phase("done first")
        ticker.phase("fails")
        raise RuntimeError("neo4j-admin failed")
    assert list(ticker.seconds) == ["done first"]
    assert [s.phase for s in steps if s.final] == ["done first"]
