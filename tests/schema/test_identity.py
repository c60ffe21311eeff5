"""Accounts and sessions over GraphQL: sign up, log in, log out, tokens, throttling.

Every call here comes from one in-process client ("local"); per-client and per-account
throttling across addresses is in tests/identity/test_throttle.py.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

from service.graph import Graph
from service.identity import accounts, login
from service.identity.clock import utc_now
from service.identity.throttle import Client
from tests.conftest import SchemaRunner
from tests.schema.people import PASSWORD, person

SIGN_UP = """mutation($email: String!, $password: String!, $name: String!) {
  signUp(email: $email, password: $password, displayName: $name) {
    __typename
    ... on AuthPayload { token expiresAt viewer { id email displayName isAdmin } }
    ... on ValidationError { field message }
  } }"""
LOG_IN = """mutation($email: String!, $password: String!) {
  logIn(email: $email, password: $password) {
    __typename
    ... on AuthPayload { token viewer { email } }
    ... on RateLimited { retryAfterSeconds message }
  } }"""
VIEWER = "query { viewer { id email displayName isAdmin } }"
LOG_OUT = "mutation { logOut { __typename } }"


async def test_sign_up_then_viewer(gql: SchemaRunner) -> None:
    result = await gql(SIGN_UP, email="Ada@Example.org", password=PASSWORD, name="Ada")
    assert result.errors is None, result.errors
    payload = result.data["signUp"]
    assert payload["__typename"] == "AuthPayload"
    assert payload["viewer"]["email"] == "ada@example.org"
    assert payload["viewer"]["isAdmin"] is False
    me = await gql(VIEWER, as_token=payload["token"])
    assert me.data["viewer"]["email"] == "ada@example.org"


async def test_password_is_stored_as_argon2id(gql: SchemaRunner) -> None:
    await person(gql, "hashed")
    async with gql.driver.session() as session:
        record = await (
            await session.run("MATCH (u:User {email: 'hashed@example.org'}) RETURN u")
        ).single()
    assert record is not None
    stored = record["u"]["passwordHash"]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


async def test_sign_up_validation(gql: SchemaRunner) -> None:
    short = await gql(SIGN_UP, email="a@example.org", password="short", name="A")
    assert short.data["signUp"] == {
        "__typename": "ValidationError",
        "field": "password",
        "message": "password must be at least 10 characters",
    }
    bad = await gql(SIGN_UP, email="not-an-email", password=PASSWORD, name="A")
    assert bad.data["signUp"]["field"] == "email"
    await person(gql, "taken")
    again = await gql(SIGN_UP, email="taken@example.org", password=PASSWORD, name="B")
    assert again.data["signUp"]["field"] == "email"
    assert "already exists" in again.data["signUp"]["message"]


async def test_log_in_right_and_wrong_password(gql: SchemaRunner) -> None:
    await person(gql, "lin")
    wrong = await gql(LOG_IN, email="lin@example.org", password="not the password")
    assert wrong.data["logIn"]["__typename"] == "InvalidCredentials"
    unknown = await gql(LOG_IN, email="nobody@example.org", password=PASSWORD)
    assert unknown.data["logIn"]["__typename"] == "InvalidCredentials"
    right = await gql(LOG_IN, email="LIN@example.org", password=PASSWORD)
    assert right.data["logIn"]["__typename"] == "AuthPayload"
    me = await gql(VIEWER, as_token=right.data["logIn"]["token"])
    assert me.data["viewer"]["email"] == "lin@example.org"


async def test_the_guessing_client_waits_even_with_the_right_password(gql: SchemaRunner) -> None:
    await person(gql, "guessed")
    for _ in range(gql.settings.auth.login_free_attempts + 1):
        wrong = await gql(LOG_IN, email="guessed@example.org", password="guess guess guess")
        assert wrong.data["logIn"]["__typename"] == "InvalidCredentials"
    blocked = await gql(LOG_IN, email="guessed@example.org", password=PASSWORD)
    assert blocked.data["logIn"]["__typename"] == "RateLimited"
    assert blocked.data["logIn"]["retryAfterSeconds"] == gql.settings.auth.login_backoff_s


async def test_the_delay_ends_and_lets_the_owner_back_in(gql: SchemaRunner) -> None:
    await person(gql, "later")
    graph = Graph(gql.driver, gql.settings.neo4j)
    auth = gql.settings.auth
    here = Client("local")
    start = utc_now()
    for _ in range(auth.login_free_attempts + 2):
        with contextlib.suppress(accounts.Refused):
            await login.log_in(
                graph, auth, email="later@example.org", password="x", client=here, now=start
            )
    after = start + timedelta(seconds=auth.login_backoff_s + 1)
    session = await login.log_in(
        graph, auth, email="later@example.org", password=PASSWORD, client=here, now=after
    )
    assert session.user.email == "later@example.org"


async def test_log_out_invalidates_the_token(gql: SchemaRunner) -> None:
    me = await person(gql, "leaving")
    assert (await gql(VIEWER, as_token=me.token)).data["viewer"]["id"] == me.id
    out = await gql(LOG_OUT, as_token=me.token)
    assert out.data["logOut"]["__typename"] == "LoggedOut"
    assert (await gql(VIEWER, as_token=me.token)).data["viewer"] is None
    again = await gql(LOG_OUT, as_token=me.token)
    assert again.data["logOut"]["__typename"] == "NotAuthenticated"


async def test_tampered_and_expired_tokens_name_nobody(gql: SchemaRunner) -> None:
    me = await person(gql, "tokens")
    tampered = me.token[:-1] + ("A" if me.token[-1] != "A" else "B")
    assert (await gql(VIEWER, as_token=tampered)).data["viewer"] is None
    assert (await gql(VIEWER, as_token="x" * 5000)).data["viewer"] is None
    graph = Graph(gql.driver, gql.settings.neo4j)
    user = await accounts.user_for_token(graph, me.token, utc_now())
    assert user is not None
    old = await accounts.open_session(
        graph, gql.settings.auth, user, utc_now() - timedelta(days=30)
    )
    assert old.expires_at < utc_now()
    assert (await gql(VIEWER, as_token=old.token)).data["viewer"] is None
    assert await accounts.user_for_token(graph, old.token, utc_now()) is None


async def test_anonymous_viewer_is_null(gql: SchemaRunner) -> None:
    result = await gql(VIEWER)
    assert result.errors is None
    assert result.data == {"viewer": None}
