# Generated from cypher/graph/*.cypher, do not edit; regenerate with `make queries`.
"""Parameters and rows of the queries in cypher/graph/, as TypedDicts."""

from __future__ import annotations

from typing import Any, TypedDict


class SliceParams(TypedDict):
    center: str
    yearFrom: int | None
    yearTo: int | None
    maxNodes: int
    exclude: list[str] | None
    kinds: list[str] | None


class SliceRow(TypedDict):
    center: str  # the center's id
    nodes: list[dict[str, Any]]  # the nodes, center first
    edges: list[dict[str, Any]]  # the edges among them
    truncated: bool  # whether the budget cut neighbours
    total: int  # neighbours before the budget
