# Generated from cypher/search/*.cypher, do not edit; regenerate with `make queries`.
"""Parameters and rows of the queries in cypher/search/, as TypedDicts."""

from __future__ import annotations

from typing import TypedDict


class NodesParams(TypedDict):
    kinds: list[str] | None
    query: str
    first: int


class NodesRow(TypedDict):
    id: str  # the node's id
    kind: str  # its kind
    label: str  # what to show
    detail: str | None  # a second line
    score: float  # the hit's score
