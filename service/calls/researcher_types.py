# Generated from cypher/researcher/*.cypher, do not edit; regenerate with `make queries`.
"""Parameters and rows of the queries in cypher/researcher/, as TypedDicts."""

from __future__ import annotations

from typing import Any, TypedDict

from service.shapes import Card


class CardsParams(TypedDict):
    ids: list[str] | None
    text: str | None
    first: int
    sections: bool
    topicsFirst: int
    worksAfter: dict[str, Any] | None
    worksFirst: int
    closeMinShared: int
    collaboratorsFirst: int
    coauthorsFirst: int


class CardsRow(TypedDict):
    card: Card  # the researcher's card (its keys: service/shapes.py, Card)


class ExistsParams(TypedDict):
    id: str


class ExistsRow(TypedDict):
    id: str  # its id


class TopParams(TypedDict):
    first: int


class TopRow(TypedDict):
    id: str  # a researcher id
