"""Cross-site requests never act: GraphQL wants JSON and, for cookie sessions, the CSRF header;
page forms want their CSRF token and a same-site origin. CORS is closed unless configured."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from neo4j import AsyncDriver
from service.app import create_app
from service.graph import Graph
from service.guards import CSRF_COOKIE
from service.seed import SEED_RESEARCHER_ID
from service.settings import ServerSettings, Settings
from tests.schema.people import account

FOLLOW = 'mutation { followResearcher(researcherId: "seed:borui-zhao") { __typename } }'
FOLLOWERS = 'query { researcher(id: "seed:borui-zhao") { counts { followers } } }'
TOKEN = "t" * 43


@pytest.fixture
async def browser_like(client: httpx.AsyncClient, settings: Settings) -> httpx.AsyncClient:
    """A client holding a logged-in user's session cookie and a CSRF cookie, like a browser."""
    graph = Graph(client._transport.app.state.driver, settings.neo4j)  # type: ignore[attr-defined]
    session = await account(graph, settings.auth, "victim@example.org", "Victim")
    client.cookies.set(settings.auth.cookie_name, session.token)
    client.cookies.set(CSRF_COOKIE, TOKEN)
    return client


async def followers(client: httpx.AsyncClient) -> int:
    answer = await client.post(
        "/graphql", json={"query": FOLLOWERS}, headers={"x-csrf-token": TOKEN}
    )
    return int(answer.json()["data"]["researcher"]["counts"]["followers"])


async def test_a_text_plain_post_is_refused_and_does_nothing(
    browser_like: httpx.AsyncClient,
) -> None:
    answer = await browser_like.post(
        "/graphql",
        content=f'{{"query": "{FOLLOW.replace(chr(34), chr(92) + chr(34))}"}}',
        headers={"content-type": "text/plain", "x-csrf-token": TOKEN},
    )
    assert answer.status_code == 415
    assert answer.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert await followers(browser_like) == 0


async def test_a_cookie_session_without_the_csrf_header_is_refused(
    browser_like: httpx.AsyncClient,
) -> None:
    answer = await browser_like.post("/graphql", json={"query": FOLLOW})
    assert answer.status_code == 403
    assert answer.json()["errors"][0]["extensions"]["code"] == "CSRF"
    wrong = await browser_like.post(
        "/graphql", json={"query": FOLLOW}, headers={"x-csrf-token": "guessed"}
    )
    assert wrong.status_code == 403
    assert await followers(browser_like) == 0
    right = await browser_like.post(
        "/graphql", json={"query": FOLLOW}, headers={"x-csrf-token": TOKEN}
    )
    assert right.json()["data"]["followResearcher"]["__typename"] == "FollowSuccess"
    assert await followers(browser_like) == 1


async def test_bearer_clients_need_no_csrf_header(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    graph = Graph(client._transport.app.state.driver, settings.neo4j)  # type: ignore[attr-defined]
    session = await account(graph, settings.auth, "api@example.org", "API")
    answer = await client.post(
        "/graphql",
        json={"query": FOLLOW},
        headers={"authorization": f"Bearer {session.token}"},
    )
    assert answer.json()["data"]["followResearcher"]["__typename"] == "FollowSuccess"


async def test_a_forged_form_does_not_act(browser_like: httpx.AsyncClient) -> None:
    path = f"/researchers/{SEED_RESEARCHER_ID}/follow"
    missing = await browser_like.post(path, data={})
    assert missing.status_code == 403
    forged = await browser_like.post(path, data={"csrf": "guessed"})
    assert forged.status_code == 403
    other_site = await browser_like.post(
        path, data={"csrf": TOKEN}, headers={"origin": "https://evil.example"}
    )
    assert other_site.status_code == 403
    assert await followers(browser_like) == 0
    ours = await browser_like.post(path, data={"csrf": TOKEN}, headers={"origin": "http://test"})
    assert ours.status_code == 303
    assert await followers(browser_like) == 1


async def test_pages_set_the_csrf_cookie_for_their_forms(client: httpx.AsyncClient) -> None:
    page = await client.get("/login")
    cookie = page.headers["set-cookie"]
    assert cookie.startswith(f"{CSRF_COOKIE}=") and "SameSite=strict" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    assert f'name="csrf" value="{token}"' in page.text


async def test_cors_is_closed_by_default(client: httpx.AsyncClient) -> None:
    answer = await client.options(
        "/graphql",
        headers={"origin": "https://ui.example", "access-control-request-method": "POST"},
    )
    assert "access-control-allow-origin" not in answer.headers


@pytest.fixture
async def cors_client(seeded: AsyncDriver, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        settings.model_copy(update={"server": ServerSettings(cors_origins=["https://ui.example"])})
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def test_cors_allows_the_configured_origins_only(cors_client: httpx.AsyncClient) -> None:
    preflight = {
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
    }
    allowed = await cors_client.options(
        "/graphql", headers={"origin": "https://ui.example", **preflight}
    )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://ui.example"
    assert "access-control-allow-credentials" not in allowed.headers
    refused = await cors_client.options(
        "/graphql", headers={"origin": "https://evil.example", **preflight}
    )
    assert refused.headers.get("access-control-allow-origin") != "https://evil.example"
