"""`/graphql` over HTTP: strawberry's view with our context, our GraphiQL page, and every refusal
answered as a GraphQL-shaped JSON error that leaves the connection open.

Request bodies are parsed by orjson, which refuses invalid UTF-8, lone surrogates and nesting
beyond 1,024 levels with a decode error (Python's json module raises RecursionError, and bytes
that are not UTF-8 a UnicodeDecodeError, both of which became 500s). The body must be one JSON
object: this API takes no batches. An exception that still escapes is answered here as a 500 so
that it is not re-raised into uvicorn, which would drop the keep-alive connection with it.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from service.guards import problem
from service.schema.context import Context, context_for
from service.web.render import render

log = logging.getLogger(__name__)


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI view with a per-request context built on the app's one driver."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope=scope, receive=receive))
        except HTTPException as exc:
            code = HTTPStatus(exc.status_code).name
            response = problem(exc.status_code, code, exc.reason)
        except Exception:
            log.exception("unexpected error in %s %s", scope["method"], scope["path"])
            response = problem(500, "INTERNAL_SERVER_ERROR", "Unexpected error.")
        await response(scope, receive, send)

    def decode_json(self, data: str | bytes) -> object:
        # orjson.JSONDecodeError is a json.JSONDecodeError: strawberry answers it with a 400.
        decoded = orjson.loads(data)
        if not isinstance(decoded, dict):
            raise HTTPException(400, "the JSON in the request must be an object")
        return decoded

    def encode_json(self, data: object) -> bytes:
        # orjson: several times quicker than json.dumps on a profile's answer, and UTF-8 as is.
        return orjson.dumps(data)

    async def get_context(self, request: Any, response: Any) -> Context:
        return context_for(request, response)

    async def render_graphql_ide(self, request: Request) -> Response:
        # Our own page: its assets are served by the service, so it works offline.
        return render(request, "graphiql.html", {})
