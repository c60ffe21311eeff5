"""The lean closed-loop client: one connection for every request, each answer read whole by its
length, a refusal raised."""

from __future__ import annotations

import asyncio
import json

import pytest

from bench.raw_client import HttpError, closed_loop


async def test_requests_share_one_connection_and_answers_are_read_whole() -> None:
    connections: list[int] = []
    asked: list[str] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
                body = json.loads(await reader.readexactly(length))
                asked.append(body["variables"]["id"])
                bad = body["variables"]["id"] == "bad"
                status = b"500 Internal Server Error" if bad else b"200 OK"
                answer = b'{"data":' + b"1" * 5000 + b"}"
                head = b"HTTP/1.1 " + status + b"\r\nContent-Length: " + str(len(answer)).encode()
                writer.write(head + b"\r\n\r\n" + answer)
                await writer.drain()
        except asyncio.IncompleteReadError:  # the client closed the connection
            pass
        finally:
            writer.close()
            await writer.wait_closed()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        latencies = await closed_loop(port, "query { x }", ["a", "b"], 5)
        assert len(latencies) == 5 and all(s > 0 for s in latencies)
        assert asked == ["a", "b", "a", "b", "a"] and connections == [1]  # one keep-alive
        with pytest.raises(HttpError, match="HTTP 500"):
            await closed_loop(port, "query { x }", ["bad"], 1)
