"""The ASGI application: `uvicorn --factory service.app:create_app`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from service import metrics, web
from service.availability import UNAVAILABLE, Availability
from service.graph import open_driver, setup_schema
from service.graphql_view import GraphQLApp
from service.guards import BodyLimit, GraphQLGuard
from service.identity.mailer import CodeSender, sender_for
from service.request_id import RequestIds
from service.schema import build_schema
from service.schema.context import analyst_slots
from service.settings import Settings
from service.web import documents

log = logging.getLogger(__name__)


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Ready once Neo4j answers and start-up (schema, warm-up) is done; 503 until then."""
    availability: Availability = request.app.state.availability
    if availability.up and not availability.prepared:
        reason = "setting the schema up and warming query plans"
        return JSONResponse({"status": "starting", "reason": reason}, status_code=503)
    if not availability.up or not await availability.answers():
        return JSONResponse({"status": "unavailable", "reason": UNAVAILABLE}, status_code=503)
    return JSONResponse({"status": "ready"})


def create_app(settings: Settings | None = None, sender: CodeSender | None = None) -> Starlette:
    settings = settings or Settings()
    # Chosen before anything starts, so a production service without mail refuses to start.
    code_sender: CodeSender = sender or sender_for(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state = app.state
        state.settings = settings
        state.sender = code_sender
        driver = state.driver = open_driver(settings.neo4j, serving=True)
        state.analyst_slots = analyst_slots(settings.neo4j.max_pool_size)
        state.availability = Availability(
            driver,
            settings.neo4j,
            setup=lambda: setup_schema(driver, settings.neo4j.database),
            warm=(lambda: documents.warm_up(state)) if settings.neo4j.warm_up else None,
        )
        # Serves even when Neo4j is down: /readyz says so, and requests fail fast and clearly.
        await state.availability.start()
        try:
            yield
        finally:
            await state.availability.close()
            await driver.close()

    schema = build_schema(settings.graphql)
    graphql = GraphQLApp(schema, graphql_ide="graphiql" if settings.server.graphiql else None)
    app = Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics.endpoint),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            *web.routes(),
        ],
        lifespan=lifespan,
    )
    app.state.schema = schema
    # Added innermost first: the body limit runs before anything reads a body.
    app.add_middleware(GraphQLGuard, path="/graphql", session_cookie=settings.auth.cookie_name)
    if settings.server.cors_origins:
        # Other origins call with bearer tokens: no cookies cross, so no CSRF exposure.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.server.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
    app.add_middleware(BodyLimit, max_bytes=settings.graphql.max_body_bytes)
    # Outermost: every answer, refusals included, is counted and carries its request id.
    app.add_middleware(metrics.HttpMetrics)
    app.add_middleware(RequestIds)
    metrics.name_operations(
        [op.name.value for op in map(documents.operation, documents.names()) if op.name]
    )
    return app
