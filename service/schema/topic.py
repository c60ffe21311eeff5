"""Topics: the taxonomy's nodes (domain > field > subfield > topic, and concepts) and `topic(id)`.

A topic met inside a paper or a profile carries its id and name; everything its page shows
loads through the request's details loader, one round trip for every topic asked about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from service.calls import topic as calls
from service.schema.bounds import MAX_FIRST, bounded
from service.schema.context import Info, Row
from service.schema.details import Source, detail
from service.schema.paper import Paper, checked_id, papers

if TYPE_CHECKING:
    from service.schema.researcher import Researcher

ResearcherRef = Annotated["Researcher", strawberry.lazy("service.schema.researcher")]
DEFAULT_FIRST = 10
SOURCE = Source(calls.details, "topic", {"first": DEFAULT_FIRST})


@strawberry.type
class TopicResearcher:
    researcher: ResearcherRef
    works: int = strawberry.field(description="Their works on the topic (in the sample read).")


@strawberry.type
class Topic:
    id: strawberry.ID
    name: str
    _row: strawberry.Private[Row]

    async def _detail(self, info: Info, key: str, first: int = DEFAULT_FIRST) -> Any:
        return await detail(info, self, SOURCE, key, first=bounded(first, "first"))

    @strawberry.field(description='"domain", "field", "subfield", "topic" or "concept".')
    async def level(self, info: Info) -> str:
        return str(await self._detail(info, "level") or "topic")

    @strawberry.field
    async def description(self, info: Info) -> str | None:
        found = await self._detail(info, "description")
        return str(found) if found else None

    @strawberry.field
    async def keywords(self, info: Info) -> list[str]:
        return list(await self._detail(info, "keywords") or [])

    @strawberry.field(description="The broader levels it belongs to, nearest first.")
    async def broader(self, info: Info) -> list[Topic]:
        return [Topic.from_row(b) for b in await self._detail(info, "broader") or []]

    @strawberry.field(description="How many narrower topics it has.")
    async def narrower_count(self, info: Info) -> int:
        return int(await self._detail(info, "narrowerCount") or 0)

    @strawberry.field(description=f"Narrower topics by name; first <= {MAX_FIRST}.")
    async def narrower(self, info: Info, first: int = DEFAULT_FIRST) -> list[Topic]:
        return [Topic.from_row(n) for n in await self._detail(info, "narrower", first) or []]

    @strawberry.field(description="Works in the graph with this topic.")
    async def work_count(self, info: Info) -> int:
        return int(await self._detail(info, "workCount") or 0)

    @strawberry.field(description=f"Its most cited works; first <= {MAX_FIRST}.")
    async def works(self, info: Info, first: int = DEFAULT_FIRST) -> list[Paper]:
        return await papers(info, list(await self._detail(info, "works", first) or []))

    @strawberry.field(
        description=f"Researchers with most works on it among its 2,000 most recent works; "
        f"first <= {MAX_FIRST}."
    )
    async def researchers(self, info: Info, first: int = DEFAULT_FIRST) -> list[TopicResearcher]:
        from service.schema.researcher import Researcher

        rows = await self._detail(info, "researchers", first) or []
        return [
            TopicResearcher(researcher=Researcher.from_stub(r["researcher"]), works=r["works"])
            for r in rows
        ]

    @classmethod
    def from_row(cls, row: Row) -> Topic:
        return cls(id=row["id"], name=row.get("name") or "", _row=row)


@strawberry.type
class TopicShare:
    topic: Topic
    works: int = strawberry.field(description="The researcher's works on this topic.")


@strawberry.type
class TopicQuery:
    @strawberry.field(description="Null when no topic has this id.")
    async def topic(self, info: Info, id: strawberry.ID) -> Topic | None:
        found = await info.context.details(SOURCE.query, **SOURCE.defaults).load(
            checked_id(str(id))
        )
        return Topic.from_row(found) if found is not None else None
