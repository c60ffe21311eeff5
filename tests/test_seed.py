"""Seeding goes through the importer and is idempotent."""

from __future__ import annotations

from neo4j import AsyncDriver
from service.seed import seed
from service.settings import Settings


async def graph_counts(driver: AsyncDriver, database: str) -> dict[str, int]:
    """Nodes per label and relationships per type: what an idempotent load must not change."""
    nodes, _, _ = await driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS label RETURN label AS key, count(*) AS n", database_=database
    )
    rels, _, _ = await driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS n", database_=database
    )
    return {row["key"]: row["n"] for row in [*nodes, *rels]}


async def test_seeding_twice_changes_nothing(seeded: AsyncDriver, settings: Settings) -> None:
    before = await graph_counts(seeded, settings.neo4j.database)
    summary = await seed(seeded, settings.neo4j.database)
    after = await graph_counts(seeded, settings.neo4j.database)
    assert summary.written == 5
    assert after == before
    assert after["Paper"] == 5
    assert after["Researcher"] == 19
    assert after["Institution"] == 3
    assert after["AUTHORED"] == 33
