"""The offline bulk load builds the graph the transactional import builds, in its own instance."""

from __future__ import annotations

import copy
import gc
import gzip
import json
import math
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bench.generate import Corpus, write_corpus
from neo4j import AsyncDriver
from service import localdb
from service.graph import open_driver
from service.importer.bulk import parts, write
from service.importer.bulk.assemble import in_parallel
from service.importer.bulk.load import NotEmpty, bulk_import
from service.importer.bulk.progress import Step, Ticker
from service.importer.limits import MAX_RECORD_BYTES
from service.importer.loader import ImportAborted, Summary, files_in
from service.seed import SEED_DIR
from service.settings import LocalNeo4jSettings, Neo4jSettings, Settings
from tests.importer.conftest import DATA, Load

# Works with authors, institutions, topics, venues, references, plus the snapshot sample with
# every entity type and merged author ids: the bulk path's works and the transactional rest.
INPUTS = [
    DATA / "api-pages" / "works-page-200.json",
    DATA / "api-pages" / "keypapers-page-1.json",
    DATA / "snapshot",
    SEED_DIR / "borui_zhao_2022.json",
]


Graph = dict[tuple[Any, ...], dict[str, Any]]


async def dump(driver: AsyncDriver, database: str) -> tuple[Graph, Graph]:
    """Every node by labels and id, every relationship by type and ends, with its properties;
    import times differ, and affiliation years are a set the transactional path stores in
    arrival order."""
    nodes, _, _ = await driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database_=database
    )
    rels, _, _ = await driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end, "
        "properties(r) AS props",
        database_=database,
    )

    def clean(props: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in props.items() if k != "importedAt"}
        if "years" in out:
            out["years"] = sorted(out["years"])
        return out

    node_map = {(*sorted(r["labels"]), r["props"].get("id")): clean(r["props"]) for r in nodes}
    rel_map = {(r["type"], r["start"], r["end"]): clean(r["props"]) for r in rels}
    assert len(node_map) == len(nodes) and len(rel_map) == len(rels), "keys are not unique"
    return node_map, rel_map


def same(a: Any, b: Any) -> bool:
    """Equal, floats up to rounding: sums (collaborator strength) add up in traversal order."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def differences(found: Graph, expected: Graph) -> list[str]:
    """What differs, readably: a key on one side only, or the properties that differ."""
    out = [f"only in bulk: {k}" for k in found.keys() - expected.keys()]
    out += [f"only in transactional: {k}" for k in expected.keys() - found.keys()]
    for key in found.keys() & expected.keys():
        a, b = found[key], expected[key]
        out += [
            f"{key}.{p}: {a.get(p)!r} != {b.get(p)!r}"
            for p in a.keys() | b.keys()
            if not same(a.get(p), b.get(p))
        ]
    return sorted(out)


def instance_settings(settings: Settings, name: str, offset: int) -> Settings:
    """A local instance of its own beside the test one: a bulk load replaces its store."""
    port = int(os.environ.get("TEST_NEO4J_PORT", "7688")) + offset
    local = LocalNeo4jSettings(instance=name, bolt_port=port)
    shutil.rmtree(local.home / local.instance, ignore_errors=True)
    inst = localdb.Instance(local, settings.neo4j.password.get_secret_value())
    return settings.model_copy(
        update={
            "localdb": local,
            "neo4j": Neo4jSettings(uri=inst.uri, password=settings.neo4j.password),
        }
    )


@pytest.fixture(scope="module")
def bulk_settings(settings: Settings) -> Settings:
    return instance_settings(settings, "test-bulk", 20)


CHUNK = 50
PHASES = [
    "read, map, write CSV",
    "researcher summaries",
    "neo4j-admin import",
    "start, constraints, indexes",
    "other records, transactional",
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The samples, then later versions of works: one from the page with another title and
    byline, and one new work recorded twice; the later record of a work replaces the earlier.
    The title and the new author's name hold line breaks, which only some files then need
    read as multi-line."""
    page = json.loads((DATA / "api-pages" / "works-page-200.json").read_text())
    changed = copy.deepcopy(page["results"][0])
    changed["title"] = changed["display_name"] = "A later\ntitle"
    newcomer = {
        "author": {"id": "https://openalex.org/A9999999991", "display_name": "New\r\nAuthor"}
    }
    changed["authorships"] = [*changed["authorships"][1:], newcomer]
    twice = [
        {**copy.deepcopy(page["results"][1]), "id": "https://openalex.org/W9999999991"},
        {**copy.deepcopy(page["results"][2]), "id": "https://openalex.org/W9999999991"},
    ]
    later = tmp_path_factory.mktemp("later") / "later.jsonl"
    later.write_text("".join(json.dumps(r) + "\n" for r in [changed, *twice]))
    return [*INPUTS, later]


@pytest.fixture(scope="module")
async def bulk_loaded(bulk_settings: Settings, inputs: list[Path]) -> AsyncIterator[Settings]:
    inst = localdb.Instance(bulk_settings.localdb, bulk_settings.neo4j.password.get_secret_value())
    try:
        with pytest.MonkeyPatch.context() as patch:
            # Small chunks, so later records supersede rows already written to the files.
            patch.setattr(parts, "CHUNK", CHUNK)
            steps: list[Step] = []
            summary = await bulk_import(bulk_settings, inputs, progress=steps.append)
        assert not summary.skipped, summary.problems
        # Each phase reported as it ends, with its time, in order; the files' records counted
        # across the worker processes, then the rest's.
        finals = [s for s in steps if s.final]
        assert [s.phase for s in finals] == list(summary.phases) == PHASES
        assert [s.seconds for s in finals] == list(summary.phases.values())
        assert finals[0].done == summary.read > 500
        assert 0 < finals[-1].done < finals[0].done
        for step in steps:
            final = finals[PHASES.index(step.phase)]
            assert step.done <= final.done and step.seconds <= final.seconds
        yield bulk_settings
    finally:
        localdb.stop(inst)
        shutil.rmtree(inst.dir, ignore_errors=True)


async def test_bulk_load_builds_the_graph_the_transactional_import_builds(
    bulk_loaded: Settings,
    inputs: list[Path],
    load: Load,
    empty_graph: AsyncDriver,
    settings: Settings,
) -> None:
    # The same batches: which records meet in one batch decides which nodes a superseded
    # record leaves behind, in either path.
    summary = await load(*inputs, batch_size=CHUNK)
    assert not summary.skipped, summary.problems
    expected_nodes, expected_rels = await dump(empty_graph, settings.neo4j.database)
    driver = open_driver(bulk_loaded.neo4j)
    try:
        nodes, rels = await dump(driver, bulk_loaded.neo4j.database)
    finally:
        await driver.close()
    assert len(expected_nodes) > 1000 and len(expected_rels) > 1000
    assert differences(nodes, expected_nodes) == []
    assert differences(rels, expected_rels) == []


async def test_bulk_load_refuses_a_database_that_holds_data(bulk_loaded: Settings) -> None:
    driver = open_driver(bulk_loaded.neo4j)
    try:
        before, _, _ = await driver.execute_query("MATCH (n) RETURN count(n) AS n")
        with pytest.raises(NotEmpty, match="only for initial loads"):
            await bulk_import(bulk_loaded, INPUTS[:1])
        after, _, _ = await driver.execute_query("MATCH (n) RETURN count(n) AS n")
    finally:
        await driver.close()
    assert before[0]["n"] == after[0]["n"] > 0


async def test_bulk_load_only_writes_the_local_instance(settings: Settings) -> None:
    remote = settings.model_copy(
        update={"neo4j": Neo4jSettings(uri="bolt://db.example:7687", password="x")}
    )
    with pytest.raises(NotEmpty, match="use the transactional import there"):
        await bulk_import(remote, INPUTS[:1])


async def test_bad_records_are_skipped_and_reported_like_the_transactional_import(
    settings: Settings, tmp_path: Path, load: Load
) -> None:
    # Generated works hold no line break, so neo4j-admin reads no file as multi-line here.
    good = write_corpus(Corpus(works=60, seed=3), tmp_path / "generated")
    bad = tmp_path / "works.jsonl.gz"
    lines = [
        b'{"id": "W1", "title": "ok", "authorships": []}',
        b"{oops",
        b"{}",
        b'{"id": "W2", "title": "a year as text", "publication_year": "2020"}',
        b'{"id": "W3", "title": "a count as a word", "cited_by_count": "many"}',
        b'{"id": "W4", "title": "' + b"x" * MAX_RECORD_BYTES + b'"}',
    ]
    bad.write_bytes(gzip.compress(b"\n".join(lines) + b"\n"))
    bad_settings = instance_settings(settings, "test-bulk-bad", 21)
    inst = localdb.Instance(bad_settings.localdb, settings.neo4j.password.get_secret_value())
    try:
        summary = await bulk_import(bad_settings, [bad, *good])
        driver = open_driver(bad_settings.neo4j)
        try:
            found, _, _ = await driver.execute_query(
                "RETURN COUNT { (:Paper {stub: false}) } AS works, "
                "COLLECT { MATCH (p:Paper {id: 'W2'}) RETURN p.year } AS years"
            )
        finally:
            await driver.close()
    finally:
        localdb.stop(inst)
        shutil.rmtree(inst.dir, ignore_errors=True)
    assert summary.skipped == {
        "not valid JSON": 1,
        "record has no id": 1,
        "wrong field type": 1,
        "record too large": 1,
    }
    assert summary.problems[0].startswith(f"{bad}:2: not valid JSON")
    assert summary.problems[2:] == [
        f'{bad}:5: cited_by_count: expected an integer, got "many"',
        f"{bad}:6: record too large: expected at most {MAX_RECORD_BYTES:,} bytes,"
        f" got {len(lines[-1]) + 1:,}",
    ]
    assert found[0]["works"] == summary.by_entity["work"] == 2 + 60
    assert found[0]["years"] == [2020]
    # Both paths read and check records with the same code: the same records are refused.
    transactional = await load(bad, *good)
    assert (transactional.skipped, transactional.problems) == (summary.skipped, summary.problems)


def test_files_are_the_same_written_by_one_process_or_several(tmp_path: Path) -> None:
    """Files are shaped by worker processes and researchers summarised by forked ones; what
    they write is what one process writes, byte for byte."""
    files = files_in(INPUTS)
    assert len(files) > 5
    contents = []
    for processes in (1, 3):
        folder = tmp_path / str(processes)
        steps: list[Step] = []
        summary = Summary()
        with Ticker(steps.append) as ticker:
            written, others = write.write_csv(
                files,
                folder,
                summary,
                source="openalex",
                imported_at="2026-01-01T00:00:00+00:00",
                processes=processes,
                ticker=ticker,
            )
        assert written.rows("Researcher") > 400 and written.rows("AUTHORED") > 500
        assert gc.isenabled()  # off while writing (see write.no_cycle_collection), then back
        # What the workers read and the forked writers wrote is counted in the parent.
        finals = {s.phase: s.done for s in steps if s.final}
        assert finals == {
            "read, map, write CSV": summary.read + len(others),
            "researcher summaries": written.rows("Researcher"),
        }
        by_label: dict[str, list[str]] = {}
        for f in [*written.nodes, *written.relationships]:
            lines = f.path.read_text(encoding="utf-8").splitlines(keepends=True)
            by_label.setdefault(f.kind, []).append("".join(lines[1:]))  # each has a header
        # One line a researcher (no name in the sample has a line break), however many files.
        assert written.rows("Researcher") == "".join(by_label["Researcher"]).count("\n")
        contents.append(({k: "".join(v) for k, v in by_label.items()}, [o.where for o in others]))
    assert contents[0] == contents[1]


def _fails() -> None:
    raise SystemExit(3)


def test_a_failing_process_fails_the_bulk_write() -> None:
    ran: list[str] = []
    with pytest.raises(RuntimeError, match=r"exit codes \[3\]"):
        in_parallel([lambda: ran.append("here"), _fails])
    assert ran == ["here"]


def test_fail_fast_stops_at_the_first_bad_record_of_any_worker(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "https://openalex.org/W1", "title": "ok"}\nnot json\n')
    files = [*files_in(INPUTS), bad]
    with pytest.raises(ImportAborted, match=rf"{bad}:2: not valid JSON"):
        write.write_csv(
            files,
            tmp_path / "out",
            Summary(),
            source="openalex",
            imported_at="2026-01-01T00:00:00+00:00",
            fail_fast=True,
            processes=2,
        )
