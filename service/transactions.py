"""Named queries outside a request: the importer's batches and refreshes, the bulk load's checks.

Unlike a request's `Graph` (service/graph.py), no server-side timeout (a batch takes as long as it
takes), and managed transactions, so the driver retries transient errors (a deadlock with another
writer, a leader switch) by running the whole unit of work again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import neo4j
from neo4j import AsyncDriver
from neo4j import exceptions as neo
from service import column_types
from service.graph import Row, translate
from service.queries import Mode, for_call

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
