"""Saved queries through GraphQL: the catalogue listing and paged, typed, read-only runs."""

from __future__ import annotations

import asyncio
import base64
import json
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from neo4j import AsyncDriver
from service.analyst import catalogue
from service.analyst.runner import Result
from service.app import create_app
from service.schema.saved_queries import (
    BUSY_MESSAGE,
    BUSY_PER_CLIENT,
    PER_CLIENT,
    RUNNING,
    _rows,
)
from service.settings import Settings
from tests.conftest import SchemaRunner

LIST = """
{ savedQueries { name description hash example cypher
    parameters { name type description required default range minimum maximum allowed }
    columns { name type description } } }
"""
RUN = """
query Run($name: String!, $params: JSON, $first: Int! = 50, $after: String) {
  runSavedQuery(name: $name, params: $params, first: $first, after: $after) {
    __typename
    ... on SavedQueryRows {
      query { name hash } parameters totalCount truncated
      columns { name type }
      rows { values cells { column string int float boolean strings ints floats } }
      pageInfo { hasNextPage endCursor }
    }
    ... on UnknownQuery { name message }
    ... on InvalidParameter { parameter message }
    ... on QueryFailed { code message }
  }
}
"""


async def run(gql: SchemaRunner, **variables: Any) -> dict[str, Any]:
    result = await gql(RUN, **variables)
    assert result.errors is None, result.errors
    data: dict[str, Any] = result.data["runSavedQuery"]
    return data


async def test_catalogue_lists_parameters_columns_and_hash(gql: SchemaRunner) -> None:
    result = await gql(LIST)
    assert result.errors is None, result.errors
    queries = {q["name"]: q for q in result.data["savedQueries"]}
    assert len(queries) >= 12
    network = queries["coauthor_network"]
    assert len(network["hash"]) == 64 and "MATCH" in network["cypher"]
    params = {p["name"]: p for p in network["parameters"]}
    assert params["researcher"] == {
        "name": "researcher",
        "type": "String",
        "description": "the researcher's id, e.g. seed:borui-zhao or A5003862560",
        "required": True,
        "default": None,
        "range": None,
        "minimum": None,
        "maximum": None,
        "allowed": None,
    }
    assert (params["limit"]["default"], params["limit"]["range"]) == (25, "1..1000")
    assert (params["limit"]["minimum"], params["limit"]["maximum"]) == (1, 1000)
    level = {p["name"]: p for p in queries["topic_trends"]["parameters"]}["level"]
    assert level["allowed"] == ["topic", "subfield", "field", "domain"]
    assert [c["name"] for c in network["columns"]][:3] == [
        "coauthorId",
        "coauthorName",
        "sharedWorks",
    ]


async def test_run_is_typed_and_paged(gql: SchemaRunner) -> None:
    first = await run(gql, name="venues_by_topic", params={"topic": "T10036"}, first=3)
    assert first["__typename"] == "SavedQueryRows"
    assert first["parameters"] == {"topic": "T10036", "primaryOnly": False, "limit": 20}
    assert (first["totalCount"], first["truncated"]) == (4, False)
    assert [r["values"]["venueName"] for r in first["rows"]] == ["arXiv", "CVPR 2022", "ECCV 2022"]
    cells = {c["column"]: c for c in first["rows"][0]["cells"]}
    assert cells["venueName"]["string"] == "arXiv" and cells["venueName"]["int"] is None
    assert cells["works"]["int"] == 5 and cells["works"]["string"] is None
    assert first["pageInfo"]["hasNextPage"] is True
    rest = await run(
        gql,
        name="venues_by_topic",
        params={"topic": "T10036"},
        first=3,
        after=first["pageInfo"]["endCursor"],
    )
    assert [r["values"]["venueName"] for r in rest["rows"]] == ["NeurIPS 2022"]
    assert rest["pageInfo"]["hasNextPage"] is False
    # A cursor belongs to one query version and one set of parameters.
    other = await gql(
        RUN,
        name="venues_by_topic",
        params={"topic": "T11307"},
        after=first["pageInfo"]["endCursor"],
    )
    assert other.errors and other.errors[0].extensions["argument"] == "after"


async def test_a_cursor_whose_offset_is_not_ascii_digits(gql: SchemaRunner) -> None:
    """ "²" passes str.isdigit() but not int(): still the caller's bad cursor."""
    first = await run(gql, name="venues_by_topic", params={"topic": "T10036"}, first=3)
    run_key = json.loads(base64.urlsafe_b64decode(first["pageInfo"]["endCursor"]))["run"]
    forged = base64.urlsafe_b64encode(
        json.dumps({"run": run_key, "offset": "\u00b2"}).encode()
    ).decode()
    result = await gql(RUN, name="venues_by_topic", params={"topic": "T10036"}, after=forged)
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT", "argument": "after"}


async def test_list_and_float_cells(gql: SchemaRunner) -> None:
    path = await run(
        gql,
        name="collaboration_path",
        params={"from": "seed:shihao-zhou", "to": "seed:osamu-yoshie"},
    )
    cells = {c["column"]: c for c in path["rows"][0]["cells"]}
    assert cells["paperIds"]["strings"] == ["arxiv:2203.03253", "arxiv:2203.03871"]
    network = await run(gql, name="coauthor_network", params={"researcher": "seed:borui-zhao"})
    top = {c["column"]: c for c in network["rows"][0]["cells"]}
    assert top["strength"]["float"] == 0.7857


async def test_unknown_query_is_a_result_type(gql: SchemaRunner) -> None:
    data = await run(gql, name="MATCH (n) DETACH DELETE n")
    assert data["__typename"] == "UnknownQuery"
    assert data["name"] == "MATCH (n) DETACH DELETE n"
    assert "no saved query named" in data["message"]


async def test_wrong_parameter_type_names_the_parameter(gql: SchemaRunner) -> None:
    data = await run(
        gql, name="coauthor_network", params={"researcher": "seed:borui-zhao", "limit": "ten"}
    )
    assert data == {
        "__typename": "InvalidParameter",
        "parameter": "limit",
        "message": "parameter 'limit': expected Int, got str 'ten'",
    }
    unknown = await run(gql, name="coauthor_network", params={"researcher": "x", "hops": 2})
    assert (unknown["__typename"], unknown["parameter"]) == ("InvalidParameter", "hops")
    not_object = await run(gql, name="coauthor_network", params=[1, 2])
    assert (not_object["__typename"], not_object["parameter"]) == ("InvalidParameter", "params")
    assert gql.round_trips == 0


async def test_over_http(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        json={
            "query": RUN,
            "variables": {"name": "institution_top_researchers", "params": {"institution": "x"}},
        },
    )
    assert response.status_code == 200
    body = response.json()["data"]["runSavedQuery"]
    assert (body["__typename"], body["totalCount"], body["rows"]) == ("SavedQueryRows", 0, [])


async def test_saved_queries_beyond_the_slots_are_refused_at_once(
    seeded: AsyncDriver, settings: Settings
) -> None:
    app = create_app(settings)
    body = {
        "query": RUN,
        "variables": {"name": "institution_top_researchers", "params": {"institution": "x"}},
    }
    async with app.router.lifespan_context(app):
        slots: asyncio.Semaphore = app.state.analyst_slots
        held = 0
        while not slots.locked():  # as if that many slow saved queries were running
            await slots.acquire()
            held += 1
        assert held == settings.neo4j.max_pool_size // 2  # the pages keep the other half
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            busy = (await http.post("/graphql", json=body)).json()["data"]["runSavedQuery"]
            assert busy == {"__typename": "QueryFailed", "code": "BUSY", "message": BUSY_MESSAGE}
            page = await http.post("/graphql", json={"query": '{ researcher(id: "x") { id } }'})
            assert page.json() == {"data": {"researcher": None}}  # other requests unaffected
            slots.release()
            ran = (await http.post("/graphql", json=body)).json()["data"]["runSavedQuery"]
            assert ran["__typename"] == "SavedQueryRows"


async def test_one_address_runs_few_saved_queries_at_once(gql: SchemaRunner) -> None:
    # As if this address (in-process callers are "local") had PER_CLIENT runs under way.
    async with AsyncExitStack() as running:
        for _ in range(PER_CLIENT):
            await running.enter_async_context(RUNNING.hold("local", PER_CLIENT))
        busy = await run(gql, name="institution_top_researchers", params={"institution": "x"})
        assert busy == {"__typename": "QueryFailed", "code": "BUSY", "message": BUSY_PER_CLIENT}
        assert gql.round_trips == 0
        async with RUNNING.hold("10.0.0.2", PER_CLIENT):  # another address is not held back
            assert RUNNING.counts == {"local": PER_CLIENT, "10.0.0.2": 1}
    ran = await run(gql, name="institution_top_researchers", params={"institution": "x"})
    assert ran["__typename"] == "SavedQueryRows"


async def test_a_write_comes_back_as_query_failed(
    gql: SchemaRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sneaky_write.cypher").write_text(
        "// @query sneaky_write\n// Tries to write.\n// @column id: String -- created id\n"
        "CREATE (n:Probe {id: 'p'}) RETURN n.id AS id\n"
    )
    monkeypatch.setattr(catalogue, "default_catalogue", lambda: catalogue.Catalogue(tmp_path))
    data = await run(gql, name="sneaky_write")
    assert data["__typename"] == "QueryFailed" and data["code"] == "READ_ONLY"
    assert "may only read" in data["message"]


def test_ints_beyond_32_bits_travel_as_float() -> None:
    query = catalogue.default_catalogue().get("coauthor_network")
    result = Result(query, {}, query.columns, [["a", "A", 2**40, 0.5, 2022]], False, 0.0)
    (row,) = _rows(result, 0, 10)
    cells = {c.column: c for c in row.cells}
    assert (cells["sharedWorks"].int_value, cells["sharedWorks"].float_value) == (None, 2.0**40)
    assert cells["lastYear"].int_value == 2022
