"""The graph boundary: named queries run through the Neo4j driver, driver errors translated.

Reads route as reads and writes as writes, always against the configured database and with a
server-side timeout, so `neo4j://` cluster URIs work unchanged.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import neo4j
from neo4j import AsyncDriver, AsyncGraphDatabase, RoutingControl
from neo4j import exceptions as neo
from service import column_types, errors, metrics
from service.availability import CONNECTIVITY, UNAVAILABLE, Availability
from service.queries import Mode, for_call, get, schema_statements
from service.settings import Neo4jSettings

Row = dict[str, Any]

# Most specific class first; the first entry in a class's MRO wins (see `translate`).
_BY_CLASS: dict[type[Exception], type[errors.GraphError]] = {
    neo.ConstraintError: errors.Conflict,
    neo.CypherSyntaxError: errors.InvalidInput,
    neo.CypherTypeError: errors.InvalidInput,
    neo.AuthError: errors.Unavailable,
    neo.Forbidden: errors.ReadOnly,
    neo.ForbiddenOnReadOnlyDatabase: errors.ReadOnly,
    neo.ClientError: errors.InvalidInput,
    neo.TransientError: errors.Unavailable,
    neo.DatabaseError: errors.Unavailable,
    neo.Neo4jError: errors.GraphError,
    neo.ServiceUnavailable: errors.Unavailable,
    neo.SessionExpired: errors.Unavailable,
    neo.ConnectionPoolError: errors.Unavailable,
    neo.ConfigurationError: errors.Unavailable,
    neo.DriverError: errors.GraphError,
}
# Server status codes that say more than the exception class does.
_BY_CODE: dict[str, type[errors.GraphError]] = {
    "Neo.ClientError.Statement.AccessMode": errors.ReadOnly,
    "Neo.ClientError.Transaction.TransactionTimedOut": errors.QueryTimeout,
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration": errors.QueryTimeout,
    "Neo.TransientError.Transaction.LockClientStopped": errors.QueryTimeout,
    # What a lock wait that outlives the transaction timeout raises (contended writes).
    "Neo.ClientError.Transaction.LockClientStopped": errors.QueryTimeout,
    "Neo.ClientError.Transaction.TransactionMarkedAsFailed": errors.QueryTimeout,
}
_MESSAGES: dict[type[errors.GraphError], str] = {
    errors.Unavailable: UNAVAILABLE,
    errors.QueryTimeout: "the query took too long and was stopped",
    errors.ReadOnly: "this query may only read; the database refused a write",
    errors.GraphError: "the graph database reported an internal error",
    # Server text for these can quote the query; clients get a fixed sentence, logs the detail.
    errors.InvalidInput: "the database rejected the request as invalid",
    errors.Conflict: "the change conflicts with data already in the graph",
}


def translate(exc: Exception) -> errors.GraphError:
    """Map a driver exception to the domain tree with a message safe to show a client."""
    code = getattr(exc, "code", None)
    kind = _BY_CODE.get(code) if isinstance(code, str) else None
    if kind is None:
        kind = next((_BY_CLASS[c] for c in type(exc).__mro__ if c in _BY_CLASS), errors.GraphError)
    detail = getattr(exc, "message", None) or str(exc)
    message = _MESSAGES.get(kind, detail)
    if kind in (errors.ReadOnly,) and detail:
        message = f"{message}: {detail}"
    return kind(message)


def _query(name: str, params: dict[str, Any], mode: Mode, timeout_s: float) -> neo4j.Query:
    # The header's contract, checked before anything reaches the driver (service/queries.py).
    return neo4j.Query(for_call(name, params, modes=(mode,)).text, timeout=timeout_s)


def open_driver(settings: Neo4jSettings, *, serving: bool = False) -> AsyncDriver:
    """The driver; `serving` for the service's, which must fail fast while Neo4j is down (see
    service/availability.py): no retries inside the driver (`Graph` retries only what waiting
    can fix) and a bounded wait for a pooled connection. Batch jobs keep the driver's patient
    defaults."""
    metrics.POOL_SIZE.set(settings.max_pool_size)
    return AsyncGraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password.get_secret_value()),
        connection_timeout=settings.connect_timeout_s,
        connection_acquisition_timeout=settings.acquire_timeout_s if serving else 60.0,
        max_transaction_retry_time=0.0 if serving else 30.0,
        max_connection_pool_size=settings.max_pool_size,
        # Warnings such as "label does not exist yet" on an empty graph are not errors here.
        notifications_min_severity="OFF",
    )


class Graph:
    """One request's access to Neo4j; counts its round trips so tests can hold the N+1 line.

    With the app's `availability`, a round trip fails at once while Neo4j is known to be down,
    and one that cannot reach it marks it down."""

    def __init__(
        self,
        driver: AsyncDriver,
        settings: Neo4jSettings,
        availability: Availability | None = None,
    ) -> None:
        self.driver = driver
        self.settings = settings
        self.availability = availability
        self.round_trips = 0

    async def _run(self, name: str, params: dict[str, Any], mode: Mode) -> list[Row]:
        """Run query `name` with exactly its declared parameters, a `@mode read` one routed to
        a reader. Only the generated calls (service/calls/) use it: code calls those."""
        query = _query(name, params, mode, self.settings.query_timeout_s)
        # A deadlock or a lock wait clears by itself: retried for up to retry_s. A connection
        # failure does not (Neo4j is down): the request fails now and `availability` fails the
        # next ones at once, instead of each waiting out retries.
        give_up = time.monotonic() + self.settings.retry_s
        delay = 0.05
        while True:
            try:
                async with self.round_trip(name):
                    rows = await (
                        self._read(query, params) if mode == "read" else self._write(query, params)
                    )
                if column_types.CHECK_ROWS:
                    column_types.check(get(name), rows)
                return rows
            except errors.GraphError as exc:
                if not _passing(exc.__cause__) or time.monotonic() + delay > give_up:
                    raise
            await asyncio.sleep(delay)
            delay = min(2 * delay, 1.0)

    # dict(record), not record.data(): queries return maps and scalars, never nodes, so the
    # recursive transform is work for nothing (about 1.5 ms on a profile).

    async def _read(self, query: neo4j.Query, params: dict[str, Any]) -> list[Row]:
        # An auto-commit transaction in a read-access session: routed to a reader, and the server
        # refuses a write in it as in any read transaction (Neo.ClientError.Statement.AccessMode),
        # but it is one exchange (RUN and PULL) where a managed transaction adds a COMMIT: 3.96
        # against 4.48 ms p50 for the profile card. The driver would not retry either here
        # (`open_driver`: serving drivers have no retry time); `_run` retries what may pass. The
        # shared bookmark manager keeps a read after this process's write seeing it.
        async with self.driver.session(
            database=self.settings.database,
            default_access_mode=neo4j.READ_ACCESS,
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        ) as session:
            result = await session.run(query, params)
            return [dict(record) async for record in result]

    async def _write(self, query: neo4j.Query, params: dict[str, Any]) -> list[Row]:
        result = await self.driver.execute_query(
            query, params, routing_=RoutingControl.WRITE, database_=self.settings.database
        )
        return [dict(record) for record in result.records]

    @asynccontextmanager
    async def round_trip(self, name: str) -> AsyncIterator[None]:
        """One query sent to Neo4j inside: counted, timed, bounded, its errors translated."""
        if self.availability is not None:
            self.availability.check()
        self.round_trips += 1
        began = time.perf_counter()
        outcome = "ok"
        metrics.CONNECTIONS_IN_USE.inc()
        try:
            # The server stops a query at query_timeout_s; this bounds a server that stopped
            # answering altogether.
            async with asyncio.timeout(self.settings.query_timeout_s + 2):
                yield
        except TimeoutError as exc:
            outcome = errors.QueryTimeout.code
            raise errors.QueryTimeout(_MESSAGES[errors.QueryTimeout]) from exc
        except (neo.Neo4jError, neo.DriverError) as exc:
            translated = translate(exc)
            outcome = translated.code
            self._lost(exc)
            raise translated from exc
        except errors.GraphError as exc:
            # Already translated by a caller's own driver call (the saved-query runner).
            outcome = exc.code
            self._lost(exc.__cause__)
            raise
        finally:
            metrics.CONNECTIONS_IN_USE.dec()
            metrics.round_trip_done(name, outcome, time.perf_counter() - began)

    def _lost(self, cause: BaseException | None) -> None:
        if self.availability is not None and isinstance(cause, CONNECTIVITY):
            self.availability.lost(type(cause).__name__)


def _passing(cause: BaseException | None) -> bool:
    """A refusal that retrying the same transaction may get past."""
    return (
        isinstance(cause, neo.Neo4jError)
        and cause.is_retryable()
        and not isinstance(cause, CONNECTIVITY)
    )


async def setup_schema(driver: AsyncDriver, database: str) -> None:
    """Create constraints and indexes (idempotent) and wait until they are online.

    Each statement runs as a managed write that the driver retries for up to 30 s (also on the
    service's driver, which otherwise does not retry), for the transient errors two processes
    meet when they set the schema up at once (a service starting beside a seed).
    """

    async def apply(tx: neo4j.AsyncManagedTransaction, statement: str) -> None:
        await (await tx.run(statement)).consume()

    try:
        async with driver.session(database=database, max_transaction_retry_time=30.0) as session:
            for statement in schema_statements():
                await session.execute_write(apply, statement)
            await (await session.run("CALL db.awaitIndexes(300)")).consume()
    except (neo.Neo4jError, neo.DriverError) as exc:
        raise translate(exc) from exc
