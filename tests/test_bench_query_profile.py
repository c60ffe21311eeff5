"""The query-profile harness: its comparison reports regressions, and its baseline is complete."""

from __future__ import annotations

import json

from bench.query_profile import BASELINE, Figure, compare, total_db_hits
from service.analyst.catalogue import default_catalogue


def test_db_hits_are_summed_over_the_plan_tree() -> None:
    plan = {"dbHits": 1, "children": [{"dbHits": 2, "children": [{"dbHits": 3}]}, {}]}
    assert total_db_hits(plan) == 6


def test_regressions_are_reported_not_raised() -> None:
    baseline = {"queries": {"a": {"dbHits": 100, "hash": "h"}, "b": {"dbHits": 100, "hash": "h"}}}
    figures = [
        Figure("a", "h", 150, 1, 1.0),
        Figure("b", "other", 50, 1, 1.0),
        Figure("c", "h", 10, 1, 1.0),
    ]
    _, a, b, c = compare(figures, baseline)
    assert a.split()[:4] == ["a", "150", "100", "+50%"] and a.endswith("REGRESSION")
    assert "improved" in b and "query file changed since the baseline" in b
    assert c.endswith("new: no baseline yet")


def test_committed_baseline_covers_the_catalogue() -> None:
    baseline = json.loads(BASELINE.read_text())
    assert set(baseline["queries"]) == {q.name for q in default_catalogue()}
    assert all(entry["dbHits"] > 0 for entry in baseline["queries"].values())
