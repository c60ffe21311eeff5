"""The leanest HTTP client for a closed loop: one keep-alive socket, each request's bytes built
before its clock starts, the answer read by its Content-Length and not parsed.

httpx, the load generator's client, spends about as long on its own side of a request as
uvicorn and the floor app together (bench/RESULTS-peers.md); timed through this
client, a server's latency is what the server and the loopback add, nearly nothing else.
"""

from __future__ import annotations

import asyncio
import time

import orjson


class HttpError(RuntimeError):
    """An answer other than 200."""


def post(port: int, body: bytes) -> bytes:
    """A POST /graphql request with `body`, as bytes on the wire."""
    head = (
        f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def answer(reader: asyncio.StreamReader) -> bytes:
    """One response's body (its status must be 200 and its length given)."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = head.split(b" ", 2)[1]
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    body = await reader.readexactly(length)
    if status != b"200":
        raise HttpError(f"HTTP {status.decode()}: {body[:200]!r}")
    return body


async def closed_loop(port: int, document: str, ids: list[str], requests: int) -> list[float]:
    """Seconds for each of `requests` GraphQL posts of `document`, one at a time on one
    connection, cycling over `ids` as the `id` variable."""
    bodies = [post(port, orjson.dumps({"query": document, "variables": {"id": i}})) for i in ids]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    latencies = []
    try:
        for n in range(requests):
            request = bodies[n % len(bodies)]
            began = time.perf_counter()
            writer.write(request)
            await answer(reader)
            latencies.append(time.perf_counter() - began)
    finally:
        writer.close()
        await writer.wait_closed()
    return latencies
