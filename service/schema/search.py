"""Search that forgives accents and typos: researchers by name, and everything for the search
box (`service/search.py` builds the full-text query)."""

from __future__ import annotations

import strawberry

from service import errors
from service.calls.researcher import cards
from service.calls.search import nodes
from service.schema.bounds import MAX_FIRST, bounded
from service.schema.context import Info, card_params
from service.schema.researcher import Researcher
from service.schema.types import NodeKind
from service.search import EmptyQuery, lucene_query

MAX_SEARCH_LENGTH = 200


def _query(text: str) -> str:
    if len(text) > MAX_SEARCH_LENGTH:
        raise errors.Invalid(f"text must be at most {MAX_SEARCH_LENGTH} characters", "text")
    try:
        return lucene_query(text)
    except EmptyQuery as exc:
        raise errors.Invalid(str(exc), "text") from None


@strawberry.type(description="One search result: enough to show it in a list and link to it.")
class SearchHit:
    id: strawberry.ID
    kind: NodeKind
    label: str
    detail: str | None = strawberry.field(
        description="A researcher's institution, a paper's year, a topic's level, an "
        "institution's country."
    )
    score: float


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description=f"Researchers by name, forgiving accents and typos; first <= {MAX_FIRST}."
    )
    async def search_researchers(self, info: Info, text: str, first: int = 10) -> list[Researcher]:
        bounded(first, "first")
        rows = await cards(info.context.graph, **card_params(text=_query(text), first=first))
        return [Researcher.from_card(row["card"]) for row in rows]

    @strawberry.field(
        description=f"Researchers, papers, topics and institutions by name or title, best "
        f"first, forgiving accents and typos (the search box); first <= {MAX_FIRST}."
    )
    async def search(
        self, info: Info, text: str, kinds: list[NodeKind] | None = None, first: int = 10
    ) -> list[SearchHit]:
        bounded(first, "first")
        rows = await nodes(
            info.context.graph,
            query=_query(text),
            kinds=[k.value for k in kinds] if kinds is not None else None,
            first=first,
        )
        return [
            SearchHit(
                id=strawberry.ID(row["id"]),
                kind=NodeKind(row["kind"]),
                label=row["label"],
                detail=row["detail"],
                score=row["score"],
            )
            for row in rows
        ]
