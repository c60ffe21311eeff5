"""Log in throttling over real HTTP from several client addresses: nobody can lock the owner out.

Each address is a separate httpx client on the ASGI app (`client=(address, port)` is the peer
the app sees); its cookie jar plays one browser.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import httpx
import pytest
from starlette.applications import Starlette

from neo4j import AsyncDriver
from service.app import create_app
from service.graph import Graph
from service.guards import CSRF_COOKIE
from service.identity import login
from service.identity.accounts import Refused, Throttled
from service.identity.clock import utc_now
from service.identity.mailer import ConsoleSender
from service.identity.throttle import Client
from service.settings import Settings
from tests.conftest import SchemaRunner
from tests.schema.people import PASSWORD, person

LOG_IN = """mutation($email: String!, $password: String!) { logIn(email: $email,
  password: $password) { __typename ... on RateLimited { retryAfterSeconds } } }"""
OWNER = "owner@example.org"
WRONG = "wrong wrong wrong"

Browsers = Callable[[str], httpx.AsyncClient]


def with_auth(settings: Settings, **limits: int) -> Settings:
    return settings.model_copy(update={"auth": settings.auth.model_copy(update=limits)})


async def app_for(settings: Settings) -> AsyncIterator[Browsers]:
    app: Starlette = create_app(settings, sender=ConsoleSender(stream=io.StringIO()))
    opened: list[httpx.AsyncClient] = []

    def browser(address: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(address, 50000))
        # As the pages' scripts do once a session cookie is set (service/guards.py).
        http = httpx.AsyncClient(
            transport=transport, base_url="http://test", headers={"x-csrf-token": "t"}
        )
        http.cookies.set(CSRF_COOKIE, "t")
        opened.append(http)
        return http

    async with app.router.lifespan_context(app):
        yield browser
        for http in opened:
            await http.aclose()


@pytest.fixture
async def browsers(seeded: AsyncDriver, settings: Settings) -> AsyncIterator[Browsers]:
    async for browser in app_for(settings):
        yield browser


@pytest.fixture
async def tight(seeded: AsyncDriver, settings: Settings) -> AsyncIterator[Browsers]:
    """Small budgets, so a test can spend them: 4 per address, 6 per account."""
    async for browser in app_for(with_auth(settings, login_per_client=4, login_per_account=6)):
        yield browser


async def log_in(http: httpx.AsyncClient, email: str, password: str) -> str:
    answer = await http.post(
        "/graphql", json={"query": LOG_IN, "variables": {"email": email, "password": password}}
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["data"]["logIn"]["__typename"])


async def test_the_lockout_scenario_leaves_the_owner_able_to_log_in(
    gql: SchemaRunner, browsers: Browsers
) -> None:
    """The issue's scenario: six wrong tries with case and space variants of someone's email."""
    await person(gql, "owner")
    attacker = browsers("203.0.113.9")
    for variant in ["OWNER@example.org", " owner@example.org ", "Owner@Example.org "] * 2:
        assert await log_in(attacker, variant, WRONG) == "InvalidCredentials"
    assert await log_in(attacker, OWNER, WRONG) == "RateLimited"
    # The owner, from anywhere else, is not held by the attacker's tries.
    assert await log_in(browsers("198.51.100.7"), OWNER, PASSWORD) == "AuthPayload"


async def throttled_so_far(http: httpx.AsyncClient) -> float:
    """The /metrics counter of throttled log ins."""
    text = (await http.get("/metrics")).text
    return float(text.split("\nscholar_login_throttled_total ")[1].split()[0])


async def test_one_address_has_one_budget_across_accounts(tight: Browsers) -> None:
    guesser = tight("203.0.113.9")
    before = await throttled_so_far(guesser)
    for n in range(4):
        assert await log_in(guesser, f"someone{n}@example.org", WRONG) == "InvalidCredentials"
    assert await log_in(guesser, "someone-else@example.org", WRONG) == "RateLimited"
    assert await throttled_so_far(guesser) == before + 1
    assert await log_in(tight("198.51.100.7"), "someone0@example.org", WRONG) == (
        "InvalidCredentials"
    )


async def test_the_account_ceiling_holds_new_clients_but_not_known_ones(
    gql: SchemaRunner, tight: Browsers
) -> None:
    await person(gql, "owner")
    laptop = tight("198.51.100.7")
    assert await log_in(laptop, OWNER, PASSWORD) == "AuthPayload"
    # A guess spread over many addresses spends the account's budget for new clients (the
    # laptop's first log in, from a client new then, spent one) ...
    for n in range(5):
        assert await log_in(tight(f"203.0.113.{n}"), OWNER, WRONG) == "InvalidCredentials"
    assert await log_in(tight("203.0.113.99"), OWNER, PASSWORD) == "RateLimited"
    # ... but the laptop, taken to a new address with its cookie, logs in,
    travelling = tight("192.0.2.44")
    travelling.cookies = laptop.cookies
    assert await log_in(travelling, OWNER, PASSWORD) == "AuthPayload"
    # and so does any client at the address the owner logged in from before.
    assert await log_in(tight("198.51.100.7"), OWNER, PASSWORD) == "AuthPayload"


async def test_an_attacker_behind_the_owners_address_cannot_delay_the_owner(
    gql: SchemaRunner, tight: Browsers
) -> None:
    await person(gql, "owner")
    laptop = tight("198.51.100.7")
    assert await log_in(laptop, OWNER, PASSWORD) == "AuthPayload"
    neighbour = tight("198.51.100.7")  # same address (a shared NAT), no cookie
    outcomes = [await log_in(neighbour, OWNER, WRONG) for _ in range(6)]
    assert outcomes[-1] == "RateLimited"
    # The address's budget and the pair's delay are spent; the owner's device is its own pair.
    assert await log_in(laptop, OWNER, PASSWORD) == "AuthPayload"


async def test_the_device_cookie_is_httponly_and_fresh_when_unknown(
    gql: SchemaRunner, browsers: Browsers
) -> None:
    await person(gql, "owner")
    planted = browsers("198.51.100.7")
    planted.cookies.set("scholar_device", "chosen-by-someone-else")
    answer = await planted.post(
        "/graphql", json={"query": LOG_IN, "variables": {"email": OWNER, "password": PASSWORD}}
    )
    device = next(c for c in answer.headers.get_list("set-cookie") if "scholar_device=" in c)
    assert "HttpOnly" in device and "SameSite=strict" in device and "Path=/" in device
    issued = device.split(";")[0].removeprefix("scholar_device=")
    assert issued != "chosen-by-someone-else"
    # Known now, it is kept at the next log in.
    planted.cookies.clear()
    planted.cookies.set("scholar_device", issued)
    again = await planted.post(
        "/graphql", json={"query": LOG_IN, "variables": {"email": OWNER, "password": PASSWORD}}
    )
    assert f"scholar_device={issued};" in ";".join(again.headers.get_list("set-cookie"))


async def test_the_pair_delay_doubles_and_a_success_clears_it(gql: SchemaRunner) -> None:
    await person(gql, "owner")
    graph = Graph(gql.driver, gql.settings.neo4j)
    auth = gql.settings.auth
    here = Client("203.0.113.9")
    now = utc_now()

    async def attempt(password: str) -> str:
        try:
            await login.log_in(graph, auth, email=OWNER, password=password, client=here, now=now)
        except Throttled as exc:
            return f"wait {exc.retry_after_s}"
        except Refused:
            return "refused"
        return "in"

    assert [await attempt(WRONG) for _ in range(auth.login_free_attempts)] == ["refused"] * 5
    delays = []
    for _ in range(4):
        assert await attempt(WRONG) == "refused"
        delays.append(await attempt(PASSWORD))
        now += timedelta(seconds=int(delays[-1].split()[1]))
    assert delays == [f"wait {auth.login_backoff_s * 2**n}" for n in range(4)]
    assert await attempt(PASSWORD) == "in"
    # Cleared: the free attempts are back.
    assert [await attempt(WRONG) for _ in range(auth.login_free_attempts)] == ["refused"] * 5


async def test_the_delay_is_capped(gql: SchemaRunner, settings: Settings) -> None:
    auth = with_auth(settings, login_backoff_max_s=5).auth
    graph = Graph(gql.driver, gql.settings.neo4j)
    here = Client("203.0.113.9")
    now = utc_now()
    waits: list[int] = []
    while len(waits) < 6:
        try:
            await login.log_in(graph, auth, email=OWNER, password=WRONG, client=here, now=now)
        except Throttled as exc:
            waits.append(exc.retry_after_s)
            now += timedelta(seconds=exc.retry_after_s)
        except Refused:
            pass
    assert waits == [2, 4, 5, 5, 5, 5]
