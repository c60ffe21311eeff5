"""The fragment chain that froze the service (each fragment spreading the next one twice) is
refused by the served app within 100 ms at 20, 40 and 60 levels, and /healthz stays quick."""

from __future__ import annotations

import time

import httpx
import pytest

from neo4j import AsyncDriver
from tests.live import LiveServer
from tests.schema.test_document_limits import chain

LIMIT_S = 0.1


@pytest.mark.parametrize("levels", [20, 40, 60])
async def test_a_fragment_chain_is_answered_within_100_ms(
    seeded: AsyncDriver, live_server: LiveServer, levels: int
) -> None:
    document = chain(levels)
    async with httpx.AsyncClient(base_url=live_server.url, timeout=30) as http:
        await http.get("/healthz")  # the connection is open before the clock starts
        spent = []
        for _ in range(3):
            began = time.perf_counter()
            answer = await http.post("/graphql", json={"query": document})
            spent.append(time.perf_counter() - began)
            (error,) = answer.json()["errors"]
            assert error["extensions"] == {"code": "DOCUMENT_TOO_LARGE"}
        began = time.perf_counter()
        assert (await http.get("/healthz")).status_code == 200
        health = time.perf_counter() - began
    print(
        f"\nfragment chain, {levels} levels ({len(document)} bytes): answered in "
        f"{', '.join(f'{s * 1000:.1f}' for s in spent)} ms; /healthz then {health * 1000:.1f} ms"
    )
    assert max(spent) < LIMIT_S and health < LIMIT_S
