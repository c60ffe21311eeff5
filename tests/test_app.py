"""The whole app over HTTP: health, readiness, GraphiQL, limits and failure modes."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from service.app import create_app
from service.seed import SEED_RESEARCHER_ID
from service.settings import Neo4jSettings, Settings


async def post(client: httpx.AsyncClient, query: str, **variables: object) -> httpx.Response:
    return await client.post("/graphql", json={"query": query, "variables": variables})


@pytest.fixture
async def down_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app configured for a Neo4j that is not there (a closed port)."""
    dead = settings.model_copy(
        update={
            "neo4j": Neo4jSettings(
                uri="bolt://127.0.0.1:9", password=settings.neo4j.password, connect_timeout_s=1
            )
        }
    )
    app = create_app(dead)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}


async def test_graphiql_is_served(client: httpx.AsyncClient) -> None:
    page = await client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()


async def test_profile_over_http(client: httpx.AsyncClient) -> None:
    response = await post(
        client,
        "query($id: ID!) { researcher(id: $id) { name "
        "trust { label verificationLevel } counts { works } } }",
        id=SEED_RESEARCHER_ID,
    )
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "researcher": {
                "name": "Borui Zhao",
                "trust": {"label": "Unverified", "verificationLevel": 1},
                "counts": {"works": 5},
            }
        }
    }


async def test_invalid_graphql_is_a_clear_error(client: httpx.AsyncClient) -> None:
    # GraphQL over HTTP with application/json: 200, no data, the parser's message and location.
    body = (await post(client, "query { researcher(id: ")).json()
    assert body.get("data") is None
    assert body["errors"][0]["message"] == "Syntax Error: Unexpected <EOF>."
    assert body["errors"][0]["locations"] == [{"line": 1, "column": 24}]


async def test_unknown_field_is_rejected(client: httpx.AsyncClient) -> None:
    response = await post(client, 'query { researcher(id: "x") { salary } }')
    body = response.json()
    assert "Cannot query field 'salary' on type 'Researcher'" in body["errors"][0]["message"]


async def test_too_deep_document_is_rejected(client: httpx.AsyncClient) -> None:
    nested = (
        "works { edges { node { authors { closeCollaborators { researcher { "
        "works { edges { node { authors { id } } } } } } } } } }"
    )
    response = await post(
        client, f'query {{ researcher(id: "{SEED_RESEARCHER_ID}") {{ {nested} }} }}'
    )
    body = response.json()
    assert body["data"] is None
    assert "exceeds maximum operation depth of 10" in body["errors"][0]["message"]


async def test_too_many_aliases_are_rejected(client: httpx.AsyncClient) -> None:
    aliases = " ".join(f'a{i}: researcher(id: "x{i}") {{ id }}' for i in range(20))
    body = (await post(client, f"query {{ {aliases} }}")).json()
    assert body["errors"][0]["message"] == "20 aliases found. Allowed: 15"


async def test_too_many_tokens_are_rejected(client: httpx.AsyncClient) -> None:
    fields = " ".join(["id"] * 2100)
    body = (await post(client, f'query {{ researcher(id: "x") {{ {fields} }} }}')).json()
    assert "more than 2000 tokens" in body["errors"][0]["message"]


async def test_oversized_body_is_413(client: httpx.AsyncClient) -> None:
    response = await post(client, "query { __typename }", padding="x" * 70_000)
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_neo4j_down_gives_clear_error_and_503(down_client: httpx.AsyncClient) -> None:
    ready = await down_client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["status"] == "unavailable"
    body = (await post(down_client, 'query { researcher(id: "x") { id } }')).json()
    error = body["errors"][0]
    assert error["message"] == "the graph database is unavailable; try again shortly"
    assert error["extensions"] == {"code": "DATABASE_UNAVAILABLE"}
    assert "Traceback" not in str(body)
