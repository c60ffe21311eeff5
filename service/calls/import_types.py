# Generated from cypher/import/*.cypher, do not edit; regenerate with `make queries`.
"""Parameters and rows of the queries in cypher/import/, as TypedDicts."""

from __future__ import annotations

from typing import Any, TypedDict


class AuthoredCopiesParams(TypedDict):
    ids: list[str]


class AuthoredCopiesRow(TypedDict):
    updated: int  # AUTHORED relationships set


class AuthorsParams(TypedDict):
    rows: list[dict[str, Any]]
    source: str
    importedAt: str


class AuthorsRow(TypedDict):
    authors: int  # authors upserted
    affiliated: list[str]  # authors that gained an affiliation


class CoauthorIdsParams(TypedDict):
    ids: list[str]


class CoauthorIdsRow(TypedDict):
    ids: list[str]  # their distinct co-authors


class ConceptsParams(TypedDict):
    rows: list[dict[str, Any]]
    source: str
    importedAt: str


class ConceptsRow(TypedDict):
    concepts: int  # concepts upserted


class FundersParams(TypedDict):
    rows: list[dict[str, Any]]
    source: str
    importedAt: str


class FundersRow(TypedDict):
    funders: int  # funders upserted


class InstitutionsParams(TypedDict):
    rows: list[dict[str, Any]]
    source: str
    importedAt: str


class InstitutionsRow(TypedDict):
    institutions: int  # institutions upserted


class MergedAuthorsParams(TypedDict):
    rows: list[dict[str, Any]]
    source: str
    importedAt: str


class MergedAuthorsRow(TypedDict):
    merges: int  # merges recorded
    around: list[str]  # the surviving researchers' ids


class MergedIdsParams(TypedDict):
    ids: list[str]


class MergedIdsRow(TypedDict):
    merged: list[list[str]]  # [id, into] for each merged one


class NodeCountRow(TypedDict):
    nodes: int  # nodes in the graph


class PublishersParams(TypedDict):
    rows: list[dict[str, Any]]
    source: str
    importedAt: str


class PublishersRow(TypedDict):
    publishers: int  # publishers upserted


class ResearcherIdsParams(TypedDict):
    after: str
    first: int


class ResearcherIdsRow(TypedDict):
    id: str  # a researcher id


class SourcesParams(TypedDict):
    rows: list[dict[str, Any]]
    source: str
    importedAt: str


class SourcesRow(TypedDict):
    venues: int  # venues upserted


class StoredNodesParams(TypedDict):
    researchers: list[str]
    institutions: list[str]
    venues: list[str]
    topics: list[str]
    funders: list[str]
    affiliations: list[dict[str, Any]]


class StoredNodesRow(TypedDict):
    researchers: list[dict[str, Any]]  # stored researchers' merge inputs
    institutions: list[dict[str, Any]]  # stored institutions' merge inputs
    venues: list[str]  # venue ids already stored
    topics: list[str]  # topic ids already stored
    funders: list[str]  # funder ids already stored
    affiliations: list[dict[str, Any]]  # stored affiliation years


class SummaryPeopleParams(TypedDict):
    ids: list[str]
    topics: list[str]


class SummaryPeopleRow(TypedDict):
    people: list[list[Any]]  # [id, name, institution ids] per researcher
    institutions: list[list[Any]]  # [id, name] per institution
    topics: list[list[Any]]  # [id, name] per topic


class SummaryWorksParams(TypedDict):
    ids: list[str]


class SummaryWorksRow(TypedDict):
    works: list[list[Any]]  # [id, year, title, author ids, topic ids] per work


class TopicsParams(TypedDict):
    rows: list[dict[str, Any]]
    source: str
    importedAt: str


class TopicsRow(TypedDict):
    topics: int  # topics upserted


class WorksParams(TypedDict):
    works: list[dict[str, Any]]
    source: str
    importedAt: str
    researchers: list[dict[str, Any]]
    institutions: list[dict[str, Any]]
    venues: list[dict[str, Any]]
    topics: list[dict[str, Any]]
    funders: list[dict[str, Any]]
    stubs: list[str]
    partOf: list[dict[str, Any]]
    authored: list[dict[str, Any]]
    affiliations: list[dict[str, Any]]
    hasTopic: list[dict[str, Any]]
    publishedIn: list[dict[str, Any]]
    fundedBy: list[dict[str, Any]]
    cites: list[dict[str, Any]]


class WorksRow(TypedDict):
    works: int  # works in the batch
    formerAuthors: list[str]  # the works' authors before the batch


class WriteSummariesParams(TypedDict):
    rows: list[dict[str, Any]]


class WriteSummariesRow(TypedDict):
    refreshed: int  # researchers updated
