"""Accounts and sessions over GraphQL: sign up in two steps, log in, log out, tokens, throttling.

Every call here comes from one in-process client ("local"); per-client and per-account
throttling across addresses is in tests/identity/test_throttle.py.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any

from service.graph import Graph
from service.identity import accounts, login
from service.identity.clock import utc_now
from service.identity.throttle import Client
from tests.conftest import SchemaRunner
from tests.schema.people import PASSWORD, person

SIGN_UP = """mutation($email: String!, $password: String!, $name: String!) {
  signUp(email: $email, password: $password, displayName: $name) {
    __typename
    ... on SignUpStarted { email expiresAt }
    ... on ValidationError { field message }
    ... on RateLimited { retryAfterSeconds message }
  } }"""
CONFIRM = """mutation($email: String!, $code: String!, $password: String!) {
  confirmSignUp(email: $email, code: $code, password: $password) {
    __typename
    ... on AuthPayload { token expiresAt viewer { id email displayName isAdmin } }
    ... on InvalidCode { message }
  } }"""
LOG_IN = """mutation($email: String!, $password: String!) {
  logIn(email: $email, password: $password) {
    __typename
    ... on AuthPayload { token viewer { email } }
    ... on RateLimited { retryAfterSeconds message }
  } }"""
VIEWER = "query { viewer { id email displayName isAdmin } }"
LOG_OUT = "mutation { logOut { __typename } }"


async def sign_up(
    gql: SchemaRunner, email: str, password: str = PASSWORD, name: str = "A"
) -> dict[str, Any]:
    result = await gql(SIGN_UP, email=email, password=password, name=name)
    assert result.errors is None, result.errors
    return dict(result.data["signUp"])


async def confirm(
    gql: SchemaRunner, email: str, code: str, password: str = PASSWORD
) -> dict[str, Any]:
    result = await gql(CONFIRM, email=email, code=code, password=password)
    assert result.errors is None, result.errors
    return dict(result.data["confirmSignUp"])


async def test_sign_up_confirm_then_viewer(gql: SchemaRunner) -> None:
    started = await sign_up(gql, " Ada@Example.org", name="Ada")
    assert started["__typename"] == "SignUpStarted"
    assert started["email"] == "ada@example.org"
    # Nothing exists until the code comes back.
    assert (await gql(LOG_IN, email="ada@example.org", password=PASSWORD)).data["logIn"][
        "__typename"
    ] == "InvalidCredentials"
    code = gql.sender.last_code("ada@example.org")
    assert code is not None
    payload = await confirm(gql, "ADA@example.org", code)
    assert payload["__typename"] == "AuthPayload"
    assert payload["viewer"]["email"] == "ada@example.org"
    assert payload["viewer"]["displayName"] == "Ada"
    assert payload["viewer"]["isAdmin"] is False
    me = await gql(VIEWER, as_token=payload["token"])
    assert me.data["viewer"]["email"] == "ada@example.org"
    # The code is spent.
    assert (await confirm(gql, "ada@example.org", code))["__typename"] == "InvalidCode"
    right = await gql(LOG_IN, email="ada@example.org", password=PASSWORD)
    assert right.data["logIn"]["__typename"] == "AuthPayload"


async def test_sign_up_answers_the_same_for_an_email_that_has_an_account(
    gql: SchemaRunner,
) -> None:
    await person(gql, "taken")
    taken = await sign_up(gql, "taken@example.org")
    fresh = await sign_up(gql, "fresh@example.org")
    assert set(taken) == set(fresh) == {"__typename", "email", "expiresAt"}
    assert taken["__typename"] == fresh["__typename"] == "SignUpStarted"
    # The owner of the address hears about it; nobody gets a code for it.
    assert gql.sender.last_code("taken@example.org") is None
    assert [n.email for n in gql.sender.notices] == ["taken@example.org"]
    assert "already has an account" in gql.sender.notices[0].text
    # Confirming fails exactly as a wrong code for a real sign-up does.
    assert await confirm(gql, "taken@example.org", "123456") == await confirm(
        gql, "fresh@example.org", "not the code"
    )


async def test_sign_up_validation(gql: SchemaRunner) -> None:
    short = await sign_up(gql, "a@example.org", password="short")
    assert short == {
        "__typename": "ValidationError",
        "field": "password",
        "message": "password must be at least 10 characters",
    }
    assert (await sign_up(gql, "not-an-email"))["field"] == "email"
    assert (await sign_up(gql, "a@example.org", name=" "))["field"] == "displayName"
    assert gql.sender.outbox == []


async def test_wrong_codes_are_bounded(gql: SchemaRunner) -> None:
    await sign_up(gql, "guess@example.org")
    code = gql.sender.last_code("guess@example.org")
    assert code is not None
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(gql.settings.auth.email_code_max_attempts):
        assert (await confirm(gql, "guess@example.org", wrong))["__typename"] == "InvalidCode"
    assert (await confirm(gql, "guess@example.org", code))["__typename"] == "InvalidCode"


async def test_a_repeat_sign_up_replaces_the_code_and_the_password(gql: SchemaRunner) -> None:
    await sign_up(gql, "again@example.org", password="first password")
    first = gql.sender.last_code("again@example.org")
    await sign_up(gql, "again@example.org", password="second password", name="B")
    second = gql.sender.last_code("again@example.org")
    assert first is not None and second is not None
    if first != second:
        assert (await confirm(gql, "again@example.org", first))["__typename"] == "InvalidCode"
    done = await confirm(gql, "again@example.org", second, password="second password")
    assert done["__typename"] == "AuthPayload" and done["viewer"]["displayName"] == "B"
    answer = await gql(LOG_IN, email="again@example.org", password="second password")
    assert answer.data["logIn"]["__typename"] == "AuthPayload"


async def test_sign_ups_are_limited_per_client(gql: SchemaRunner) -> None:
    limit = gql.settings.auth.sign_ups_per_client
    for n in range(limit):
        assert (await sign_up(gql, f"n{n}@example.org"))["__typename"] == "SignUpStarted"
    refused = await sign_up(gql, "one-more@example.org")
    assert refused["__typename"] == "RateLimited"
    assert 0 < refused["retryAfterSeconds"] <= 3600
    assert gql.sender.last_code("one-more@example.org") is None


async def test_password_is_stored_as_argon2id(gql: SchemaRunner) -> None:
    await sign_up(gql, "hashed@example.org")
    code = gql.sender.last_code("hashed@example.org")
    assert code is not None
    await confirm(gql, "hashed@example.org", code)
    async with gql.driver.session() as session:
        record = await (
            await session.run("MATCH (u:User {email: 'hashed@example.org'}) RETURN u")
        ).single()
    assert record is not None
    stored = record["u"]["passwordHash"]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


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
