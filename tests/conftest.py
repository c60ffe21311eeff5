"""Fixtures over a real Neo4j: the project's own `test` instance, started once per session.

The instance has its own folder and port (`TEST_NEO4J_PORT`, default 7688), so tests never touch
the dev database. Set `TEST_NEO4J_URI` (and `NEO4J_PASSWORD`) to use a server started elsewhere,
such as the compose one.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from neo4j import AsyncDriver
from service import column_types, localdb
from service.app import create_app
from service.graph import Graph, open_driver
from service.identity.mailer import ConsoleSender
from service.schema import build_schema
from service.schema.context import Context
from service.seed import load_sample, seed
from service.settings import (
    AuthSettings,
    LocalNeo4jSettings,
    MailSettings,
    Neo4jSettings,
    Settings,
)
from tests.live import LiveServer

# Every row a test reads from Neo4j is held to its query's declared column types, so the types
# the generated calls (service/calls/) promise are the ones the server returns.
column_types.CHECK_ROWS = True


@pytest.fixture(scope="session")
def settings() -> Iterator[Settings]:
    base = Settings()
    password = base.neo4j.password.get_secret_value()
    external = os.environ.get("TEST_NEO4J_URI")
    local = LocalNeo4jSettings(
        instance="test", bolt_port=int(os.environ.get("TEST_NEO4J_PORT", "7688"))
    )
    inst = localdb.Instance(local, password)
    started = 0.0 if external else localdb.start(inst)
    yield base.model_copy(
        update={
            "neo4j": Neo4jSettings(
                uri=external or inst.uri,
                password=password,
                database=base.neo4j.database,
                # In-process apps skip the start-up warm-up (test_availability turns it on to
                # test it); served ones warm up.
                warm_up=False,
            ),
            "localdb": local,
            # Still argon2id, but cheap enough that a test can sign up a hundred users.
            "auth": AuthSettings(argon2_time_cost=1, argon2_memory_kib=1024, argon2_parallelism=1),
            "mail": MailSettings(sender="console"),
        }
    )
    if started:
        localdb.stop(inst)


@pytest.fixture(scope="session")
async def driver(settings: Settings) -> AsyncIterator[AsyncDriver]:
    drv = open_driver(settings.neo4j)
    yield drv
    await drv.close()


async def wipe(driver: AsyncDriver, database: str) -> None:
    async with driver.session(database=database) as session:
        # An auto-commit query: CALL ... IN TRANSACTIONS is not allowed in a managed one.
        await (
            await session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            )
        ).consume()


@pytest.fixture
async def empty_graph(driver: AsyncDriver, settings: Settings) -> AsyncDriver:
    """A graph with nothing in it (the schema stays)."""
    await wipe(driver, settings.neo4j.database)
    return driver


@pytest.fixture
async def seeded(empty_graph: AsyncDriver, settings: Settings) -> AsyncDriver:
    """Only the seed researcher's data, freshly loaded."""
    await seed(empty_graph, settings.neo4j.database)
    return empty_graph


@pytest.fixture(scope="module")
async def sampled(driver: AsyncDriver, settings: Settings) -> AsyncDriver:
    """The seed and the 200 sample works (as `make run` loads them), once per test module whose
    tests only read, or write only what they clean up."""
    await wipe(driver, settings.neo4j.database)
    await seed(driver, settings.neo4j.database)
    await load_sample(driver, settings.neo4j.database)
    return driver


@pytest.fixture
def graph(seeded: AsyncDriver, settings: Settings) -> Graph:
    return Graph(seeded, settings.neo4j)


class SchemaRunner:
    """Runs GraphQL documents against the strawberry schema (tier 1) with a real graph."""

    def __init__(self, driver: AsyncDriver, settings: Settings) -> None:
        self.schema = build_schema(settings.graphql)
        self.driver = driver
        self.settings = settings
        self.sender = ConsoleSender()
        self.last_context: Context | None = None

    async def __call__(self, document: str, as_token: str | None = None, **variables: Any) -> Any:
        """Run `document` with `variables`, as the user whose session token is `as_token`."""
        self.last_context = Context(
            graph=Graph(self.driver, self.settings.neo4j),
            token=as_token,
            auth=self.settings.auth,
            sender=self.sender,
        )
        return await self.schema.execute(
            document, variable_values=variables, context_value=self.last_context
        )

    @property
    def round_trips(self) -> int:
        assert self.last_context is not None
        return self.last_context.graph.round_trips


@pytest.fixture
def gql(seeded: AsyncDriver, settings: Settings) -> SchemaRunner:
    return SchemaRunner(seeded, settings)


@pytest.fixture
async def client(seeded: AsyncDriver, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The whole app over HTTP (tier 3), its lifespan run as uvicorn would."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


@pytest.fixture(scope="session")
def live_server(settings: Settings) -> Iterator[LiveServer]:
    """`scholar serve` as a process (development mode) on the test Neo4j, once per session."""
    server = LiveServer(settings)
    server.start()
    yield server
    server.stop()
