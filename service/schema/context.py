"""What every resolver gets: the request's graph access and its per-request loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader

from service.graph import Graph


@dataclass
class Context:
    graph: Graph
    # Cards by researcher id, batched per request so nested researchers cost one round trip.
    cards: DataLoader[str, dict[str, Any] | None] = field(init=False)

    def __post_init__(self) -> None:
        self.cards = DataLoader(load_fn=self._load_cards)

    async def _load_cards(self, ids: list[str]) -> list[dict[str, Any] | None]:
        rows = await self.graph.read("researcher/cards", **card_params(ids=ids))
        found = {row["card"]["id"]: row["card"] for row in rows}
        return [found.get(i) for i in ids]


def card_params(
    *,
    ids: list[str] | None = None,
    text: str | None = None,
    first: int | None = None,
    works_first: int = 0,
    works_after: dict[str, Any] | None = None,
    topics_first: int = 0,
    collaborators_first: int = 0,
) -> dict[str, Any]:
    """Parameters of `cypher/researcher/cards.cypher`; sections only when one is asked for."""
    return {
        "ids": ids,
        "text": text,
        "first": first if first is not None else len(ids or ()),
        "sections": bool(works_first or topics_first or collaborators_first),
        "worksFirst": works_first,
        "worksAfter": works_after,
        "topicsFirst": topics_first,
        "collaboratorsFirst": collaborators_first,
    }
