"""Running saved queries safely: parameters checked first, read-only, timed out, row-capped."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from neo4j import AsyncDriver
from service import errors
from service.analyst.catalogue import UnknownQuery, default_catalogue
from service.analyst.runner import Runner, bind_text
from service.analyst.types import InvalidParameter
from service.graph import open_driver
from service.settings import Neo4jSettings, Settings
from tests.analyst.conftest import ScratchCatalogue

WRITE = """// @query sneaky_write
// Tries to write; the read transaction must refuse it.
// @param id: String -- id of the node it would create
// @column id: String -- the created node's id
CREATE (n:Probe {id: $id})
RETURN n.id AS id
"""
RUNAWAY = """// @query runaway
// Counts to a billion the slow way.
// @column n: Int -- never returned
UNWIND range(1, 1000000000) AS x
WITH x WHERE x = -1
RETURN count(x) AS n
"""
NUMBERS = """// @query numbers
// The numbers 1..$n.
// @param n: Int = 5 (1..100000) -- how many
// @column x: Int -- a number
UNWIND range(1, $n) AS x
RETURN x
"""


async def probes(driver: AsyncDriver, settings: Settings) -> int:
    records, _, _ = await driver.execute_query(
        "MATCH (n:Probe) RETURN count(n) AS n", database_=settings.neo4j.database
    )
    return int(records[0]["n"])


async def test_a_write_is_refused_by_the_database(
    empty_graph: AsyncDriver, settings: Settings, scratch_catalogue: ScratchCatalogue
) -> None:
    runner = Runner(empty_graph, settings.neo4j, scratch_catalogue(sneaky_write=WRITE))
    with pytest.raises(errors.ReadOnly, match="may only read") as caught:
        await runner.run("sneaky_write", {"id": "probe-1"})
    assert caught.value.code == "READ_ONLY"
    assert await probes(empty_graph, settings) == 0


async def test_a_runaway_query_is_stopped(
    empty_graph: AsyncDriver, settings: Settings, scratch_catalogue: ScratchCatalogue
) -> None:
    runner = Runner(empty_graph, settings.neo4j, scratch_catalogue(runaway=RUNAWAY), timeout_s=0.5)
    with pytest.raises(errors.QueryTimeout):
        await runner.run("runaway")


async def test_rows_are_capped(
    empty_graph: AsyncDriver, settings: Settings, scratch_catalogue: ScratchCatalogue
) -> None:
    runner = Runner(empty_graph, settings.neo4j, scratch_catalogue(numbers=NUMBERS), row_cap=10)
    capped = await runner.run("numbers", {"n": 50})
    assert capped.rows == [[x] for x in range(1, 11)] and capped.truncated
    whole = await runner.run("numbers", {"n": 10})
    assert len(whole.rows) == 10 and not whole.truncated


@pytest.fixture
async def unreachable() -> AsyncIterator[Runner]:
    """A runner whose database cannot be reached: anything it reports came before Neo4j."""
    settings = Neo4jSettings(uri="bolt://127.0.0.1:9", connect_timeout_s=1)
    driver = open_driver(settings)
    yield Runner(driver, settings)
    await driver.close()


@pytest.mark.parametrize(
    ("name", "params", "parameter", "problem"),
    [
        ("coauthor_network", {"researcher": "x", "limit": "ten"}, "limit", "expected Int, got str"),
        ("coauthor_network", {"researcher": "x", "limit": 0}, "limit", "must be in 1..1000"),
        ("coauthor_network", {"researcher": "x", "limit": 2.5}, "limit", "expected Int"),
        ("coauthor_network", {"researcher": "x", "limit": True}, "limit", "expected Int"),
        ("coauthor_network", {"researcher": 7}, "researcher", "expected String, got int"),
        ("coauthor_network", {"researcher": None}, "researcher", "must not be null"),
        ("coauthor_network", {}, "researcher", "required by coauthor_network"),
        ("coauthor_network", {"researcher": "x", "depth": 2}, "depth", "does not take it"),
        ("topic_trends", {"level": "galaxy"}, "level", "one of topic|subfield|field|domain"),
        ("venues_by_topic", {"topic": "T1", "primaryOnly": "yes"}, "primaryOnly", "Boolean"),
        ("coauthor_network", {"researcher": "x" * 1001}, "researcher", "at most 1000"),
    ],
)
async def test_parameters_are_checked_before_neo4j(
    unreachable: Runner, name: str, params: dict[str, Any], parameter: str, problem: str
) -> None:
    with pytest.raises(InvalidParameter, match=problem) as caught:
        await unreachable.run(name, params)
    assert caught.value.parameter == parameter
    assert caught.value.code == "INVALID_PARAMETER"
    assert unreachable.round_trips == 0


async def test_unknown_query_is_refused_before_neo4j(unreachable: Runner) -> None:
    with pytest.raises(UnknownQuery, match="no saved query named 'drop_everything'") as caught:
        await unreachable.run("drop_everything", {})
    assert caught.value.code == "UNKNOWN_QUERY"
    # A path is not a name: nothing outside the catalogue folder can be reached.
    with pytest.raises(UnknownQuery):
        await unreachable.run("../researcher/cards", {})
    assert unreachable.round_trips == 0


def test_command_line_values_are_converted_by_declared_type() -> None:
    query = default_catalogue().get("venues_by_topic")
    bound = bind_text(query, ["topic=T10036", "primaryOnly=true", "limit=3"])
    assert bound == {"topic": "T10036", "primaryOnly": True, "limit": 3}
    nullable = default_catalogue().get("institution_network")
    assert bind_text(nullable, ["country=null"])["country"] is None
    with pytest.raises(InvalidParameter, match="expected Int, got str 'three'"):
        bind_text(query, ["topic=T1", "limit=three"])
    with pytest.raises(InvalidParameter, match="name=value"):
        bind_text(query, ["topic"])
