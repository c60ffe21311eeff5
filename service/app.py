"""The ASGI application: `uvicorn --factory service.app:create_app`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.asgi import GraphQL

from service import errors
from service.graph import Graph, open_driver, setup_schema
from service.identity.mailer import CodeSender, sender_for
from service.schema import build_schema
from service.schema.context import Context
from service.settings import Settings

log = logging.getLogger(__name__)


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI view with a per-request context built on the app's one driver."""

    async def get_context(self, request: Any, response: Any) -> Context:
        state = request.app.state
        settings: Settings = state.settings
        return Context(
            graph=Graph(state.driver, settings.neo4j),
            token=session_token(request, settings.auth.cookie_name),
            auth=settings.auth,
            sender=state.sender,
            response=response,
            client=request.client.host if request.client else "unknown",
            device=request.cookies.get(settings.auth.device_cookie_name) or None,
        )


def session_token(request: Request, cookie_name: str) -> str | None:
    """The bearer token if the client sent one, else the browser's session cookie."""
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.cookies.get(cookie_name) or None


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413 before anything parses them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {
                "errors": [
                    {
                        "message": f"request body is larger than {self.max_bytes} bytes",
                        "extensions": {"code": "PAYLOAD_TOO_LARGE"},
                    }
                ]
            },
            status_code=413,
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    state = request.app.state
    try:
        await Graph(state.driver, state.settings.neo4j).ping()
    except errors.Unavailable as exc:
        return JSONResponse({"status": "unavailable", "reason": exc.message}, status_code=503)
    return JSONResponse({"status": "ready"})


def create_app(settings: Settings | None = None, sender: CodeSender | None = None) -> Starlette:
    settings = settings or Settings()
    # Chosen before anything starts, so a production service without mail refuses to start.
    code_sender: CodeSender = sender or sender_for(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.sender = code_sender
        app.state.driver = open_driver(settings.neo4j)
        try:
            await setup_schema(app.state.driver, settings.neo4j.database)
        except errors.GraphError as exc:
            # Serve anyway: /readyz reports the database, and requests get a clear error.
            log.warning("schema setup skipped: %s", exc.message)
        try:
            yield
        finally:
            await app.state.driver.close()

    graphql = GraphQLApp(
        build_schema(settings.graphql), graphql_ide="graphiql" if settings.server.graphiql else None
    )
    app = Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
        ],
        lifespan=lifespan,
    )
    app.add_middleware(BodyLimit, max_bytes=settings.graphql.max_body_bytes)
    return app
