"""The side-by-side benchmark's pure parts: both servers' answers brought to one shape, and the
tables its ratios are read from."""

from __future__ import annotations

from typing import Any

from bench.peer_compare import (
    LEVELS,
    Load,
    Run,
    Subject,
    closed_loop_lines,
    latency_table,
    load_table,
)
from bench.peer_views import peer_view, same_view, service_view

COLLABORATOR = {
    "researcher": {"id": "r2", "name": "Two"},
    "sharedWorks": 3,
    "strength": 0.5000000000001,
    "lastYear": 2021,
}


def service_answer(**changes: Any) -> dict[str, Any]:
    found = {
        "name": "One",
        "works": {
            "edges": [
                {"node": {"id": "w2", "authors": [{"id": "r2"}, {"id": "r1"}]}},
                {"node": {"id": "w1", "authors": [{"id": "r1"}]}},
            ]
        },
        "closeCollaborators": [COLLABORATOR],
        **changes,
    }
    return {"data": {"researcher": found}}


def peer_answer(**changes: Any) -> dict[str, Any]:
    def byline(*ids: str) -> dict[str, Any]:
        return {"edges": [{"node": {"id": i}} for i in ids]}

    found = {
        "name": "One",
        "works": [
            {"id": "w2", "authorsConnection": byline("r2", "r1")},
            {"id": "w1", "authorsConnection": byline("r1")},
        ],
        "closeCollaborators": [{**COLLABORATOR, "strength": 0.5}],
        **changes,
    }
    return {"data": {"researchers": [found]}}


def test_the_same_view_from_both_servers_compares_equal() -> None:
    mine, theirs = service_view(service_answer()), peer_view(peer_answer())
    assert mine == {
        "name": "One",
        "works": [("w2", ("r2", "r1")), ("w1", ("r1",))],
        "collaborators": [("r2", 3, 0.5, 2021)],
    }
    assert same_view(mine, theirs)


def test_a_different_byline_order_or_missing_researcher_differs() -> None:
    swapped = peer_answer(
        works=[
            {"id": "w2", "authorsConnection": {"edges": [{"node": {"id": "r1"}}]}},
            {"id": "w1", "authorsConnection": {"edges": [{"node": {"id": "r1"}}]}},
        ]
    )
    assert not same_view(service_view(service_answer()), peer_view(swapped))
    assert peer_view({"data": {"researchers": []}}) is None
    assert service_view({"errors": [{"message": "boom"}], "data": None}) is None
    assert not same_view(None, None)


def run_of(graph: str, base_ms: float) -> Run:
    run = Run(graph=graph, subjects=[Subject("ordinary", "a", 21), Subject("prolific", "b", 900)])
    for label, scale in (("ordinary", 1.0), ("prolific", 2.0)):
        for path, factor in (("driver", 1.0), ("service", 1.5), ("peer", 3.0)):
            run.latency[(label, path)] = [base_ms * scale * factor / 1000] * 5
        run.same[label] = label == "ordinary"
    for clients in LEVELS:
        run.load[("service", clients)] = Load(clients, 2.0, [0.01] * 100, 0, 150.0)
        run.load[("peer", clients)] = Load(clients, 2.0, [0.02] * 50, 1, 120.0)
    run.load[("driver", 1)] = Load(1, 1.0, [0.008] * 100)
    run.load[("floor", 1)] = Load(1, 1.0, [0.009] * 100)
    run.load[("floor raw", 1)] = Load(1, 1.0, [0.0085] * 100)
    run.load[("service raw", 1)] = Load(1, 1.0, [0.0095] * 100)
    return run


def test_latency_table_gives_the_ratios_and_the_prolific_spread() -> None:
    text = latency_table([run_of("100000", 10.0)])
    assert "| 100,000 works | ordinary (21) | 10.0 / 10.0 | 15.0 / 15.0 | 30.0 / 30.0" in text
    assert "| 1.50 | 3.00 | 0.50 | yes |" in text
    assert "| prolific (900) |" in text and "| NO |" in text
    assert "prolific / ordinary p50: driver 2.00, service 2.00, peer 2.00" in text


def test_load_table_gives_rates_latencies_errors_and_memory() -> None:
    lines = load_table([run_of("seed", 1.0)]).splitlines()
    assert len(lines) == 2 + len(LEVELS)
    assert lines[2] == (
        "| seed | 1 | 50 | 10.0 / 10.0 | 0 | 25 | 20.0 / 20.0 | 1 | 2.00 | 150 | 120 |"
    )


def test_closed_loop_line_sets_one_client_against_the_bare_read_and_the_http_floor() -> None:
    assert closed_loop_lines([run_of("seed", 1.0)]) == (
        "- seed, one client in a closed loop over the same researchers (p50 / p99 ms): bare"
        " driver 8.0 / 8.0; through httpx, HTTP floor 9.0 / 9.0, service 10.0 / 10.0; through a"
        " raw socket, HTTP floor 8.5 / 8.5, service 9.5 / 9.5. Raw: HTTP floor / driver 1.06,"
        " service / driver 1.19, service / HTTP floor 1.12 (httpx: service / driver 1.25)"
    )
