"""The graph boundary: every driver error maps into the domain tree; reads cannot write."""

from __future__ import annotations

import asyncio
import inspect

import pytest

import neo4j
from neo4j import AsyncDriver
from neo4j import exceptions as neo
from service import errors, queries
from service.calls.researcher import top
from service.graph import Graph, setup_schema, translate
from service.settings import Settings


def driver_exception_classes() -> list[type[Exception]]:
    return [
        c
        for _, c in inspect.getmembers(neo, inspect.isclass)
        if issubclass(c, (neo.Neo4jError, neo.DriverError))
    ]


@pytest.mark.parametrize("cls", driver_exception_classes(), ids=lambda c: c.__name__)
def test_every_driver_error_is_translated(cls: type[Exception]) -> None:
    exc = cls.__new__(cls)
    Exception.__init__(exc, "boom")
    mapped = translate(exc)
    assert isinstance(mapped, errors.GraphError)
    assert mapped.message  # a client-safe sentence, never empty


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        (neo.ServiceUnavailable, errors.Unavailable),
        (neo.SessionExpired, errors.Unavailable),
        (neo.ConstraintError, errors.Conflict),
        (neo.CypherSyntaxError, errors.InvalidInput),
        (neo.TransientError, errors.Unavailable),
        (neo.AuthError, errors.Unavailable),
    ],
)
def test_specific_mappings(cls: type[Exception], expected: type[errors.GraphError]) -> None:
    exc = cls.__new__(cls)
    Exception.__init__(exc, "boom")
    assert type(translate(exc)) is expected


async def test_write_in_read_route_is_refused_by_neo4j(graph: Graph) -> None:
    # The import query sent down the boundary's own read path (an auto-commit transaction in a
    # read-access session): the database, not a string check, refuses it. The boundary refuses
    # a @mode write query as a read before Neo4j sees it (tests/test_queries.py), so the text
    # goes down the read path through the same round trip by hand.
    with pytest.raises(errors.ReadOnly) as caught:
        async with graph.round_trip("import/works"):
            await graph._read(
                neo4j.Query(queries.get("import/works").text),
                {"rows": [], "source": "t", "importedAt": "t"},
            )
    assert "may only read" in caught.value.message


async def test_round_trips_are_counted(graph: Graph) -> None:
    await top(graph, first=1)
    await top(graph, first=1)
    assert graph.round_trips == 2


@pytest.mark.parametrize(
    "code",
    [
        "Neo.ClientError.Transaction.LockClientStopped",
        "Neo.ClientError.Transaction.TransactionTimedOut",
    ],
)
def test_timeouts_by_code_are_query_timeouts(code: str) -> None:
    exc = neo.ClientError.__new__(neo.ClientError)
    Exception.__init__(exc, "raw server text")
    exc._neo4j_code = code  # what the driver sets from the server's failure message
    mapped = translate(exc)
    assert type(mapped) is errors.QueryTimeout
    assert "raw server text" not in mapped.message


async def test_concurrent_schema_setup_converges(
    empty_graph: AsyncDriver, settings: Settings
) -> None:
    """Two processes starting at once (a service and a seed) both set the schema up."""
    database = settings.neo4j.database
    names, _, _ = await empty_graph.execute_query(
        "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", database_=database
    )
    for name in names[0]["names"]:
        await empty_graph.execute_query(f"DROP CONSTRAINT `{name}` IF EXISTS", database_=database)
    await asyncio.gather(*(setup_schema(empty_graph, database) for _ in range(4)))
    after, _, _ = await empty_graph.execute_query(
        "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", database_=database
    )
    assert sorted(after[0]["names"]) == sorted(names[0]["names"])
    assert "researcher_id" in after[0]["names"]
