"""Researchers and their works: the profile page's types and its two top-level fields.

`researcher(id)` looks ahead at the selection and fetches the card with every section the
request asks for in one Cypher round trip. Researchers reached deeper (authors, collaborators)
start as stubs and load their cards through the per-request DataLoader, one round trip a level.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

import strawberry

from service import errors, trust
from service.calls.claims import viewer_may_vouch
from service.calls.researcher import top
from service.collaborators import CLOSE_MIN_SHARED
from service.identity.clock import native
from service.schema.bounds import (
    MAX_FIRST,
    bounded,
    decode_cursor,
    encode_cursor,
)
from service.schema.context import (
    CURSOR_FIELDS,
    DEFAULT_COLLABORATORS,
    DEFAULT_TOPICS,
    DEFAULT_WORKS,
    NO_SECTIONS,
    Info,
    Row,
    Sections,
    wanted_sections,
)
from service.schema.institution import Institution
from service.schema.paper import Paper, PaperConnection, PaperEdge
from service.schema.topic import Topic, TopicShare
from service.schema.types import PageInfo, ResearcherCounts, TrustSignal, TrustSnapshot
from service.shapes import Card, CardWork, CollaboratorEntry

VOUCHABLE = viewer_may_vouch
MAX_ID_LENGTH = 200
MAX_SEARCH_LENGTH = 200


def _cursor_of(work: CardWork) -> str:
    return encode_cursor({"date": work["sortDate"], "title": work["title"], "id": work["id"]})


@strawberry.type
class Collaborator:
    researcher: Researcher
    shared_works: int
    strength: float = strawberry.field(
        description="Sum over shared works of 1/(byline-1), decayed 0.8 a year before the "
        "researcher's latest work."
    )
    last_year: int | None

    @classmethod
    def from_row(cls, row: CollaboratorEntry) -> Collaborator:
        return cls(
            researcher=Researcher.from_stub(row["researcher"]),
            shared_works=row["sharedWorks"],
            strength=row["strength"],
            last_year=row.get("lastYear"),
        )


@strawberry.type(description="The active claim on a record, as anyone may see it.")
class PublicClaim:
    id: strawberry.ID
    level: int = strawberry.field(description="The verification level it earned (L2..L4).")
    since: datetime
    vouches: int = strawberry.field(description="Co-authors who vouched for it.")


@strawberry.type
class Researcher:
    id: strawberry.ID
    name: str
    open_to_collaborate: bool
    claimed: bool
    _headline: strawberry.Private[str | None]
    _card: strawberry.Private[Card | None]
    _sections: strawberry.Private[Sections]

    @classmethod
    def from_stub(cls, stub: Row) -> Researcher:
        # Stubs come from many queries' plain maps as well as from shaped ones (PersonStub, Card).
        return cls(
            id=strawberry.ID(stub["id"]),
            name=stub.get("name") or "",
            open_to_collaborate=bool(stub.get("openToCollaborate")),
            claimed=bool(stub.get("claimed")),
            _headline=stub.get("headline"),
            _card=None,
            _sections=NO_SECTIONS,
        )

    @classmethod
    def from_card(cls, card: Card, sections: Sections = NO_SECTIONS) -> Researcher:
        researcher = cls.from_stub(card)
        researcher._card = card
        researcher._sections = sections
        return researcher

    async def _full(self, info: Info) -> Card:
        if self._card is None:
            card = await info.context.cards().load(str(self.id))
            if card is None:
                raise errors.Missing(f"researcher {self.id} no longer exists")
            self._card = card
        return self._card

    async def _with_sections(self, info: Info, wanted: Sections, reuse: bool) -> Card:
        if reuse and self._card is not None:
            return self._card
        card = await info.context.cards(wanted).load(str(self.id))
        if card is None:
            raise errors.Missing(f"researcher {self.id} no longer exists")
        return card

    @strawberry.field(description="Set by the record's owner, else drawn from its top topics.")
    async def headline(self, info: Info) -> str | None:
        if self._headline:
            return self._headline
        topics = [name for name in (await self._full(info))["topTopics"] if name]
        if not topics:
            return None
        return f"{self.name} works on {' and '.join(topics)}."

    @strawberry.field(description="Whether the logged-in viewer follows them; false if anonymous.")
    async def viewer_follows(self, info: Info) -> bool:
        return (await info.context.relations.load(str(self.id))).follows

    @strawberry.field(
        description="Whether the logged-in viewer owns (has claimed) this record; false if "
        "anonymous. Owners see the release and collaboration controls."
    )
    async def viewer_owns(self, info: Info) -> bool:
        return (await info.context.relations.load(str(self.id))).owns

    @strawberry.field(description="The active claim, null while the record is unclaimed.")
    async def active_claim(self, info: Info) -> PublicClaim | None:
        found = (await self._full(info)).get("activeClaim")
        if not found:
            return None
        return PublicClaim(
            id=strawberry.ID(found["id"]), level=found["level"], since=native(found["since"]),
            vouches=found["vouches"],
        )  # fmt: skip

    @strawberry.field(
        description="Whether the viewer may vouch for the active claim (they own a co-author's "
        "record and have not vouched yet); false if anonymous."
    )
    async def viewer_may_vouch(self, info: Info) -> bool:
        user = await info.context.user()
        if user is None:
            return False
        found = await info.context.details(VOUCHABLE, userId=user.id).load(str(self.id))
        return found is not None and not found["vouched"]

    @strawberry.field(description="Short topics the owner wants to collaborate on.")
    async def collaboration_interests(self, info: Info) -> list[str]:
        return list((await self._full(info)).get("collaborationInterests") or [])

    @strawberry.field(description='Null renders as "Affiliation not imported".')
    async def affiliation(self, info: Info) -> Institution | None:
        found = (await self._full(info)).get("affiliation")
        return Institution.from_row(found) if found else None

    @strawberry.field
    async def trust(self, info: Info) -> TrustSnapshot:
        card = await self._full(info)
        result = trust.snapshot(int(card["verificationLevel"]), card["trustInputs"])
        return TrustSnapshot(
            score=result.score,
            label=result.label,
            verification_level=result.verification_level,
            model_version=result.model_version,
            signals=[
                TrustSignal(
                    name=s.name,
                    value=s.value,
                    contribution=s.contribution,
                    explanation=s.explanation,
                )
                for s in result.signals
            ],
        )

    @strawberry.field
    async def counts(self, info: Info) -> ResearcherCounts:
        counts = (await self._full(info))["counts"]
        return ResearcherCounts(
            works=counts["works"],
            followers=counts["followers"],
            topics=counts["topics"],
            coauthors=counts["coauthors"],
            close_collaborators=counts["closeCollaborators"],
        )

    @strawberry.field(description=f"Newest first; first <= {MAX_FIRST}.")
    async def works(
        self, info: Info, first: int = DEFAULT_WORKS, after: str | None = None
    ) -> PaperConnection:
        bounded(first, "first")
        decode_cursor(after, CURSOR_FIELDS)  # a bad cursor is the caller's error, said first
        reuse = (self._sections.works_first, self._sections.works_after) == (first, after)
        card = await self._with_sections(
            info, Sections(works_first=first, works_after=after), reuse
        )
        rows = card["worksPage"]
        page = rows[:first]
        edges = [PaperEdge(cursor=_cursor_of(r), node=Paper.from_row(r)) for r in page]
        return PaperConnection(
            total_count=card["counts"]["works"],
            page_info=PageInfo(
                has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None
            ),
            edges=edges,
        )

    @strawberry.field(description=f"Most works first; first <= {MAX_FIRST}.")
    async def topics(self, info: Info, first: int = DEFAULT_TOPICS) -> list[TopicShare]:
        bounded(first, "first")
        card = await self._with_sections(
            info, Sections(topics_first=first), self._sections.topics_first == first
        )
        return [
            TopicShare(topic=Topic.from_row(s["topic"]), works=s["works"])
            for s in card["topicShares"][:first]
        ]

    @strawberry.field(
        description=f"Co-authors sharing at least {CLOSE_MIN_SHARED} works (of 2..200 authors), "
        f"strongest first; first <= {MAX_FIRST}."
    )
    async def close_collaborators(
        self, info: Info, first: int = DEFAULT_COLLABORATORS
    ) -> list[Collaborator]:
        bounded(first, "first")
        card = await self._with_sections(
            info, Sections(collaborators_first=first), self._sections.collaborators_first == first
        )
        return [Collaborator.from_row(c) for c in card["collaborators"][:first]]

    @strawberry.field(
        description=f"Every co-author, close or not, strongest first; first <= {MAX_FIRST}."
    )
    async def coauthors(self, info: Info, first: int = DEFAULT_COLLABORATORS) -> list[Collaborator]:
        bounded(first, "first")
        card = await self._with_sections(
            info, Sections(coauthors_first=first), self._sections.coauthors_first == first
        )
        return [Collaborator.from_row(c) for c in card["coauthors"][:first]]


async def load_researcher(
    info: Info, researcher_id: str, *, fresh: bool = False
) -> Researcher | None:
    """A researcher through the request's card loader; `fresh` after this request wrote to it,
    since the loader may hold a card read before the write."""
    if fresh:
        info.context.forget_cards()
    card = await info.context.cards().load(researcher_id)
    return Researcher.from_card(card) if card is not None else None


class AboutResearcher(Protocol):
    """A type that names a researcher record by id: a claim, an invitation."""

    researcher_id: strawberry.ID


async def record_researcher(root: AboutResearcher, info: Info) -> Researcher | None:
    """The `researcher` field of such a type: the record's card, null once it is gone."""
    return await load_researcher(info, str(root.researcher_id))


@strawberry.type
class ProfileQuery:
    @strawberry.field(description="Null when no researcher has this id.")
    async def researcher(self, info: Info, id: strawberry.ID) -> Researcher | None:
        if not 0 < len(id) <= MAX_ID_LENGTH:
            raise errors.Invalid(f"id must be 1 to {MAX_ID_LENGTH} characters", "id")
        wanted = wanted_sections(info)
        card = await info.context.cards(wanted).load(str(id))
        return Researcher.from_card(card, wanted) if card is not None else None

    @strawberry.field(
        description=f"The researchers with the most distinct co-authors; first <= {MAX_FIRST}."
    )
    async def most_connected_researchers(self, info: Info, first: int = 10) -> list[Researcher]:
        rows = await top(info.context.graph, first=bounded(first, "first"))
        cards = await info.context.cards().load_many([row["id"] for row in rows])
        return [Researcher.from_card(card) for card in cards if card is not None]
