"""The shapes of the maps a query returns, for headers that declare a column `Map<Name>`.

A plain `Map` column reaches Python as `dict[str, Any]`: nothing checks its keys, and code reading
it can ask for a key the query never returns. A column declared `Map<Card>` is typed by the
`TypedDict` named here (the generated call's row says `card: Card`), so mypy holds the code that
reads it to these keys, and the test suite holds what Neo4j returns to them, key for key
(service/column_types.py). Each shape is written beside the query's RETURN it mirrors.
"""

from __future__ import annotations

from typing import TypedDict

from neo4j.time import DateTime


class PersonStub(TypedDict):
    """A researcher as a list shows them: a work's author, a collaborator."""

    id: str
    name: str | None
    headline: str | None
    openToCollaborate: bool | None
    claimed: bool


class Named(TypedDict):
    id: str
    name: str | None


class Affiliation(TypedDict):
    id: str
    name: str | None
    countryCode: str | None


class CardCounts(TypedDict):
    works: int
    followers: int
    topics: int
    coauthors: int
    closeCollaborators: int


class TrustInputs(TypedDict):
    """What service/trust.py scores."""

    works: int
    claimed: bool
    affiliationKnown: bool
    claimedCoauthors: int
    evidenceStrength: float
    ownerAccountDays: int


class ActiveClaim(TypedDict):
    id: str
    level: int
    since: DateTime
    vouches: int


class CardWork(TypedDict):
    """One work of the card's works page (service/schema/paper.py reads it)."""

    id: str
    title: str | None
    abstract: str | None
    year: int | None
    type: str | None
    doi: str | None
    sortDate: str
    venue: str | None
    authors: list[PersonStub]
    topics: list[Named]


class TopicWorks(TypedDict):
    topic: Named
    works: int


class CollaboratorEntry(TypedDict):
    researcher: PersonStub
    sharedWorks: int
    strength: float
    lastYear: int | None


class Card(TypedDict):
    """A researcher's card: cypher/researcher/cards.cypher, its final RETURN."""

    id: str
    name: str | None
    headline: str | None
    orcid: str | None
    collaborationInterests: list[str]
    openToCollaborate: bool
    verificationLevel: int
    affiliation: Affiliation | None
    claimed: bool
    topTopics: list[str | None]
    counts: CardCounts
    trustInputs: TrustInputs
    activeClaim: ActiveClaim | None
    worksPage: list[CardWork]
    topicShares: list[TopicWorks]
    collaborators: list[CollaboratorEntry]
    coauthors: list[CollaboratorEntry]


# The names a header may write inside `Map<...>`.
SHAPES: dict[str, type] = {"Card": Card}
