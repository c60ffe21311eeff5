"""The scale benchmark's import baselines: the bare write writes the works with their
authorships and nothing else, and the ratios and the Neo4j-side bound use the right figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.scale import (
    NEO4J_PHASES,
    Row,
    bare_batches,
    neo4j_seconds,
    publish,
    ratio,
    write_bare,
)
from neo4j import AsyncDriver
from service.importer.ids import short_id
from service.settings import Settings
from tests.importer.conftest import DATA

PAGE = DATA / "api-pages" / "works-page-200.json"


def bylines() -> dict[str, list[str]]:
    """Each work of the page with authorships: its matched authors' ids in byline order."""
    works = json.loads(PAGE.read_text())["results"]
    return {
        short_id(w["id"]): list(
            dict.fromkeys(
                short_id(a["author"]["id"])
                for a in w["authorships"]
                if (a.get("author") or {}).get("id")
            )
        )
        for w in works
        if w.get("authorships") is not None
    }


def test_bare_batches_hold_every_work_with_its_byline() -> None:
    expected = bylines()
    batches = bare_batches(PAGE, limit=10**6, batch_size=7)
    assert [len(b) for b in batches[:-1]] == [7] * (len(batches) - 1)
    works = [w for batch in batches for w in batch]
    assert {w["id"]: w["authors"] for w in works} == expected
    assert len(works) == len(expected) and max(map(len, expected.values())) > 3


def test_bare_batches_stop_at_the_limit() -> None:
    assert [len(b) for b in bare_batches(PAGE, limit=50, batch_size=20)] == [20, 20, 10]


async def test_the_bare_write_writes_works_authors_and_authorships(
    empty_graph: AsyncDriver, settings: Settings
) -> None:
    expected = bylines()
    seconds = await write_bare(
        empty_graph, settings.neo4j.database, bare_batches(PAGE, limit=10**6, batch_size=50)
    )
    assert seconds > 0
    records, _, _ = await empty_graph.execute_query(
        "MATCH (r:Researcher)-[a:AUTHORED]->(p:Paper) WITH p, r ORDER BY a.position "
        "RETURN p.id AS work, collect(r.id) AS authors",
        database_=settings.neo4j.database,
    )
    written: dict[str, Any] = {r["work"]: r["authors"] for r in records}
    assert written == {w: a for w, a in expected.items() if a}
    counts, _, _ = await empty_graph.execute_query(
        "MATCH (n) RETURN count { (:Paper) } AS papers, count { (:Researcher) } AS people",
        database_=settings.neo4j.database,
    )
    assert counts[0]["papers"] == len(expected)
    assert counts[0]["people"] == len({a for authors in expected.values() for a in authors})


def test_ratios_divide_by_the_bare_rate_and_the_bound_counts_neo4j_phases_only() -> None:
    row = Row(size=1000, bare_works=500, bare_s=0.5)  # bare: 1,000 works/s
    assert ratio(1000, 4.0, row) == "0.25"
    assert ratio(1000, 0.0, row) == "-" and ratio(1000, 4.0, Row(size=1000)) == "-"
    row.bulk_phases = {"read, map, write CSV": 9.0, NEO4J_PHASES[0]: 2.0, NEO4J_PHASES[1]: 1.5}
    assert neo4j_seconds(row) == 3.5


def test_a_report_is_printed_and_appended_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "RESULTS-x.md"
    publish("### run 1\n", results, write=False, header="# Header\n")
    assert "### run 1" in capsys.readouterr().out and not results.exists()
    publish("### run 2\n", results, write=True, header="# Header\n")
    publish("### run 3\n", results, write=True, header="# Header\n")
    assert results.read_text() == "# Header\n\n### run 2\n\n### run 3\n"
    assert "### run 3" in capsys.readouterr().out
