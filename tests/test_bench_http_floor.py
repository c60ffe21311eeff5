"""The HTTP floor of bench-peers answers the bare read the bench times beside it, and nothing
more: the same card the driver gives, as JSON."""

from __future__ import annotations

import httpx
import orjson

from bench.http_floor import CARD, Floor
from bench.peer_compare import view_params
from neo4j import AsyncDriver
from service.seed import SEED_RESEARCHER_ID
from service.settings import Settings


async def test_the_floor_answers_the_drivers_card(seeded: AsyncDriver, settings: Settings) -> None:
    records, _, _ = await seeded.execute_query(
        CARD,
        view_params(SEED_RESEARCHER_ID),
        database_=settings.neo4j.database,
    )
    expected = orjson.loads(orjson.dumps({"data": [dict(r) for r in records]}))
    floor = Floor(settings)
    await floor.open()
    try:
        transport = httpx.ASGITransport(app=floor)
        async with httpx.AsyncClient(transport=transport, base_url="http://floor") as http:
            body = {"query": "ignored", "variables": {"id": SEED_RESEARCHER_ID}}
            answer = await http.post("/graphql", json=body)
            missing = await http.get("/nothing")
    finally:
        await floor.close()
    assert answer.status_code == 200
    assert answer.json() == expected
    assert expected["data"][0]["card"]["name"] == "Borui Zhao"
    assert missing.status_code == 404
