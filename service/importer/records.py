"""OpenAlex works as the importer reads them: the fields it uses, their types and bounds, and
the institutions, authors, sources, topics and funders as works and other records name them.

The other record types are modelled in entity_records.py, the same way: only fields the importer
uses are declared, as OpenAlex adds fields often and those are dropped unread. A field may be
null or absent (OpenAlex leaves many out), but a present value must have its type, or convert to
it exactly (service/importer/validation.py). Texts and lists are bounded
(service/importer/limits.py).
"""

from __future__ import annotations

from typing import Annotated, Any, Required

from pydantic import Field, PlainValidator, TypeAdapter
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict  # pydantic validates it on Python 3.11

from service.importer.limits import MAX_ABSTRACT
from service.importer.validation import Int, Items, Key, KeyOrNumber, Model, Text

# Lists of names and codes: a null among them says nothing and is passed over.
Names = Items[Text | None]


class Level(TypedDict, total=False):
    """A topic's subfield, field or domain; ids come as URLs, `subfields/1702` or `1702`."""

    id: KeyOrNumber | None
    display_name: Text | None


class TopicRef(TypedDict, total=False):
    id: Required[Key]
    display_name: Text | None
    score: float | None
    subfield: Level | None
    field: Level | None
    domain: Level | None


class ConceptRef(TypedDict, total=False):
    id: Key | None
    display_name: Text | None
    score: float | None


class InstitutionRef(TypedDict, total=False):
    id: Key | None
    display_name: Text | None
    ror: Key | None
    country_code: Text | None
    type: Text | None


class AuthorRef(TypedDict, total=False):
    id: Key | None
    display_name: Text | None
    orcid: Key | None


class Authorship(TypedDict, total=False):
    author: AuthorRef | None
    institutions: Items[InstitutionRef] | None
    author_position: Text | None
    is_corresponding: bool | None
    raw_author_name: Text | None
    raw_affiliation_strings: Names | None


class SourceRef(TypedDict, total=False):
    id: Key | None
    display_name: Text | None
    type: Text | None
    issn_l: Key | None


class Location(TypedDict, total=False):
    source: SourceRef | None
    landing_page_url: Text | None


class Keyword(TypedDict, total=False):
    display_name: Text | None


class FunderRef(TypedDict, total=False):
    id: Key | None
    display_name: Text | None


class Grant(TypedDict, total=False):
    funder: Key | None
    funder_display_name: Text | None
    award_id: KeyOrNumber | None


class WorkIds(TypedDict, total=False):
    arxiv: Key | None
    pmid: Key | None
    pmcid: Key | None
    mag: KeyOrNumber | None


class OpenAccess(TypedDict, total=False):
    is_oa: bool | None
    oa_url: Text | None


# What OpenAlex ships as `abstract_inverted_index`: `{word: [positions]}`.
_INVERTED_INDEX = TypeAdapter(dict[str, list[int]])


def _abstract(value: object) -> str | None:
    """The text of an abstract, rebuilt as it is checked: an index of words to integers, as
    JSON gives it, is read in the one pass rebuilding takes (checked apart, it took a third of
    a work's whole check, half of a real OpenAlex work's); any other is checked by
    `_INVERTED_INDEX` first, so "3" is taken as 3 and "three" refuses the record, named like
    any field. The bound is on the text, which is what the graph keeps."""
    if value is None:
        return None
    slots = _slots(value) if type(value) is dict else None
    if slots is None:  # checked first, then words to integers for certain
        slots = _slots(_INVERTED_INDEX.validate_python(value)) or {}
    text = " ".join([slots[i] for i in sorted(slots)])
    if len(text) > MAX_ABSTRACT:
        raise PydanticCustomError(
            "string_too_long", "too long", {"max_length": MAX_ABSTRACT, "length": len(text)}
        )
    return text or None


def _slots(index: dict[Any, Any]) -> dict[int, str] | None:
    """Position -> word, or None unless every word is text and every position an integer."""
    slots: dict[int, str] = {}
    for word, positions in index.items():
        if type(positions) is not list:
            return None
        for position in positions:
            slots[position] = word
    if set(map(type, slots)) <= {int} and set(map(type, index)) <= {str}:
        return slots
    return None


class Work(TypedDict, total=False):
    id: Key | None
    display_name: Text | None
    title: Text | None
    publication_year: Int | None
    publication_date: Key | None
    type: Text | None
    doi: Key | None
    ids: WorkIds | None
    language: Text | None
    abstract: Annotated[
        str | None, Field(validation_alias="abstract_inverted_index"), PlainValidator(_abstract)
    ]
    cited_by_count: Int | None
    keywords: Items[Keyword] | None
    primary_location: Location | None
    host_venue: SourceRef | None  # the pre-2023 schema's primary source
    locations: Items[Location] | None
    authorships: Items[Authorship] | None
    topics: Items[TopicRef] | None
    concepts: Items[ConceptRef] | None
    funders: Items[FunderRef] | None
    grants: Items[Grant] | None
    referenced_works: Items[Key] | None
    is_retracted: bool | None
    open_access: OpenAccess | None


WORK = Model(Work)
