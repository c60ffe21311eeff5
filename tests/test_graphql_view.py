"""Malformed requests to /graphql: a 400 with a GraphQL-shaped error and one log line, never a
500, and the keep-alive connection stays open for the next request."""

from __future__ import annotations

import logging
import random
import socket

import httpx
import pytest

from neo4j import AsyncDriver
from tests.live import LiveServer

RANDOM = random.Random(8)  # noqa: S311 - reproducible bytes, not a secret
NOT_UTF8 = [bytes(RANDOM.getrandbits(8) for _ in range(64)) for _ in range(5)]
DEEP = b"[" * 1100 + b"]" * 1100
MALFORMED = [
    *NOT_UTF8,
    b'{"query": "{ __typename }", "variables": {"s": "\xff\xfe"}}',
    b"null",
    b"123",
    b'"x"',
    b"true",
    b'[{"query": "{ __typename }"}]',
    DEEP,
    b'{"query": "{ __typename }", "variables": {"v": ' + DEEP + b"}}",
    b'{"query": 123}',
    b'{"query": "{ __typename }", "variables": []}',
    b"{}",
    b'{"query": "{ __typename }"',
]


@pytest.mark.parametrize("body", MALFORMED, ids=range(len(MALFORMED)))
async def test_a_malformed_body_is_a_400_with_a_graphql_error(
    client: httpx.AsyncClient, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        answer = await client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
    assert answer.status_code == 400
    (error,) = answer.json()["errors"]
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    assert error["message"] and "Error" not in error["message"]
    logged = [r for r in caplog.records if r.name.startswith("service")]
    assert len(logged) == 1 and logged[0].exc_info is None, logged


async def test_get_with_variables_that_are_not_an_object(client: httpx.AsyncClient) -> None:
    answer = await client.get(
        "/graphql",
        params={"query": "{ __typename }", "variables": "null"},
        headers={"accept": "application/json"},
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def exchange(sock: socket.socket, request: bytes) -> tuple[int, bytes]:
    """Send one HTTP/1.1 request on an open connection and read its whole answer."""
    sock.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"the server closed the connection after {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection mid-answer"
        body += chunk
    return int(head.split(b" ", 2)[1]), body


def post(path: str, body: bytes) -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body


async def test_the_connection_survives_malformed_bodies(
    seeded: AsyncDriver, live_server: LiveServer
) -> None:
    mark = len(live_server.lines)
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=10) as sock:
        for body in (NOT_UTF8[0], b"null", DEEP):
            status, _ = exchange(sock, post("/graphql", body))
            assert status == 400
            status, answer = exchange(sock, post("/graphql", b'{"query": "{ __typename }"}'))
            assert (status, answer) == (200, b'{"data":{"__typename":"Query"}}')
    live_server.wait_for(r"client error in the request: the JSON in the request", after=mark)
    assert not [line for line in live_server.lines[mark:] if "Traceback" in line]
