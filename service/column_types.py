"""The Cypher types query headers declare (service/queries.py), in Python: the annotation the
generated calls (service/calls/) give a parameter or a column, and a check of a value Neo4j
returned against its declared type.

The check is what keeps the generated annotations honest: the header is the only source of a
column's type and nothing converts by it, so the test suite turns the check on (`CHECK_ROWS`)
and every row a test reads from the real server in its own process is held to its header. The
service itself does not check: a header's mistake must not fail a request.
"""

from __future__ import annotations

from functools import cache
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints, is_typeddict

from neo4j.time import Date, DateTime, Duration

from service.queries import CypherQuery
from service.shapes import SHAPES

# A column's annotation: what the driver hands back for each type.
_COLUMNS = {
    "String": "str",
    "Integer": "int",
    "Float": "float",
    "Boolean": "bool",
    "DateTime": "DateTime",
    "Date": "Date",
    "Duration": "Duration",
    "Map": "dict[str, Any]",
    "Any": "Any",
}
# A parameter's annotation: the driver also takes Python's own temporal values (`utc_now()`).
_PARAMS = {
    **_COLUMNS,
    "DateTime": "datetime | DateTime",
    "Date": "date | Date",
    "Duration": "timedelta | Duration",
}
_CLASSES: dict[str, type | tuple[type, ...]] = {
    "String": str,
    "Integer": int,
    "Float": float,
    "Boolean": bool,
    "DateTime": DateTime,
    "Date": Date,
    "Duration": Duration,
    "Map": dict,
}


def _split(cypher: str) -> tuple[str, bool]:
    """The type without its `?`, and whether it had one."""
    return cypher.removesuffix("?"), cypher.endswith("?")


def annotation(cypher: str, *, param: bool = False) -> str:
    """The Python annotation of a header type: `List<String>?` is `list[str] | None`."""
    base, nullable = _split(cypher)
    if base.startswith("List<") and base.endswith(">"):
        text = f"list[{annotation(base[5:-1], param=param)}]"
    elif base.startswith("Map<"):
        text = base[4:-1]  # the shape's TypedDict, by its name in service/shapes.py
    else:
        text = (_PARAMS if param else _COLUMNS)[base]
    if nullable and text != "Any":
        # A union inside a list needs no brackets: `list[str | None]`.
        return f"{text} | None"
    return text


def conforms(value: Any, cypher: str) -> bool:
    """Whether `value`, as the driver returned it, is of the header type `cypher`."""
    base, nullable = _split(cypher)
    if value is None:
        return nullable or base == "Any"
    if base.startswith("List<") and base.endswith(">"):
        return isinstance(value, list) and all(conforms(v, base[5:-1]) for v in value)
    if base.startswith("Map<"):
        return fits(value, SHAPES[base[4:-1]])
    if base == "Any":
        return True
    if base in ("Integer", "Float") and isinstance(value, bool):
        return False  # bool is an int to Python, never to Cypher
    return isinstance(value, _CLASSES[base])


@cache
def _fields(shape: type) -> dict[str, Any]:
    return get_type_hints(shape)


def fits(value: Any, hint: Any) -> bool:
    """Whether `value` is of the Python type `hint`, as the shapes of service/shapes.py write
    them: a TypedDict has exactly its keys, each of its type; an int is a float too (Cypher's
    `coalesce(x, 0)`), a bool is never an int."""
    if hint is Any:
        return True
    if hint is type(None):
        return value is None
    origin = get_origin(hint)
    if origin is Union or origin is UnionType:
        return any(fits(value, option) for option in get_args(hint))
    if origin is list:
        return isinstance(value, list) and all(fits(v, get_args(hint)[0]) for v in value)
    if is_typeddict(hint):
        fields = _fields(hint)
        return (
            isinstance(value, dict)
            and value.keys() == fields.keys()
            and all(fits(value[key], field) for key, field in fields.items())
        )
    if isinstance(value, bool):
        return hint is bool
    if hint is float:
        return isinstance(value, int | float)
    return isinstance(value, hint)


# Whether the graph boundary holds each returned row to its header: a switch for the test
# suite (tests/conftest.py), not a setting; nothing a deployment should turn on.
CHECK_ROWS = False


class ColumnTypeError(TypeError):
    """A row Neo4j returned does not match its query's declared columns: the header is wrong."""


def check(query: CypherQuery, rows: list[dict[str, Any]]) -> None:
    """Each row's columns against the header's types; `ColumnTypeError` naming the first
    column that differs, with the file line that declares it."""
    for row in rows:
        for column in query.columns:
            value = row.get(column.name)
            if not conforms(value, column.type):
                raise ColumnTypeError(
                    f"{query.path}:{column.line}: @column {column.name}: {column.type}, but "
                    f"Neo4j returned {type(value).__name__} {value!r:.80}"
                )
