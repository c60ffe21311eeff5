"""Helpers for importer tests: load paths into the test graph, count what is there."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from neo4j import AsyncDriver
from service.importer.loader import Summary, import_items, items_from
from service.settings import ROOT, Settings
from tests.conftest import wipe

# Real OpenAlex records kept in the repository (data/openalex/SOURCE.md says where each is from).
DATA = ROOT / "data" / "openalex"

Load = Callable[..., Awaitable[Summary]]
Query = Callable[..., Awaitable[list[dict[str, Any]]]]


@pytest.fixture
def load(empty_graph: AsyncDriver, settings: Settings) -> Load:
    """Import paths with the real loader into an emptied test graph (`keep=True`: as it is)."""

    async def run(*paths: Path, keep: bool = False, **options: Any) -> Summary:
        if not keep:
            await wipe(empty_graph, settings.neo4j.database)
        return await import_items(
            empty_graph, settings.neo4j.database, items_from(list(paths)), **options
        )

    return run


@pytest.fixture
def cypher(empty_graph: AsyncDriver, settings: Settings) -> Query:
    """Run an ad-hoc read for assertions (test-only Cypher, not a query file)."""

    async def run(text: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = await empty_graph.execute_query(
            text, params, database_=settings.neo4j.database, routing_="r"
        )
        return [record.data() for record in records]

    return run


COUNTS = """
RETURN COUNT { (p:Paper WHERE NOT p.stub) } AS works,
       COUNT { (:Paper {stub: true}) } AS stubs,
       COUNT { (:Researcher) } AS authors,
       COUNT { ()-[:AUTHORED]->() } AS authorships,
       COUNT { (:Institution) } AS institutions,
       COUNT { (:Topic {level: 'topic'}) } AS topics,
       COUNT { (:Topic {level: 'concept'}) } AS concepts,
       COUNT { (:Topic) } AS taxonomy,
       COUNT { ()-[:HAS_TOPIC]->() } AS hasTopic,
       COUNT { ()-[:PART_OF]->() } AS partOf,
       COUNT { (:Venue) } AS venues,
       COUNT { ()-[:PUBLISHED_IN]->() } AS publishedIn,
       COUNT { ()-[:CITES]->() } AS cites,
       COUNT { ()-[:AFFILIATED_WITH]->() } AS affiliations,
       COUNT { ()-[:FUNDED_BY]->() } AS fundedBy,
       size(COLLECT { MATCH (a:Researcher)-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(b:Researcher)
                      WHERE a.id < b.id RETURN DISTINCT [a.id, b.id] }) AS pairs
"""


@pytest.fixture
def counts(cypher: Query) -> Callable[[], Awaitable[dict[str, Any]]]:
    async def run() -> dict[str, Any]:
        return (await cypher(COUNTS))[0]

    return run
