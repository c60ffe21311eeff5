"""What `/metrics` exposes in Prometheus's text format, and the calls that record it: HTTP
requests by route and status, GraphQL operations by name and outcome, their latencies, Neo4j
round trips and their time, connections in use, whether Neo4j answers, and log-in throttling.

One registry per process (uvicorn runs one process here): every app the process creates, tests'
included, counts into the same series. Label values are bounded, since clients choose operation
names: the pages' own operations are always named, at most `MAX_OTHER_OPERATIONS` further names
are kept, and the rest count as "other".
"""

from __future__ import annotations

import re
import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REGISTRY = CollectorRegistry()
# From a cached page to a cold profile of an author with thousands of works.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

HTTP_REQUESTS = Counter(
    "scholar_http_requests",
    "HTTP requests answered, by route template, method and status code.",
    ["route", "method", "status"],
    registry=REGISTRY,
)
HTTP_SECONDS = Histogram(
    "scholar_http_request_duration_seconds",
    "Time from a request's arrival to its answer's last byte, by route template.",
    ["route"],
    buckets=LATENCY_BUCKETS,
    registry=REGISTRY,
)
OPERATIONS = Counter(
    "scholar_graphql_operations",
    "GraphQL operations (from /graphql and the pages), by operation name and outcome: ok, "
    "client_error, unavailable, timeout or error.",
    ["operation", "outcome"],
    registry=REGISTRY,
)
OPERATION_SECONDS = Histogram(
    "scholar_graphql_operation_duration_seconds",
    "Time to parse, validate and execute a GraphQL operation, by operation name.",
    ["operation"],
    buckets=LATENCY_BUCKETS,
    registry=REGISTRY,
)
ROUND_TRIPS = Counter(
    "scholar_neo4j_round_trips",
    "Queries sent to Neo4j, by query name (cypher/<name>.cypher) and outcome: ok or the "
    "error code (DATABASE_UNAVAILABLE, QUERY_TIMEOUT, ...).",
    ["query", "outcome"],
    registry=REGISTRY,
)
ROUND_TRIP_SECONDS = Histogram(
    "scholar_neo4j_round_trip_duration_seconds",
    "Time of one Neo4j round trip, driver retries included, by query name.",
    ["query"],
    buckets=LATENCY_BUCKETS,
    registry=REGISTRY,
)
CONNECTIONS_IN_USE = Gauge(
    "scholar_neo4j_connections_in_use",
    "Pool connections held right now: each round trip in flight holds one.",
    registry=REGISTRY,
)
POOL_SIZE = Gauge(
    "scholar_neo4j_connection_pool_size",
    "The most connections the driver's pool may open (NEO4J_MAX_POOL_SIZE).",
    registry=REGISTRY,
)
NEO4J_UP = Gauge(
    "scholar_neo4j_up",
    "1 while Neo4j answers; 0 while requests fail fast and the service probes it.",
    registry=REGISTRY,
)
LOGIN_THROTTLED = Counter(
    "scholar_login_throttled",
    "Log-in attempts refused by a throttle: per address, per account or hashing saturated.",
    registry=REGISTRY,
)


def login_throttled() -> None:
    """Count one log-in attempt refused by the throttle."""
    LOGIN_THROTTLED.inc()


MAX_OTHER_OPERATIONS = 50
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
_named: set[str] = set()
_others: set[str] = set()


def name_operations(names: list[str]) -> None:
    """Operation names that always get their own label (the pages' documents)."""
    _named.update(names)


def operation_label(name: object) -> str:
    if name is None:
        return "anonymous"
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        return "other"
    if name in _named or name in _others:
        return name
    if len(_others) < MAX_OTHER_OPERATIONS:
        _others.add(name)
        return name
    return "other"


def operation_done(name: object, outcome: str, seconds: float) -> None:
    label = operation_label(name)
    OPERATIONS.labels(label, outcome).inc()
    OPERATION_SECONDS.labels(label).observe(seconds)


def round_trip_done(query: str, outcome: str, seconds: float) -> None:
    ROUND_TRIPS.labels(query, outcome).inc()
    ROUND_TRIP_SECONDS.labels(query).observe(seconds)


async def endpoint(request: Request) -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


class HttpMetrics:
    """Counts and times every HTTP request by the template of the route that took it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        status = 500  # what the client gets if the app raises before answering

        async def observed(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, observed)
        finally:
            route = _route(scope)
            method = scope["method"] if scope["method"] in ("GET", "POST", "HEAD") else "other"
            HTTP_REQUESTS.labels(route, method, str(status)).inc()
            HTTP_SECONDS.labels(route).observe(time.perf_counter() - began)


def _route(scope: Scope) -> str:
    app: Any = scope.get("app")
    for route in getattr(getattr(app, "router", None), "routes", ()):
        match, _ = route.matches(scope)
        if match is not Match.NONE:
            return str(getattr(route, "path", "other"))
    return "unmatched"
