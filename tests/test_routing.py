"""The service on a routing URI (`neo4j://`, what a cluster needs; a single server routes too),
and read-your-writes after a mutation through the driver's bookmarks."""

from __future__ import annotations

import asyncio

import httpx

from neo4j import AsyncDriver, RoutingControl
from service import follow
from service.app import create_app
from service.graph import Graph, open_driver
from service.identity.clock import utc_now
from service.seed import SEED_RESEARCHER_ID
from service.settings import Neo4jSettings, Settings
from tests.schema.people import account

PROFILE = """query($id: ID!) { researcher(id: $id) { name counts { followers } } }"""


def routed(settings: Settings) -> Settings:
    uri = settings.neo4j.uri.replace("bolt://", "neo4j://")
    assert uri.startswith("neo4j://")
    return settings.model_copy(
        update={
            "neo4j": Neo4jSettings(
                uri=uri, password=settings.neo4j.password, database=settings.neo4j.database
            )
        }
    )


async def test_the_service_serves_through_a_routing_uri(
    seeded: AsyncDriver, settings: Settings
) -> None:
    app = create_app(routed(settings))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            # Start-up sets the schema up and warms the pages' plans, over the routing URI too.
            waited = 0.0
            while (ready := await http.get("/readyz")).status_code != 200:
                assert waited < 30, ready.json()
                await asyncio.sleep(0.1)
                waited += 0.1
            assert ready.json() == {"status": "ready"}
            answer = await http.post(
                "/graphql", json={"query": PROFILE, "variables": {"id": SEED_RESEARCHER_ID}}
            )
            assert answer.json()["data"]["researcher"]["name"] == "Borui Zhao"
            page = await http.get(f"/researchers/{SEED_RESEARCHER_ID}")
            assert page.status_code == 200 and "Trust 19 - Unverified" in page.text


async def test_a_read_after_a_write_sees_it_through_bookmarks(
    seeded: AsyncDriver, settings: Settings
) -> None:
    config = routed(settings)
    driver = open_driver(config.neo4j)
    try:
        graph = Graph(driver, config.neo4j)
        fan = (await account(graph, config.auth, "fan@example.org", "Fan")).user
        assert await follow.set_following(graph, fan, SEED_RESEARCHER_ID, True, utc_now())
        # Every query of the boundary shares the driver's bookmark manager: the write left a
        # bookmark, and a read on the read route (a secondary, in a cluster) waits for it.
        manager = driver.execute_query_bookmark_manager
        assert await manager.get_bookmarks()
        records, _, _ = await driver.execute_query(
            "MATCH (:User {id: $id})-[:FOLLOWS]->(r:Researcher) RETURN r.id AS id",
            {"id": fan.id},
            routing_=RoutingControl.READ,
            database_=config.neo4j.database,
        )
        assert [r["id"] for r in records] == [SEED_RESEARCHER_ID]
        page = await follow.following(graph, fan.id, 10, None)
        assert page.total == 1
    finally:
        await driver.close()
