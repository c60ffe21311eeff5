"""The least an HTTP service in Python can do for the profile view: the bare read behind a socket.

    .venv/bin/python -m bench.http_floor PORT   (NEO4J_URI etc. from the environment)

A raw ASGI app under uvicorn, run the way `scholar serve` runs the service (uvloop and
httptools, one process, gc frozen after start): POST /graphql takes the service's JSON body,
runs the service's own cypher/researcher/cards.cypher with the view's sections through the
driver, exactly as bench/scale.py's `driver_time` does, and answers the card as JSON (orjson).
No GraphQL, no routing, no middleware, no validation: what any Python service pays for an HTTP
hop on top of the driver's read. bench/peer_compare.py times it in a closed loop beside the
bare read, so the distance between the two is the floor of issue 17's first target.
"""

from __future__ import annotations

import gc
import sys

import orjson
import uvicorn
from starlette.types import Receive, Scope, Send

import neo4j
from bench.peer_compare import view_params
from service.graph import open_driver
from service.queries import get
from service.settings import Settings

CARD = get("researcher/cards").text


class Floor:
    """The ASGI app: its driver is opened on the server's own event loop, at start-up."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.driver: neo4j.AsyncDriver | None = None

    async def open(self) -> None:
        self.driver = open_driver(self.settings.neo4j)

    async def close(self) -> None:
        if self.driver is not None:
            await self.driver.close()

    async def card(self, body: bytes) -> bytes:
        """The bare read of the view for the body's `variables.id`, as JSON."""
        assert self.driver is not None, "the app has not started"
        ident = orjson.loads(body)["variables"]["id"]
        params = view_params(ident)  # the bare line's own parameters
        async with self.driver.session(default_access_mode=neo4j.READ_ACCESS) as session:
            result = await session.run(neo4j.Query(CARD, timeout=60), params)
            rows = [dict(record) async for record in result]
        return orjson.dumps({"data": rows})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await self.open()
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await self.close()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        status, answer = 200, b'{"ok":true}'
        if scope["path"] == "/graphql":
            answer = await self.card(body)
        elif scope["path"] != "/healthz":
            status, answer = 404, b"{}"
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(answer)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": answer})


def main() -> int:
    port = int(sys.argv[1])
    app = Floor(Settings())
    gc.collect()
    gc.freeze()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
