"""What every resolver gets: the request's graph access and its per-request loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader

from service.graph import Graph
from service.schema.bounds import decode_cursor

Card = dict[str, Any]
CURSOR_FIELDS = ("date", "title", "id")


@dataclass(frozen=True)
class Sections:
    """Which profile sections a card carries, with their arguments (0: not fetched)."""

    works_first: int = 0
    works_after: str | None = None
    topics_first: int = 0
    collaborators_first: int = 0


NO_SECTIONS = Sections()


@dataclass
class Context:
    graph: Graph
    _loaders: dict[Sections, DataLoader[str, Card | None]] = field(default_factory=dict)

    def cards(self, sections: Sections = Sections()) -> DataLoader[str, Card | None]:
        """Cards by researcher id, batched per request and per set of sections, so each
        level of nested researchers costs one round trip whatever its size."""
        loader = self._loaders.get(sections)
        if loader is None:

            async def load(ids: list[str]) -> list[Card | None]:
                rows = await self.graph.read(
                    "researcher/cards", **card_params(ids=ids, sections=sections)
                )
                found = {row["card"]["id"]: row["card"] for row in rows}
                return [found.get(i) for i in ids]

            loader = self._loaders[sections] = DataLoader(load_fn=load)
        return loader


def card_params(
    *,
    ids: list[str] | None = None,
    text: str | None = None,
    first: int | None = None,
    sections: Sections = Sections(),
) -> dict[str, Any]:
    """Parameters of `cypher/researcher/cards.cypher`; sections only when one is asked for."""
    return {
        "ids": ids,
        "text": text,
        "first": first if first is not None else len(ids or ()),
        "sections": bool(
            sections.works_first or sections.topics_first or sections.collaborators_first
        ),
        "worksFirst": sections.works_first,
        "worksAfter": decode_cursor(sections.works_after, CURSOR_FIELDS, "works.after"),
        "topicsFirst": sections.topics_first,
        "collaboratorsFirst": sections.collaborators_first,
    }
