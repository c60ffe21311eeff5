"""Sessions over HTTP: the HttpOnly cookie for browsers, the bearer token for API clients."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from neo4j import AsyncDriver
from service.app import create_app
from service.guards import CSRF_COOKIE
from service.identity.mailer import ConsoleSender
from service.settings import Settings

SIGN_UP = """mutation { signUp(email: "web@example.org", password: "correct horse battery",
  displayName: "Web") { __typename } }"""
CONFIRM = """mutation($code: String!) { confirmSignUp(email: "web@example.org", code: $code,
  password: "correct horse battery") { __typename ... on AuthPayload { token } } }"""
VIEWER = "query { viewer { email } }"
LOG_OUT = "mutation { logOut { __typename } }"


@pytest.fixture
async def mail() -> ConsoleSender:
    return ConsoleSender(stream=io.StringIO())


@pytest.fixture
async def client(
    seeded: AsyncDriver, settings: Settings, mail: ConsoleSender
) -> AsyncIterator[httpx.AsyncClient]:
    """The whole app over HTTP, its mail kept in `mail` so the sign-up code can be read."""
    app = create_app(settings, sender=mail)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def post(client: httpx.AsyncClient, query: str, **variables: Any) -> Any:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response


async def signed_up(client: httpx.AsyncClient, mail: ConsoleSender) -> httpx.Response:
    started = await post(client, SIGN_UP)
    assert started.json()["data"]["signUp"]["__typename"] == "SignUpStarted"
    assert "set-cookie" not in started.headers  # nothing to log in to yet
    code = mail.last_code("web@example.org")
    assert code is not None
    confirmed: httpx.Response = await post(client, CONFIRM, code=code)
    assert confirmed.json()["data"]["confirmSignUp"]["__typename"] == "AuthPayload"
    return confirmed


async def test_cookie_session_for_browsers(client: httpx.AsyncClient, mail: ConsoleSender) -> None:
    # As the pages' scripts do: the CSRF cookie's value in the header (service/guards.py).
    client.cookies.set(CSRF_COOKIE, "token")
    client.headers["x-csrf-token"] = "token"
    signed = await signed_up(client, mail)
    cookies = signed.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("scholar_session="))
    assert "HttpOnly" in session and "SameSite=lax" in session and "Path=/" in session
    assert any(c.startswith("scholar_device=") for c in cookies)
    # httpx keeps the cookie like a browser would.
    me = (await post(client, VIEWER)).json()
    assert me["data"]["viewer"] == {"email": "web@example.org"}
    out = await post(client, LOG_OUT)
    assert out.json()["data"]["logOut"]["__typename"] == "LoggedOut"
    assert (
        'scholar_session=""' in out.headers["set-cookie"]
        or "Max-Age=0" in out.headers["set-cookie"]
    )
    assert "scholar_device" not in out.headers["set-cookie"]  # the device stays known
    client.cookies.delete("scholar_session")
    assert (await post(client, VIEWER)).json()["data"]["viewer"] is None


async def test_bearer_token_for_api_clients(client: httpx.AsyncClient, mail: ConsoleSender) -> None:
    token = (await signed_up(client, mail)).json()["data"]["confirmSignUp"]["token"]
    client.cookies.clear()
    auth = {"authorization": f"Bearer {token}"}
    me = (await client.post("/graphql", json={"query": VIEWER}, headers=auth)).json()
    assert me["data"]["viewer"] == {"email": "web@example.org"}
    await client.post("/graphql", json={"query": LOG_OUT}, headers=auth)
    gone = (await client.post("/graphql", json={"query": VIEWER}, headers=auth)).json()
    assert gone["data"]["viewer"] is None
    tampered = {"authorization": f"Bearer {token}x"}
    nobody = (await client.post("/graphql", json={"query": VIEWER}, headers=tampered)).json()
    assert nobody["data"]["viewer"] is None
