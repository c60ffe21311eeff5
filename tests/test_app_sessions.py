"""Sessions over HTTP: the HttpOnly cookie for browsers, the bearer token for API clients."""

from __future__ import annotations

from typing import Any

import httpx

from service.guards import CSRF_COOKIE

SIGN_UP = """mutation { signUp(email: "web@example.org", password: "correct horse battery",
  displayName: "Web") { __typename ... on AuthPayload { token } } }"""
VIEWER = "query { viewer { email } }"
LOG_OUT = "mutation { logOut { __typename } }"


async def post(client: httpx.AsyncClient, query: str, **headers: str) -> Any:
    response = await client.post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    return response


async def test_cookie_session_for_browsers(client: httpx.AsyncClient) -> None:
    # As the pages' scripts do: the CSRF cookie's value in the header (service/guards.py).
    client.cookies.set(CSRF_COOKIE, "token")
    client.headers["x-csrf-token"] = "token"
    signed = await post(client, SIGN_UP)
    cookie = signed.headers["set-cookie"]
    assert cookie.startswith("scholar_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    # httpx keeps the cookie like a browser would.
    me = (await post(client, VIEWER)).json()
    assert me["data"]["viewer"] == {"email": "web@example.org"}
    out = await post(client, LOG_OUT)
    assert out.json()["data"]["logOut"]["__typename"] == "LoggedOut"
    assert (
        'scholar_session=""' in out.headers["set-cookie"]
        or "Max-Age=0" in out.headers["set-cookie"]
    )
    client.cookies.clear()
    assert (await post(client, VIEWER)).json()["data"]["viewer"] is None


async def test_bearer_token_for_api_clients(client: httpx.AsyncClient) -> None:
    token = (await post(client, SIGN_UP)).json()["data"]["signUp"]["token"]
    client.cookies.clear()
    auth = {"authorization": f"Bearer {token}"}
    me = (await post(client, VIEWER, **auth)).json()
    assert me["data"]["viewer"] == {"email": "web@example.org"}
    await post(client, LOG_OUT, **auth)
    assert (await post(client, VIEWER, **auth)).json()["data"]["viewer"] is None
    tampered = {"authorization": f"Bearer {token}x"}
    assert (await post(client, VIEWER, **tampered)).json()["data"]["viewer"] is None
