"""Log in against the real graph: a refused or throttled attempt logs one line, never the email.

The throttling itself is in test_throttle.py; the GraphQL shape in tests/schema/test_identity.py.
"""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest

from service.graph import Graph
from service.identity import login, passwords
from service.identity.accounts import Refused, Throttled
from service.identity.clock import utc_now
from service.identity.throttle import Client, account_key
from tests.conftest import SchemaRunner
from tests.schema.people import PASSWORD, count, person

EMAIL = "owner@example.org"


def service_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("service")]


async def test_a_refused_log_in_logs_one_line_without_the_email(
    gql: SchemaRunner, caplog: pytest.LogCaptureFixture
) -> None:
    await person(gql, "owner")
    graph = Graph(gql.driver, gql.settings.neo4j)
    caplog.set_level(logging.INFO)
    with pytest.raises(Refused):
        await login.log_in(
            graph,
            gql.settings.auth,
            email=" Owner@Example.org",
            password="wrong wrong wrong",
            client=Client("203.0.113.9"),
            now=utc_now(),
        )
    assert service_lines(caplog) == [
        f"log in refused for account {account_key(EMAIL)[:8]} from 203.0.113.9: "
        "wrong email or password"
    ]
    assert not [r for r in caplog.records if r.exc_info]


async def test_a_throttled_log_in_logs_one_line_without_the_email(
    gql: SchemaRunner, caplog: pytest.LogCaptureFixture
) -> None:
    await person(gql, "owner")
    graph = Graph(gql.driver, gql.settings.neo4j)
    auth = gql.settings.auth
    now = utc_now()
    for _ in range(auth.login_free_attempts + 1):
        with pytest.raises(Refused):
            await login.log_in(
                graph, auth, email=EMAIL, password="x", client=Client("203.0.113.9"), now=now
            )
    caplog.set_level(logging.INFO)
    with pytest.raises(Throttled):
        await login.log_in(
            graph, auth, email=EMAIL, password=PASSWORD, client=Client("203.0.113.9"), now=now
        )
    [line] = service_lines(caplog)
    assert line.startswith(f"log in refused for account {account_key(EMAIL)[:8]} from 203.0.113.9")
    assert "try again in 2 seconds" in line and "owner" not in line
    assert not [r for r in caplog.records if r.exc_info]


async def test_a_successful_log_in_logs_nothing(
    gql: SchemaRunner, caplog: pytest.LogCaptureFixture
) -> None:
    await person(gql, "owner")
    caplog.set_level(logging.INFO)
    session = await login.log_in(
        Graph(gql.driver, gql.settings.neo4j),
        gql.settings.auth,
        email=EMAIL,
        password=PASSWORD,
        client=Client("203.0.113.9"),
        now=utc_now(),
    )
    assert session.user.email == EMAIL and session.device
    assert service_lines(caplog) == []


async def test_one_address_has_few_log_ins_under_way_at_once(gql: SchemaRunner) -> None:
    await person(gql, "owner")
    graph = Graph(gql.driver, gql.settings.neo4j)
    auth = gql.settings.auth.model_copy(update={"in_flight_per_client": 2})

    async def attempt(address: str) -> str:
        try:
            await login.log_in(
                graph, auth, email=EMAIL, password=PASSWORD, client=Client(address), now=utc_now()
            )
        except Throttled as exc:
            return exc.message
        return "in"

    crowd = await asyncio.gather(*(attempt("203.0.113.9") for _ in range(3)), attempt("192.0.2.1"))
    assert crowd == [
        "in",
        "in",
        "too many requests at once from this address; try again shortly",
        "in",
    ]
    assert await attempt("203.0.113.9") == "in"  # places come back


async def test_with_hashing_saturated_a_log_in_is_refused_before_any_write(
    gql: SchemaRunner,
) -> None:
    graph = Graph(gql.driver, gql.settings.neo4j)
    auth = gql.settings.auth.model_copy(update={"hash_concurrency": 1, "hash_waiting": 0})
    started, release = threading.Event(), threading.Event()

    def hold() -> None:
        started.set()
        release.wait(5)

    holding = asyncio.ensure_future(passwords.gate(auth).run(hold))
    await asyncio.to_thread(started.wait, 5)
    try:
        with pytest.raises(passwords.Busy):
            await login.log_in(
                graph, auth, email=EMAIL, password=PASSWORD, client=Client("x"), now=utc_now()
            )
    finally:
        release.set()
        await holding
    assert await count(gql, "MATCH (t:LoginThrottle) RETURN count(t)") == 0
