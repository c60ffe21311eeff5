"""OpenAlex records other than works (authors, institutions, sources, topics, concepts,
publishers, funders, merged ids) as the importer reads them, modelled as works are in records.py.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator
from typing_extensions import TypedDict  # pydantic validates it on Python 3.11

from service.importer.records import FunderRef, InstitutionRef, Level, Names, SourceRef
from service.importer.validation import Int, Items, Key, Model, Text


class Affiliation(TypedDict, total=False):
    institution: InstitutionRef | None
    years: Items[Int] | None


class SummaryStats(TypedDict, total=False):
    h_index: Int | None
    i10_index: Int | None


class OtherIds(TypedDict, total=False):
    orcid: Key | None
    ror: Key | None


class Author(TypedDict, total=False):
    id: Key | None
    display_name: Text | None
    display_name_alternatives: Names | None
    orcid: Key | None
    ids: OtherIds | None
    works_count: Int | None
    cited_by_count: Int | None
    summary_stats: SummaryStats | None
    affiliations: Items[Affiliation] | None
    last_known_institutions: Items[InstitutionRef] | None
    last_known_institution: InstitutionRef | None  # older records: one instead of a list


class Geo(TypedDict, total=False):
    city: Text | None
    country_code: Text | None


class Institution(InstitutionRef, total=False):
    geo: Geo | None
    lineage: Items[Key | None] | None
    display_name_alternatives: Names | None
    display_name_acronyms: Names | None
    homepage_url: Text | None
    works_count: Int | None
    cited_by_count: Int | None


class Source(SourceRef, total=False):
    issn: Names | None
    alternate_titles: Names | None
    abbreviated_title: Text | None
    homepage_url: Text | None
    country_code: Text | None
    is_oa: bool | None
    is_in_doaj: bool | None
    works_count: Int | None
    cited_by_count: Int | None
    host_organization: Key | None
    host_organization_name: Text | None


class Topic(TypedDict, total=False):
    id: Key | None
    display_name: Text | None
    description: Text | None
    keywords: Names | None
    works_count: Int | None
    cited_by_count: Int | None
    subfield: Level | None
    field: Level | None
    domain: Level | None


class Ancestor(TypedDict, total=False):
    id: Key | None
    display_name: Text | None
    level: Int | None


class Concept(TypedDict, total=False):
    id: Key | None
    display_name: Text | None
    level: Int | None
    description: Text | None
    wikidata: Key | None
    works_count: Int | None
    cited_by_count: Int | None
    ancestors: Items[Ancestor] | None


def _id_as_object(value: Any) -> Any:
    """Older records name the parent publisher by its id alone; newer ones as `{id, name}`."""
    return {"id": value} if isinstance(value, str) else value


class Publisher(TypedDict, total=False):
    id: Key | None
    display_name: Text | None
    alternate_titles: Names | None
    hierarchy_level: Int | None
    country_codes: Names | None
    homepage_url: Text | None
    ids: OtherIds | None
    works_count: Int | None
    cited_by_count: Int | None
    parent_publisher: Annotated[FunderRef | None, BeforeValidator(_id_as_object)]


class Funder(TypedDict, total=False):
    id: Key | None
    display_name: Text | None
    alternate_titles: Names | None
    country_code: Text | None
    description: Text | None
    homepage_url: Text | None
    ids: OtherIds | None
    grants_count: Int | None
    awards_count: Int | None
    works_count: Int | None
    cited_by_count: Int | None


class MergedId(TypedDict, total=False):
    """A row of `merged_ids/<entity>/*.csv.gz`: `id` was merged into `into` on `date`."""

    id: Key | None
    into: Key | None
    date: Key | None


AUTHOR = Model(Author)
INSTITUTION = Model(Institution)
SOURCE = Model(Source)
TOPIC = Model(Topic)
CONCEPT = Model(Concept)
PUBLISHER = Model(Publisher)
FUNDER = Model(Funder)
MERGED_ID = Model(MergedId)
