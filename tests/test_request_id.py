"""Every answer carries X-Request-Id, and every log line of its request the same id: the
service's own lines and uvicorn's access line, in text and in JSON lines."""

from __future__ import annotations

import logging
import re

import httpx
import orjson

from neo4j import AsyncDriver
from service.logs import TEXT_FORMAT, JsonLines
from service.request_id import WithRequestId, current
from tests.live import LiveServer


async def test_each_answer_carries_a_new_request_id(client: httpx.AsyncClient) -> None:
    ids = {(await client.get("/healthz")).headers["x-request-id"] for _ in range(3)}
    assert len(ids) == 3 and all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)


async def test_a_callers_plain_id_is_kept_and_any_other_replaced(
    client: httpx.AsyncClient,
) -> None:
    kept = await client.get("/healthz", headers={"x-request-id": "gateway-7f3a.1"})
    assert kept.headers["x-request-id"] == "gateway-7f3a.1"
    for unsafe in ("two words", "x" * 65, 'quote"d'):
        replaced = await client.get("/healthz", headers={"x-request-id": unsafe})
        assert re.fullmatch(r"[0-9a-f]{16}", replaced.headers["x-request-id"])
    refused = await client.post("/graphql", content=b"null", headers={"content-type": "x/y"})
    assert refused.status_code == 415 and refused.headers["x-request-id"]


def test_log_lines_carry_the_request_id_as_text_and_json() -> None:
    record = logging.LogRecord("service.x", logging.INFO, __file__, 1, "hello", None, None)
    token = current.set("abc123")
    try:
        WithRequestId().filter(record)
    finally:
        current.reset(token)
    assert logging.Formatter(TEXT_FORMAT).format(record).endswith("service.x [abc123]: hello")
    assert orjson.loads(JsonLines().format(record))["request_id"] == "abc123"
    outside = logging.LogRecord("service.x", logging.INFO, __file__, 1, "hi", None, None)
    WithRequestId().filter(outside)
    assert orjson.loads(JsonLines().format(outside))["request_id"] == "-"


async def test_a_served_requests_lines_all_carry_its_id(
    seeded: AsyncDriver, live_server: LiveServer
) -> None:
    mark = len(live_server.lines)
    async with httpx.AsyncClient(base_url=live_server.url, timeout=10) as http:
        answer = await http.post(
            "/graphql",
            json={"query": "query Typo { researcher { nope } }"},
            headers={"x-request-id": "trace-typo-1"},
        )
    assert answer.headers["x-request-id"] == "trace-typo-1"
    live_server.wait_for(r"\[trace-typo-1\]: 127\.0\.0\.1:\d+ - \"POST /graphql", after=mark)
    mine = [line for line in live_server.lines[mark:] if "[trace-typo-1]" in line]
    assert any("client error in Typo" in line for line in mine), mine
    assert not [line for line in live_server.lines[mark:] if "Typo" in line and line not in mine]
