# Generated from cypher/institution/*.cypher, do not edit; regenerate with `make queries`.
"""Parameters and rows of the queries in cypher/institution/, as TypedDicts."""

from __future__ import annotations

from typing import Any, TypedDict


class DetailsParams(TypedDict):
    ids: list[str]
    first: int


class DetailsRow(TypedDict):
    item: dict[str, Any]  # the institution's page data
