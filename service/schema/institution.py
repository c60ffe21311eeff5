"""Institutions and `institution(id)`: identity, broader institutions, researchers, works.

An institution met as an affiliation carries id, name and country; its page's fields load
through the request's details loader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from service.calls import institution as calls
from service.schema.bounds import MAX_FIRST, bounded
from service.schema.context import Info, Row
from service.schema.details import Source, detail
from service.schema.paper import Paper, checked_id, papers

if TYPE_CHECKING:
    from service.schema.researcher import Researcher

ResearcherRef = Annotated["Researcher", strawberry.lazy("service.schema.researcher")]
DEFAULT_FIRST = 10
SOURCE = Source(calls.details, "institution", {"first": DEFAULT_FIRST})


@strawberry.type
class Affiliate:
    researcher: ResearcherRef
    works: int = strawberry.field(description="All their works in the graph.")
    last_year: int | None = strawberry.field(description="The last year they published there.")


@strawberry.type
class Institution:
    id: strawberry.ID
    name: str
    country_code: str | None
    _row: strawberry.Private[Row]

    async def _detail(self, info: Info, key: str, first: int = DEFAULT_FIRST) -> Any:
        return await detail(info, self, SOURCE, key, first=bounded(first, "first"))

    async def _text(self, info: Info, key: str) -> str | None:
        found = await self._detail(info, key)
        return str(found) if found else None

    @strawberry.field(description='"education", "company", "facility", ...')
    async def type(self, info: Info) -> str | None:
        return await self._text(info, "type")

    @strawberry.field
    async def city(self, info: Info) -> str | None:
        return await self._text(info, "city")

    @strawberry.field(description="The Research Organization Registry id, as a URL.")
    async def ror(self, info: Info) -> str | None:
        return await self._text(info, "ror")

    @strawberry.field
    async def homepage_url(self, info: Info) -> str | None:
        return await self._text(info, "homepageUrl")

    @strawberry.field
    async def acronyms(self, info: Info) -> list[str]:
        return list(await self._detail(info, "acronyms") or [])

    @strawberry.field(description="Institutions it is part of.")
    async def parents(self, info: Info) -> list[Institution]:
        return [Institution.from_row(p) for p in await self._detail(info, "parents") or []]

    @strawberry.field(description="Researchers in the graph affiliated with it.")
    async def researcher_count(self, info: Info) -> int:
        return int(await self._detail(info, "researcherCount") or 0)

    @strawberry.field(description=f"Most recently affiliated first; first <= {MAX_FIRST}.")
    async def researchers(self, info: Info, first: int = DEFAULT_FIRST) -> list[Affiliate]:
        from service.schema.researcher import Researcher

        rows = await self._detail(info, "researchers", first) or []
        return [
            Affiliate(
                researcher=Researcher.from_stub(r["researcher"]),
                works=r["works"],
                last_year=r.get("lastYear"),
            )
            for r in rows
        ]

    @strawberry.field(
        description=f"The most cited works written there (by its 500 most recently affiliated "
        f"researchers); first <= {MAX_FIRST}."
    )
    async def works(self, info: Info, first: int = DEFAULT_FIRST) -> list[Paper]:
        return await papers(info, list(await self._detail(info, "works", first) or []))

    @classmethod
    def from_row(cls, row: Row) -> Institution:
        return cls(
            id=row["id"], name=row.get("name") or "", country_code=row.get("countryCode"), _row=row
        )


@strawberry.type
class InstitutionQuery:
    @strawberry.field(description="Null when no institution has this id.")
    async def institution(self, info: Info, id: strawberry.ID) -> Institution | None:
        found = await info.context.details(SOURCE.query, **SOURCE.defaults).load(
            checked_id(str(id))
        )
        return Institution.from_row(found) if found is not None else None
