"""Checking records against their models (records.py, entity_records.py, manifests.py): the
bounded field types the models are built from, and the refusal that names a field and what it
should have held.

A model is a TypedDict validated by pydantic in lax mode: a value that converts exactly is
converted (`"2020"` -> 2020), anything else refuses the record as
`publication_year: expected an integer, got "many"`. The result is a plain dict holding only the
fields the importer uses, which is what the mapping code reads, typed, in works.py and entities.py.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Generic, TypeVar

from pydantic import Field, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from service.importer.limits import MAX_INT, MAX_ITEMS, MAX_KEY, MAX_TEXT

T = TypeVar("T")

Text = Annotated[str, Field(max_length=MAX_TEXT)]
# Ids, DOIs, ORCIDs, dates.
Key = Annotated[str, Field(max_length=MAX_KEY)]
# Keys that some records give as numbers (older `ids.mag`, a bare subfield `1702`, award ids).
KeyOrNumber = Annotated[str, Field(max_length=MAX_KEY, coerce_numbers_to_str=True)]
Int = Annotated[int, Field(ge=-MAX_INT - 1, le=MAX_INT)]
Items = Annotated[list[T], Field(max_length=MAX_ITEMS)]

# Pydantic's error types -> what the field should have held.
_EXPECTED = {
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_parsing_size": "an integer",
    "int_from_float": "an integer",
    "less_than_equal": "an integer that fits in 64 bits",
    "greater_than_equal": "an integer that fits in 64 bits",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a number",
    "string_type": "a string",
    "string_unicode": "a string",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "an object",
}
# Errors of size, counted apart from errors of type in an import's summary.
_SIZE = {"string_too_long", "too_long"}
_SHOWN = 40  # characters of a refused text shown in a message


class InvalidRecord(ValueError):
    """A record with a field of the wrong type or past a bound (service/importer/limits.py).

    The message is `field.path: expected ..., got ...`; `reason` is what an import's summary
    counts it under."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class Model(Generic[T]):
    """One record type's check: `Model(Work).check(record)` is the record as a `Work`."""

    def __init__(self, shape: type[T]) -> None:
        self._adapter: TypeAdapter[T] = TypeAdapter(shape)

    def check(self, record: object) -> T:
        try:
            return self._adapter.validate_python(record)
        except ValidationError as exc:
            raise refusal(exc.errors(include_url=False, include_context=True)) from None


def refusal(errors: list[ErrorDetails]) -> InvalidRecord:
    """The first error as `path: expected ..., got ...`, with how many more there are."""
    first = errors[0]
    message = f"{path(first['loc'])}: {_expectation(first)}"
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more)"
    reason = "field too large" if first["type"] in _SIZE else "wrong field type"
    return InvalidRecord(message, reason)


def path(loc: tuple[int | str, ...]) -> str:
    """`('authorships', 0, 'author', 'id')` -> `authorships[0].author.id`; keys that are not
    names (the words of an abstract) are quoted: `abstract_inverted_index["the end"][0]`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part == "[key]":
            continue  # pydantic's marker for the key itself: the quoted key already says it
        elif part.isidentifier():
            text += f".{part}" if text else part
        else:
            text += f"[{_quoted(part)}]"
    return text or "record"


def _expectation(error: ErrorDetails) -> str:
    context: dict[str, Any] = dict(error.get("ctx") or {})
    value = error["input"]
    if error["type"] == "string_too_long":
        # A text made from the input (an abstract's) says its length; other inputs are it.
        length = context.get("length") or (len(value) if isinstance(value, str) else 0)
        return f"expected at most {context['max_length']:,} characters, got {length:,}"
    if error["type"] == "too_long":
        # Dictionaries stop at the first item past the bound, without a length of their own.
        length = context.get("actual_length") or (len(value) if isinstance(value, dict) else 0)
        return f"expected at most {context['max_length']:,} items, got {length:,}"
    if error["type"] == "missing":
        return "expected a value, got none"
    expected = _EXPECTED.get(error["type"], "a valid value")
    return f"expected {expected}, got {shown(value)}"


def shown(value: object) -> str:
    """A value as JSON would spell it, cut short: `"many"`, `12.5`, `null`, `a list`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    return "a value of another kind"


def _quoted(text: str) -> str:
    cut = text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
    return json.dumps(cut, ensure_ascii=False)
