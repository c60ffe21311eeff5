"""Refusals name the field and what it should have held, in words, never in Python's."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import Field
from typing_extensions import TypedDict

from service.importer.limits import MAX_INT, MAX_ITEMS, MAX_KEY, MAX_TEXT
from service.importer.validation import (
    Int,
    InvalidRecord,
    Items,
    Key,
    KeyOrNumber,
    Model,
    Text,
    path,
    shown,
)


class Inner(TypedDict, total=False):
    id: Key | None
    code: KeyOrNumber | None


class Sample(TypedDict, total=False):
    year: Int | None
    score: float | None
    flag: bool | None
    title: Text | None
    tags: Items[Text] | None
    inner: Inner | None
    inners: Items[Inner] | None
    index: Annotated[dict[Text, Items[int]], Field(max_length=3)] | None


SAMPLE = Model(Sample)


def refused(record: object) -> InvalidRecord:
    with pytest.raises(InvalidRecord) as caught:
        SAMPLE.check(record)
    return caught.value


def test_values_that_convert_exactly_are_converted() -> None:
    record = {"year": "2020", "score": "0.5", "flag": "true", "inner": {"code": 1702}}
    assert SAMPLE.check(record) == {
        "year": 2020,
        "score": 0.5,
        "flag": True,
        "inner": {"code": "1702"},
    }


def test_fields_the_model_does_not_declare_are_dropped_unread() -> None:
    assert SAMPLE.check({"year": 1, "counts_by_year": [{"year": "any"}]}) == {"year": 1}


def test_absent_and_null_fields_stay_so() -> None:
    assert SAMPLE.check({"title": None}) == {"title": None}
    assert SAMPLE.check({}) == {}


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"year": "many"}, 'year: expected an integer, got "many"'),
        ({"year": 2020.5}, "year: expected an integer, got 2020.5"),
        (
            {"year": MAX_INT + 1},
            f"year: expected an integer that fits in 64 bits, got {MAX_INT + 1}",
        ),
        ({"score": "high"}, 'score: expected a number, got "high"'),
        ({"flag": "maybe"}, 'flag: expected true or false, got "maybe"'),
        ({"title": 12}, "title: expected a string, got 12"),
        ({"tags": "one, two"}, 'tags: expected a list, got "one, two"'),
        ({"tags": ["a", None]}, "tags[1]: expected a string, got null"),
        ({"inner": "W1"}, 'inner: expected an object, got "W1"'),
        ({"inners": [{}, {"id": ["W1"]}]}, "inners[1].id: expected a string, got a list"),
        ({"inner": {"id": {"nested": 1}}}, "inner.id: expected a string, got an object"),
        ({"index": {"the end": ["3"], "x": ["z"]}}, 'index.x[0]: expected an integer, got "z"'),
        ({"index": {"one two": ["z"]}}, 'index["one two"][0]: expected an integer, got "z"'),
    ],
)
def test_a_wrong_type_names_the_field_and_what_it_should_hold(record: object, message: str) -> None:
    error = refused(record)
    assert str(error) == message
    assert error.reason == "wrong field type"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            {"title": "x" * (MAX_TEXT + 1)},
            f"title: expected at most {MAX_TEXT:,} characters, got {MAX_TEXT + 1:,}",
        ),
        (
            {"inner": {"id": "W" * (MAX_KEY + 1)}},
            f"inner.id: expected at most {MAX_KEY:,} characters, got {MAX_KEY + 1:,}",
        ),
        (
            {"tags": ["a"] * (MAX_ITEMS + 1)},
            f"tags: expected at most {MAX_ITEMS:,} items, got {MAX_ITEMS + 1:,}",
        ),
        (
            {"index": {"a": [0], "b": [1], "c": [2], "d": [3]}},
            "index: expected at most 3 items, got 4",
        ),
    ],
)
def test_a_value_past_its_bound_is_refused_with_its_size(record: object, message: str) -> None:
    error = refused(record)
    assert str(error) == message
    assert error.reason == "field too large"


def test_the_first_error_is_named_with_how_many_more_there_are() -> None:
    error = refused({"year": "many", "title": 1, "flag": "maybe"})
    assert str(error) == 'year: expected an integer, got "many" (and 2 more)'


def test_a_long_refused_text_is_shown_cut_short() -> None:
    error = refused({"year": "y" * 10_000})
    assert str(error) == f'year: expected an integer, got "{"y" * 40}…"'


def test_paths_and_values_read_as_json_would_spell_them() -> None:
    assert path(("authorships", 0, "author", "id")) == "authorships[0].author.id"
    assert path(("abstract", "a b", "[key]")) == 'abstract["a b"]'
    assert path(()) == "record"
    values: list[object] = [None, True, 3, 0.5, "s", {}, []]
    assert [shown(v) for v in values] == [
        "null",
        "true",
        "3",
        "0.5",
        '"s"',
        "an object",
        "a list",
    ]
