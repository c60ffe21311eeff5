"""What the generated calls (service/calls/) run through and how they shape the rows.

A call runs on a `Runner`: a request's `Graph` (service/graph.py) or an importer's `Transaction`
(service/transactions.py), both holding the call to the query's header before anything reaches
Neo4j. `_run` is private to the generated code: application code calls the typed functions, never
a query by its name.
"""

from __future__ import annotations

from typing import Any, Protocol

from service.queries import Mode

Row = dict[str, Any]


class Runner(Protocol):
    async def _run(self, name: str, params: dict[str, Any], mode: Mode) -> list[Row]:
        """The rows of query `name` (its header's `mode`) with exactly its parameters."""
        ...


class NoRow(LookupError):
    """A `@rows one` query answered no row: its header or its text is wrong. A programming
    error, never the user's (callers rely on the row being there)."""


def one(name: str, rows: list[Row]) -> Row:
    """The row of a `@rows one` query; `NoRow` when there is none."""
    if not rows:
        raise NoRow(f"{name} is a @rows one query and answered no row")
    return rows[0]


def optional(rows: list[Row]) -> Row | None:
    """The row of a `@rows optional` query, None when there is none."""
    return rows[0] if rows else None
