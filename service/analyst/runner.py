"""Running saved queries: parameters checked first, then a read transaction with a row cap.

Safety does not rest on reading the Cypher: the transaction runs in read access mode, so the
database itself refuses a write (`ReadOnly`), and a server-side timeout stops a runaway query
(`QueryTimeout`). Only names in the catalogue can run; there is no path for other Cypher text.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import AsyncDriver, AsyncResult, RoutingControl
from neo4j import exceptions as neo
from service import errors
from service.analyst.catalogue import Catalogue, SavedQuery, default_catalogue
from service.analyst.types import Column, InvalidParameter, check, check_column, from_text
from service.graph import translate
from service.settings import Neo4jSettings

# Rows one run may return; a query's own LIMIT is usually lower, this is the backstop.
ROW_CAP = 1000


@dataclass(frozen=True)
class Result:
    query: SavedQuery
    params: dict[str, Any]
    columns: tuple[Column, ...]
    rows: list[list[Any]]
    truncated: bool
    seconds: float

    def records(self) -> list[dict[str, Any]]:
        """Rows as objects keyed by column name."""
        names = [c.name for c in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]


def bind(query: SavedQuery, params: Mapping[str, Any]) -> dict[str, Any]:
    """Every parameter the query takes, checked against its header, defaults filled in."""
    known = {p.name for p in query.parameters}
    for name in params:
        if name not in known:
            takes = ", ".join(sorted(known)) or "no parameters"
            raise InvalidParameter(name, f"{query.name} does not take it (it takes {takes})")
    bound: dict[str, Any] = {}
    for param in query.parameters:
        if param.name in params:
            bound[param.name] = check(param, params[param.name])
        elif param.required:
            raise InvalidParameter(param.name, f"required by {query.name} ({param.type})")
        else:
            bound[param.name] = param.default
    return bound


def bind_text(query: SavedQuery, pairs: list[str]) -> dict[str, Any]:
    """`name=value` pairs from a command line, converted by declared type, then bound."""
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InvalidParameter(pair, "write parameters as name=value")
        param = query.parameter(name)
        # Unknown names fall through to bind(), which names what the query does take.
        params[name] = from_text(param, text) if param is not None else text
    return bind(query, params)


class Runner:
    """Runs catalogue queries by name against one database with a timeout and a row cap."""

    def __init__(
        self,
        driver: AsyncDriver,
        settings: Neo4jSettings,
        catalogue: Catalogue | None = None,
        *,
        row_cap: int = ROW_CAP,
        timeout_s: float | None = None,
    ) -> None:
        self.driver = driver
        self.settings = settings
        # `is not None`: an empty catalogue is falsy but still the one asked for.
        self.catalogue = catalogue if catalogue is not None else default_catalogue()
        self.row_cap = row_cap
        self.timeout_s = timeout_s if timeout_s is not None else settings.query_timeout_s
        self.round_trips = 0

    async def run(self, name: str, params: Mapping[str, Any] | None = None) -> Result:
        query = self.catalogue.get(name)
        return await self.execute(query, bind(query, params or {}))

    async def run_text(self, name: str, pairs: list[str]) -> Result:
        query = self.catalogue.get(name)
        return await self.execute(query, bind_text(query, pairs))

    async def execute(self, query: SavedQuery, bound: dict[str, Any]) -> Result:
        """Run an already bound query: read access mode, timeout, at most `row_cap` rows."""
        cap = self.row_cap

        async def take(result: AsyncResult) -> tuple[list[str], list[list[Any]], bool]:
            rows: list[list[Any]] = []
            async for record in result:
                if len(rows) == cap:
                    return list(result.keys()), rows, True
                rows.append(list(record.values()))
            return list(result.keys()), rows, False

        self.round_trips += 1
        began = time.monotonic()
        try:
            keys, rows, truncated = await self.driver.execute_query(
                neo4j.Query(query.text, timeout=self.timeout_s),
                bound,
                routing_=RoutingControl.READ,
                database_=self.settings.database,
                result_transformer_=take,
            )
        except (neo.Neo4jError, neo.DriverError) as exc:
            raise translate(exc) from exc
        declared = [c.name for c in query.columns]
        if keys != declared:
            # A file whose RETURN drifted from its header: a bug, caught by the catalogue tests.
            raise errors.GraphError(f"saved query {query.name} returned {keys}, not {declared}")
        typed = [
            [check_column(query.name, c, v) for c, v in zip(query.columns, row, strict=True)]
            for row in rows
        ]
        return Result(query, bound, query.columns, typed, truncated, time.monotonic() - began)
