"""The transactional import's write bound: the statement replayed alone with the parameters the
import gave it writes the same graph the import wrote (the summaries aside, which the import
refreshes afterwards), and the import's call is itself again afterwards."""

from __future__ import annotations

from typing import Any

from bench.write_bound import import_capturing, replay
from neo4j import AsyncDriver
from service.calls import import_
from service.importer.loader import items_from
from service.settings import Settings
from tests.conftest import wipe
from tests.test_bench_scale import PAGE

SHAPE = """
MATCH (a)-[rel]->(b)
RETURN labels(a)[0] + ' ' + coalesce(a.id, '') + ' ' + type(rel) + ' '
     + labels(b)[0] + ' ' + coalesce(b.id, '') AS edge
ORDER BY edge
"""


async def edges(driver: AsyncDriver, database: str) -> list[Any]:
    records, _, _ = await driver.execute_query(SHAPE, database_=database)
    return [r["edge"] for r in records]


async def test_the_statement_alone_writes_what_the_import_wrote(
    empty_graph: AsyncDriver, settings: Settings
) -> None:
    database = settings.neo4j.database
    original = import_.works
    items = list(items_from([PAGE]))
    seconds, captured = await import_capturing(empty_graph, database, items, batch_size=60)
    assert import_.works is original
    assert seconds > 0 and len(captured) == 4  # 200 works, 60 a batch
    assert sum(len(params["works"]) for params in captured) == 200
    imported = await edges(empty_graph, database)
    await wipe(empty_graph, database)
    assert await replay(empty_graph, database, captured) > 0
    assert await edges(empty_graph, database) == imported
    assert len(imported) > 1000
