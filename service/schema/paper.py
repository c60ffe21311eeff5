"""Papers: the one type a profile's works, the paper page and the explorer share, and `paper(id)`.

A paper built from a profile's works page carries its contract fields, authors and topics; the
page-only fields (citations, references, links) load through the request's details loader, so
a list of papers asking for them costs one more round trip, not one per paper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from service import errors
from service.calls import paper as calls
from service.schema.context import Info, Row
from service.schema.details import Source, detail
from service.schema.types import PageInfo

if TYPE_CHECKING:
    from service.schema.researcher import Researcher
    from service.schema.topic import Topic

ResearcherRef = Annotated["Researcher", strawberry.lazy("service.schema.researcher")]
TopicRef = Annotated["Topic", strawberry.lazy("service.schema.topic")]
# A page lists at most this many authors (collaborations can sign thousands); authorCount says
# how many there are.
MAX_AUTHORS = 500
LINKS = 20
MAX_ID_LENGTH = 200
SOURCE = Source(calls.details, "paper", {"authorsFirst": MAX_AUTHORS, "linksFirst": LINKS})


async def papers(info: Info, ids: list[str]) -> list[Paper]:
    """Papers by id in the given order, in one batch; ids that name nothing are left out."""
    return [
        Paper.from_row(row) for row in await SOURCE.loader(info).load_many(ids) if row is not None
    ]


def checked_id(id: str, argument: str = "id") -> str:
    if not 0 < len(id) <= MAX_ID_LENGTH:
        raise errors.Invalid(f"{argument} must be 1 to {MAX_ID_LENGTH} characters", argument)
    return id


@strawberry.type
class Paper:
    id: strawberry.ID
    title: str
    abstract: str | None
    year: int | None
    type: str = strawberry.field(description='"preprint", "article", ...')
    venue: str | None = strawberry.field(description="The primary location's source.")
    doi: str | None
    _row: strawberry.Private[Row]

    @strawberry.field(description="In byline order.")
    def authors(self) -> list[ResearcherRef]:
        from service.schema.researcher import Researcher

        return [Researcher.from_stub(a) for a in self._row.get("authors") or []]

    @strawberry.field(description="Best-scored first.")
    def topics(self) -> list[TopicRef]:
        from service.schema.topic import Topic

        return [Topic.from_row(t) for t in self._row.get("topics") or []]

    async def _detail(self, info: Info, key: str) -> Any:
        return await detail(info, self, SOURCE, key)

    @strawberry.field(description="Authors on the byline; `authors` lists at most 500.")
    async def author_count(self, info: Info) -> int:
        return int(await self._detail(info, "authorCount") or 0)

    @strawberry.field(description="Citations OpenAlex counts, from anywhere (null if unknown).")
    async def cited_by_count(self, info: Info) -> int | None:
        found = await self._detail(info, "citedByCount")
        return int(found) if found is not None else None

    @strawberry.field(description="A known paper that is only cited here, never imported.")
    async def stub(self, info: Info) -> bool:
        return bool(await self._detail(info, "stub"))

    @strawberry.field
    async def landing_page_url(self, info: Info) -> str | None:
        found = await self._detail(info, "landingPageUrl")
        return str(found) if found else None

    @strawberry.field(description="An open-access copy, when one is known.")
    async def open_access_url(self, info: Info) -> str | None:
        found = await self._detail(info, "oaUrl")
        return str(found) if found else None

    @strawberry.field
    async def retracted(self, info: Info) -> bool:
        return bool(await self._detail(info, "isRetracted"))

    @strawberry.field
    async def keywords(self, info: Info) -> list[str]:
        return list(await self._detail(info, "keywords") or [])

    @strawberry.field(description="Works this paper cites that are in the graph (stubs too).")
    async def reference_count(self, info: Info) -> int:
        return int(await self._detail(info, "referenceCount") or 0)

    @strawberry.field(description=f"Cited works imported in full, most cited first (<= {LINKS}).")
    async def references(self, info: Info) -> list[Paper]:
        return await papers(info, list(await self._detail(info, "references") or []))

    @strawberry.field(description="Papers in the graph that cite this one.")
    async def cited_by_in_graph(self, info: Info) -> int:
        return int(await self._detail(info, "citedByCountInGraph") or 0)

    @strawberry.field(description=f"Papers in the graph citing this one, most cited first "
                      f"(<= {LINKS}).")  # fmt: skip
    async def cited_by(self, info: Info) -> list[Paper]:
        return await papers(info, list(await self._detail(info, "citedBy") or []))

    @classmethod
    def from_row(cls, row: Row) -> Paper:
        return cls(
            id=row["id"],
            title=row.get("title") or "",
            abstract=row.get("abstract"),
            year=row.get("year"),
            type=row.get("type") or "article",
            venue=row.get("venue"),
            doi=row.get("doi"),
            _row=row,
        )


@strawberry.type
class PaperEdge:
    cursor: str
    node: Paper


@strawberry.type
class PaperConnection:
    total_count: int
    page_info: PageInfo
    edges: list[PaperEdge]


@strawberry.type
class PaperQuery:
    @strawberry.field(description="Null when no paper has this id.")
    async def paper(self, info: Info, id: strawberry.ID) -> Paper | None:
        found = await SOURCE.loader(info).load(checked_id(str(id)))
        return Paper.from_row(found) if found is not None else None
