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
from typing import Any

import orjson
import uvicorn

import neo4j
from service.graph import open_driver
from service.queries import get
from service.schema.context import Sections, card_params
from service.settings import Settings

VIEW = Sections(works_first=10, collaborators_first=10)
CARD = get("researcher/cards").text

Scope = dict[str, Any]


def app_for(settings: Settings) -> Any:
    drivers: list[neo4j.AsyncDriver] = []  # opened on the server's own event loop

    async def app(scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    drivers.append(open_driver(settings.neo4j))
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await drivers[0].close()
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
            ident = orjson.loads(body)["variables"]["id"]
            params = dict(card_params(ids=[ident], sections=VIEW))
            async with drivers[0].session(default_access_mode=neo4j.READ_ACCESS) as session:
                result = await session.run(neo4j.Query(CARD, timeout=60), params)
                rows = [dict(record) async for record in result]
            answer = orjson.dumps({"data": rows})
        elif scope["path"] != "/healthz":
            status, answer = 404, b"{}"
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": answer})

    return app


def main() -> int:
    port = int(sys.argv[1])
    app = app_for(Settings())
    gc.collect()
    gc.freeze()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
