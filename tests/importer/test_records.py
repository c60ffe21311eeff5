"""Every record type's model: real records pass whole, a wrongly typed field is named."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from service.importer import entities
from service.importer.limits import MAX_ABSTRACT
from service.importer.loader import Refusal, items_from, map_item
from service.importer.records import WORK
from service.importer.validation import InvalidRecord
from service.importer.works import work_row
from tests.importer.conftest import DATA


def test_every_real_sample_record_passes_its_model() -> None:
    refused = [
        (item.where, mapped.why)
        for item in items_from([DATA])
        if isinstance(mapped := map_item(item), Refusal)
    ]
    # The one record of a type the importer does not read (a keyword).
    assert [why for _, why in refused] == ["unsupported entity type: keyword"]


@pytest.mark.parametrize(
    ("row", "record", "message"),
    [
        (work_row, {"authorships": "A. Author"}, 'authorships: expected a list, got "A. Author"'),
        (work_row, {"cited_by_count": "many"}, 'cited_by_count: expected an integer, got "many"'),
        (
            work_row,
            {"authorships": [{"author": {"id": 5023888391}}]},
            "authorships[0].author.id: expected a string, got 5023888391",
        ),
        (
            work_row,
            {"topics": [{"display_name": "Cardiology"}]},
            "topics[0].id: expected a value, got none",
        ),
        (
            entities.author_row,
            {"works_count": "many"},
            'works_count: expected an integer, got "many"',
        ),
        (entities.institution_row, {"geo": "Paris"}, 'geo: expected an object, got "Paris"'),
        (entities.source_row, {"is_oa": "maybe"}, 'is_oa: expected true or false, got "maybe"'),
        (entities.topic_row, {"keywords": "a, b"}, 'keywords: expected a list, got "a, b"'),
        (entities.concept_row, {"level": "top"}, 'level: expected an integer, got "top"'),
        (
            entities.publisher_row,
            {"parent_publisher": 5},
            "parent_publisher: expected an object, got 5",
        ),
        (
            entities.funder_row,
            {"grants_count": "lots"},
            'grants_count: expected an integer, got "lots"',
        ),
        (entities.merged_author_row, {"into": 5}, "into: expected a string, got 5"),
    ],
)
def test_a_wrongly_typed_field_refuses_the_record_by_name(
    row: Callable[[dict[str, Any]], dict[str, Any]], record: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidRecord) as caught:
        row({"id": "https://openalex.org/W1", **record})
    assert str(caught.value) == message


def test_an_abstract_is_rebuilt_in_word_order_as_it_is_checked() -> None:
    def text(index: object) -> str | None:
        return WORK.check({"abstract_inverted_index": index}).get("abstract")

    assert text({"world": [1], "hello": [0, 2]}) == "hello world hello"
    assert text({"world": ["1"], "hello": [0, 2.0]}) == "hello world hello"
    assert text(None) is text({}) is None
    with pytest.raises(InvalidRecord) as caught:
        text({"world": [1], "hello": [0, "two"]})
    assert str(caught.value) == 'abstract_inverted_index.hello[1]: expected an integer, got "two"'
    with pytest.raises(InvalidRecord) as caught:
        text({"world": 1})
    assert str(caught.value) == "abstract_inverted_index.world: expected a list, got 1"
    with pytest.raises(InvalidRecord) as caught:
        text({"w" * MAX_ABSTRACT: [0], "more": [1]})
    assert str(caught.value) == (
        f"abstract_inverted_index: expected at most {MAX_ABSTRACT:,} characters,"
        f" got {MAX_ABSTRACT + 5:,}"
    )
    assert caught.value.reason == "field too large"


def test_values_that_convert_exactly_reach_the_graph_converted() -> None:
    work = json.loads((DATA / "api-pages" / "works-page-200.json").read_text())["results"][0]
    row = work_row({**work, "publication_year": "2020", "cited_by_count": "12"})
    assert (row["props"]["year"], row["props"]["citedByCount"]) == (2020, 12)
    assert row["props"]["sortDate"] == work["publication_date"]
