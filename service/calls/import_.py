# Generated from cypher/import/*.cypher, do not edit; regenerate with `make queries`.
"""The queries in cypher/import/ as typed async functions."""

from __future__ import annotations

from typing import Unpack, cast

from service.calls.import_types import (
    AuthoredCopiesParams,
    AuthoredCopiesRow,
    AuthorsParams,
    AuthorsRow,
    CoauthorIdsParams,
    CoauthorIdsRow,
    ConceptsParams,
    ConceptsRow,
    FundersParams,
    FundersRow,
    InstitutionsParams,
    InstitutionsRow,
    MergedAuthorsParams,
    MergedAuthorsRow,
    MergedIdsParams,
    MergedIdsRow,
    NodeCountRow,
    PublishersParams,
    PublishersRow,
    ResearcherIdsParams,
    ResearcherIdsRow,
    SourcesParams,
    SourcesRow,
    StoredNodesParams,
    StoredNodesRow,
    SummaryPeopleParams,
    SummaryPeopleRow,
    SummaryWorksParams,
    SummaryWorksRow,
    TopicsParams,
    TopicsRow,
    WorksParams,
    WorksRow,
    WriteSummariesParams,
    WriteSummariesRow,
)
from service.rows import Runner, one


async def authored_copies(
    db: Runner, /, **params: Unpack[AuthoredCopiesParams]
) -> AuthoredCopiesRow:
    """Put each AUTHORED's copy of the researcher id and the paper's sortDate in step for
    researchers $ids, which the works page reads through the authored_sort index.
    """
    rows = await db._run("import/authored_copies", dict(params), "write")
    return cast("AuthoredCopiesRow", one("import/authored_copies", rows))


async def authors(db: Runner, /, **params: Unpack[AuthorsParams]) -> AuthorsRow:
    """Upsert a batch of authors as researchers, with alternative names, ORCID and institutions."""
    rows = await db._run("import/authors", dict(params), "write")
    return cast("AuthorsRow", one("import/authors", rows))


async def coauthor_ids(db: Runner, /, **params: Unpack[CoauthorIdsParams]) -> CoauthorIdsRow:
    """The distinct co-authors of researchers $ids (over all their works), as `ids`."""
    rows = await db._run("import/coauthor_ids", dict(params), "read")
    return cast("CoauthorIdsRow", one("import/coauthor_ids", rows))


async def concepts(db: Runner, /, **params: Unpack[ConceptsParams]) -> ConceptsRow:
    """Upsert a batch of (deprecated) OpenAlex concepts as Topic nodes with level 'concept',
    PART_OF their ancestors one level up.
    """
    rows = await db._run("import/concepts", dict(params), "write")
    return cast("ConceptsRow", one("import/concepts", rows))


async def funders(db: Runner, /, **params: Unpack[FundersParams]) -> FundersRow:
    """Upsert a batch of funders (works link to them with FUNDED_BY)."""
    rows = await db._run("import/funders", dict(params), "write")
    return cast("FundersRow", one("import/funders", rows))


async def institutions(db: Runner, /, **params: Unpack[InstitutionsParams]) -> InstitutionsRow:
    """Upsert a batch of institutions: ROR, country, type, names, and PART_OF their lineage
    parents.
    """
    rows = await db._run("import/institutions", dict(params), "write")
    return cast("InstitutionsRow", one("import/institutions", rows))


async def merged_authors(db: Runner, /, **params: Unpack[MergedAuthorsParams]) -> MergedAuthorsRow:
    """Apply a batch of author merges: `id` was merged into `into` (snapshot merged_ids/authors)."""
    rows = await db._run("import/merged_authors", dict(params), "write")
    return cast("MergedAuthorsRow", one("import/merged_authors", rows))


async def merged_ids(db: Runner, /, **params: Unpack[MergedIdsParams]) -> MergedIdsRow:
    """Which of the author ids $ids were merged into another (:MergedAuthor, kept free of chains
    by cypher/import/merged_authors.cypher): `merged`, [id, into] pairs.
    """
    rows = await db._run("import/merged_ids", dict(params), "read")
    return cast("MergedIdsRow", one("import/merged_ids", rows))


async def node_count(db: Runner, /) -> NodeCountRow:
    """How many nodes the database holds: a bulk load replaces the database, so it refuses to run
    unless this is 0.
    """
    rows = await db._run("import/node_count", {}, "read")
    return cast("NodeCountRow", one("import/node_count", rows))


async def publishers(db: Runner, /, **params: Unpack[PublishersParams]) -> PublishersRow:
    """Upsert a batch of publishers, each PART_OF its parent publisher when it has one."""
    rows = await db._run("import/publishers", dict(params), "write")
    return cast("PublishersRow", one("import/publishers", rows))


async def researcher_ids(
    db: Runner, /, **params: Unpack[ResearcherIdsParams]
) -> list[ResearcherIdsRow]:
    """One page of researcher ids in id order, for refreshing every summary in batches: $after:
    the last id of the previous page ("" for the first); $first: the page size.
    """
    rows = await db._run("import/researcher_ids", dict(params), "read")
    return cast("list[ResearcherIdsRow]", rows)


async def sources(db: Runner, /, **params: Unpack[SourcesParams]) -> SourcesRow:
    """Upsert a batch of sources (journals, repositories, conferences) as Venue nodes, each
    PUBLISHED_BY its host publisher when that is a publisher (P id).
    """
    rows = await db._run("import/sources", dict(params), "write")
    return cast("SourcesRow", one("import/sources", rows))


async def stored_nodes(db: Runner, /, **params: Unpack[StoredNodesParams]) -> StoredNodesRow:
    """The stored versions of the nodes a batch of works shares with the graph, which
    service/importer/nodes.py merges the batch into: researchers $researchers (ids after
    merges) with name, ORCID and whether an author record gave the name (`fromRecord`);
    institutions $institutions with the properties works fill in; which of $venues, $topics
    and $funders exist; and the years of the affiliations $affiliations ([{author,
    institution}]).
    """
    rows = await db._run("import/stored_nodes", dict(params), "read")
    return cast("StoredNodesRow", one("import/stored_nodes", rows))


async def summary_people(db: Runner, /, **params: Unpack[SummaryPeopleParams]) -> SummaryPeopleRow:
    """What the summaries (service/importer/summariser.py) read of researchers $ids (those
    summarised and their co-authors), topics $topics and the institutions of those
    researchers, in one row: `people`, [id, name, institution ids] lists (ids that name no
    researcher are left out); `institutions` and `topics`, [id, name] pairs.
    """
    rows = await db._run("import/summary_people", dict(params), "read")
    return cast("SummaryPeopleRow", one("import/summary_people", rows))


async def summary_works(db: Runner, /, **params: Unpack[SummaryWorksParams]) -> SummaryWorksRow:
    """The works of researchers $ids as their summaries read them
    (service/importer/summariser.py), each once, in one row (one record a work costs the
    driver more than the query): `works`, [id, year, title, its authors' ids, its topics' ids]
    lists.
    """
    rows = await db._run("import/summary_works", dict(params), "read")
    return cast("SummaryWorksRow", one("import/summary_works", rows))


async def topics(db: Runner, /, **params: Unpack[TopicsParams]) -> TopicsRow:
    """Upsert a batch of topic records with their subfield -> field -> domain chain (PART_OF)."""
    rows = await db._run("import/topics", dict(params), "write")
    return cast("TopicsRow", one("import/topics", rows))


async def works(db: Runner, /, **params: Unpack[WorksParams]) -> WorksRow:
    """Upsert a batch of works with their venues, authorships, institutions, topics, funders,
    references.
    """
    rows = await db._run("import/works", dict(params), "write")
    return cast("WorksRow", one("import/works", rows))


async def write_summaries(
    db: Runner, /, **params: Unpack[WriteSummariesParams]
) -> WriteSummariesRow:
    """Store researcher summaries computed by service/importer/summariser.py: $rows [{id,
    summary}], each summary a map of every `summary*` property (docs/graph-model.md), null for
    one to remove (an empty list is stored as no property, as the offline importer, which
    cannot write one, leaves it).
    """
    rows = await db._run("import/write_summaries", dict(params), "write")
    return cast("WriteSummariesRow", one("import/write_summaries", rows))
