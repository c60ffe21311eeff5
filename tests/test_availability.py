"""Neo4j out of reach: every request answers within 2 s (a typed GraphQL error, a 503 page, a
503 /readyz), and requests succeed again within 2 s of Bolt answering. Start-up warms the
driver and the pages' query plans before /readyz says ready."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable

import httpx
import pytest

from neo4j import AsyncDriver
from service import metrics
from service.app import create_app
from service.seed import SEED_RESEARCHER_ID
from service.settings import Settings
from tests.tcp_proxy import TcpProxy

PROFILE = f'{{ researcher(id: "{SEED_RESEARCHER_ID}") {{ name }} }}'
OUTAGE_LIMIT_S = 2.0


async def timed(call: Awaitable[httpx.Response]) -> tuple[float, httpx.Response]:
    began = time.perf_counter()
    answer = await call
    return time.perf_counter() - began, answer


@pytest.fixture
async def proxy(settings: Settings) -> AsyncIterator[TcpProxy]:
    host, port = settings.neo4j.uri.removeprefix("bolt://").split(":")
    through = TcpProxy(host, int(port))
    await through.start()
    yield through
    await through.cut()


@pytest.fixture
async def proxied(
    seeded: AsyncDriver, settings: Settings, proxy: TcpProxy
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        settings.model_copy(update={"neo4j": settings.neo4j.model_copy(update={"uri": proxy.uri})})
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def test_requests_fail_fast_while_neo4j_is_unreachable_and_recover_when_it_answers(
    proxied: httpx.AsyncClient, proxy: TcpProxy
) -> None:
    assert (await proxied.post("/graphql", json={"query": PROFILE})).json()["data"]
    await proxy.cut()
    for _ in range(3):
        spent, answer = await timed(proxied.post("/graphql", json={"query": PROFILE}))
        assert spent < OUTAGE_LIMIT_S
        (error,) = answer.json()["errors"]
        assert error["extensions"] == {"code": "DATABASE_UNAVAILABLE"}
        spent, page = await timed(proxied.get(f"/researchers/{SEED_RESEARCHER_ID}"))
        assert spent < OUTAGE_LIMIT_S and page.status_code == 503
        spent, ready = await timed(proxied.get("/readyz"))
        assert spent < OUTAGE_LIMIT_S and ready.status_code == 503
    await proxy.start()
    back = time.perf_counter()
    while True:
        answer = await proxied.post("/graphql", json={"query": PROFILE})
        if "errors" not in answer.json():
            break
        assert time.perf_counter() - back < OUTAGE_LIMIT_S, answer.json()
        await asyncio.sleep(0.05)
    assert (await proxied.get("/readyz")).status_code == 200
    assert (await proxied.get(f"/researchers/{SEED_RESEARCHER_ID}")).status_code == 200


async def test_a_service_started_without_neo4j_serves_and_becomes_ready_when_it_answers(
    seeded: AsyncDriver, settings: Settings, proxy: TcpProxy
) -> None:
    await proxy.cut()
    app = create_app(
        settings.model_copy(update={"neo4j": settings.neo4j.model_copy(update={"uri": proxy.uri})})
    )
    began = time.perf_counter()
    async with app.router.lifespan_context(app):
        assert time.perf_counter() - began < OUTAGE_LIMIT_S
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            assert (await http.get("/healthz")).status_code == 200
            ready = await http.get("/readyz")
            assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
            await proxy.start()
            back = time.perf_counter()
            while (await http.get("/readyz")).status_code != 200:
                assert time.perf_counter() - back < OUTAGE_LIMIT_S
                await asyncio.sleep(0.05)
            assert "errors" not in (await http.post("/graphql", json={"query": PROFILE})).json()


def round_trips_of(query: str) -> float:
    return sum(
        sample.value
        for family in metrics.REGISTRY.collect()
        if family.name == "scholar_neo4j_round_trips"
        for sample in family.samples
        if sample.name.endswith("_total") and sample.labels["query"] == query
    )


async def test_start_up_warms_the_pages_queries_before_ready(
    seeded: AsyncDriver, settings: Settings
) -> None:
    before = round_trips_of("researcher/cards")
    warming = settings.neo4j.model_copy(update={"warm_up": True})
    app = create_app(settings.model_copy(update={"neo4j": warming}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            deadline = time.perf_counter() + 60
            while (ready := await http.get("/readyz")).status_code != 200:
                assert ready.json()["status"] == "starting"
                assert time.perf_counter() < deadline
                await asyncio.sleep(0.1)
            # Ready only after the profile page's document ran (and Neo4j planned it).
            assert round_trips_of("researcher/cards") > before
