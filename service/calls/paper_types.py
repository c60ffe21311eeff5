# Generated from cypher/paper/*.cypher, do not edit; regenerate with `make queries`.
"""Parameters and rows of the queries in cypher/paper/, as TypedDicts."""

from __future__ import annotations

from typing import Any, TypedDict


class DetailsParams(TypedDict):
    ids: list[str]
    authorsFirst: int
    linksFirst: int


class DetailsRow(TypedDict):
    item: dict[str, Any]  # the paper's page data
