"""Saved-query test fixtures: the seed plus a real OpenAlex page, and scratch catalogues."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from neo4j import AsyncDriver
from service.analyst.catalogue import Catalogue
from service.analyst.runner import Runner
from service.importer.ids import BadId
from service.importer.loader import import_items, items_from
from service.importer.works import work_row
from service.seed import SEED_DIR, seed
from service.settings import ROOT, Settings
from tests.conftest import wipe

OPENALEX_PAGE = ROOT / "data" / "openalex" / "api-pages" / "works-page-200.json"


@pytest.fixture(scope="module")
async def analyst_graph(driver: AsyncDriver, settings: Settings) -> AsyncDriver:
    """The seed and the OpenAlex works page, loaded once per test module (tests only read)."""
    database = settings.neo4j.database
    await wipe(driver, database)
    await seed(driver, database)
    await import_items(driver, database, items_from([OPENALEX_PAGE]), source="openalex")
    return driver


@pytest.fixture
def runner(analyst_graph: AsyncDriver, settings: Settings) -> Runner:
    return Runner(analyst_graph, settings.neo4j)


def work_rows() -> list[dict[str, Any]]:
    """The seed's and the page's works as the importer maps them (records it skips are left
    out): the oracle the queries' results are checked against, computed without Cypher."""
    rows = []
    for path in [*sorted(SEED_DIR.glob("*.json")), OPENALEX_PAGE]:
        for record in json.loads(path.read_text())["results"]:
            try:
                rows.append(work_row(record))
            except (BadId, KeyError, TypeError, ValueError, AttributeError):
                continue
    return rows


ScratchCatalogue = Callable[..., Catalogue]


@pytest.fixture
def scratch_catalogue(tmp_path: Path) -> ScratchCatalogue:
    """Writes `name -> file text` into a temporary folder and loads it as a catalogue."""

    def make(**files: str) -> Catalogue:
        for name, text in files.items():
            (tmp_path / f"{name}.cypher").write_text(text)
        return Catalogue(tmp_path)

    return make
