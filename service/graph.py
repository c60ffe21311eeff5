"""The graph boundary: named queries run through the Neo4j driver, driver errors translated.

Reads route as reads and writes as writes, always against the configured database and with a
server-side timeout, so `neo4j://` cluster URIs work unchanged.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

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
        routing = RoutingControl.READ if mode == "read" else RoutingControl.WRITE
        # A deadlock or a lock wait clears by itself: retried for up to retry_s. A connection
        # failure does not (Neo4j is down): the request fails now and `availability` fails the
        # next ones at once, instead of each waiting out retries.
        give_up = time.monotonic() + self.settings.retry_s
        delay = 0.05
        while True:
            try:
                async with self.round_trip(name):
                    result = await self.driver.execute_query(
                        query,
                        params,
                        routing_=routing,
                        database_=self.settings.database,
                    )
                # dict(record), not record.data(): queries return maps and scalars, never nodes, so
                # the recursive transform is work for nothing (about 1.5 ms on a profile).
                rows = [dict(record) for record in result.records]
                if column_types.CHECK_ROWS:
                    column_types.check(get(name), rows)
                return rows
            except errors.GraphError as exc:
                if not _passing(exc.__cause__) or time.monotonic() + delay > give_up:
                    raise
            await asyncio.sleep(delay)
            delay = min(2 * delay, 1.0)

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


# Named queries outside a request: the importer's batches and refreshes. Unlike `Graph`, no
# server-side timeout (a batch takes as long as it takes), and managed transactions, so the
# driver retries transient errors (a deadlock with another writer, a leader switch) by running
# the whole unit of work again.

# A unit of work: named queries run through a `Transaction`, with the Python between them, and
# what it answers.
T = TypeVar("T")
Work = Callable[["Transaction"], Awaitable[T]]


class Transaction:
    """Named queries inside one managed transaction. A write transaction runs read queries too
    (a unit of work reads what it is about to change); a read transaction only read ones."""

    def __init__(self, tx: neo4j.AsyncManagedTransaction, *, write: bool) -> None:
        self._tx = tx
        self._modes: tuple[Mode, ...] = ("read", "write") if write else ("read",)

    async def run(self, name: str, params: dict[str, Any]) -> list[Row]:
        query = for_call(name, params, modes=self._modes)
        rows = [record.data() async for record in await self._tx.run(query.text, params)]
        if column_types.CHECK_ROWS:
            column_types.check(query, rows)
        return rows

    async def _run(self, name: str, params: dict[str, Any], mode: Mode) -> list[Row]:
        """What the generated calls run: `mode` is the header's, and `run` holds the query's
        mode to what this transaction may run."""
        return await self.run(name, params)


async def _managed(driver: AsyncDriver, database: str, work: Work[T], *, write: bool) -> T:
    async def unit(tx: neo4j.AsyncManagedTransaction) -> T:
        return await work(Transaction(tx, write=write))

    try:
        async with driver.session(database=database) as session:
            if write:
                return await session.execute_write(unit)
            return await session.execute_read(unit)
    except (neo.Neo4jError, neo.DriverError) as exc:
        raise translate(exc) from exc


async def write_transaction(driver: AsyncDriver, database: str, work: Work[T]) -> T:
    """Run `work` as one managed write transaction: all of it or nothing, run again by the
    driver on a transient error; what it answers."""
    return await _managed(driver, database, work, write=True)


async def read_transaction(driver: AsyncDriver, database: str, work: Work[T]) -> T:
    """Run `work` as one managed read transaction (routed to a reader on a cluster)."""
    return await _managed(driver, database, work, write=False)


async def write_query(
    driver: AsyncDriver, database: str, name: str, params: dict[str, Any]
) -> list[Row]:
    """Run one named `@mode write` query in a managed write transaction; its rows."""
    modes: tuple[Mode] = ("write",)
    for_call(name, params, modes=modes)

    async def work(tx: Transaction) -> list[Row]:
        return await tx.run(name, params)

    return await write_transaction(driver, database, work)


async def read_query(
    driver: AsyncDriver, database: str, name: str, params: dict[str, Any]
) -> list[Row]:
    """Run one named query in a managed read transaction; its rows."""

    async def work(tx: Transaction) -> list[Row]:
        return await tx.run(name, params)

    return await read_transaction(driver, database, work)
