"""The typed calls (service/calls/): generated from the headers and current with them, header
types mapped to Python's, rows shaped by `@rows` against the real Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j.time import DateTime

from service import column_types, queries, query_codegen, rows
from service.calls import researcher
from service.graph import Graph
from service.seed import SEED_RESEARCHER_ID


def test_generated_calls_match_the_headers() -> None:
    assert not query_codegen.stale(), "service/calls/ differs from cypher/: run `make queries`"


@pytest.mark.parametrize(
    ("cypher", "column", "param"),
    [
        ("String", "str", "str"),
        ("Integer?", "int | None", "int | None"),
        ("Float", "float", "float"),
        ("Boolean", "bool", "bool"),
        ("DateTime", "DateTime", "datetime | DateTime"),
        ("Date?", "Date | None", "date | Date | None"),
        ("Duration", "Duration", "timedelta | Duration"),
        ("Map", "dict[str, Any]", "dict[str, Any]"),
        ("Any?", "Any", "Any"),
        ("List<String>?", "list[str] | None", "list[str] | None"),
        ("List<List<Any>>", "list[list[Any]]", "list[list[Any]]"),
        ("List<Map?>", "list[dict[str, Any] | None]", "list[dict[str, Any] | None]"),
    ],
)
def test_header_types_map_to_python(cypher: str, column: str, param: str) -> None:
    assert column_types.annotation(cypher) == column
    assert column_types.annotation(cypher, param=True) == param


@pytest.mark.parametrize(
    ("value", "cypher", "fits"),
    [
        ("a", "String", True),
        (None, "String", False),
        (None, "String?", True),
        (True, "Integer", False),  # a bool is an int to Python only
        (1, "Float", False),
        ([["id", 2020, None]], "List<List<Any>>", True),
        (["a", None], "List<String>", False),
        (DateTime(2024, 1, 2), "DateTime", True),
        ({"k": 1}, "Map", True),
    ],
)
def test_values_are_checked_against_header_types(value: object, cypher: str, fits: bool) -> None:
    assert column_types.conforms(value, cypher) is fits


def thing(root: Path, header: str) -> queries.CypherQuery:
    path = root / "area" / "find_thing.cypher"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "// Finds a thing by id. More prose.\n"
        f"{header}"
        "// @param id: String -- the thing\n"
        "// @param at: DateTime? -- when\n"
        "// @column name: String? -- its name\n"
        "MATCH (t:Thing {id: $id}) WHERE $at IS NULL OR t.at < $at RETURN t.name AS name\n"
    )
    return queries.load(path, root)


def test_a_query_becomes_a_row_type_and_a_function(tmp_path: Path) -> None:
    thing(tmp_path, "// @mode read\n// @rows optional\n")
    generated = query_codegen.modules(tmp_path)
    assert sorted(generated) == ["__init__.py", "area.py", "area_types.py"]
    assert (
        "class FindThingParams(TypedDict):\n    id: str\n    at: datetime | DateTime | None\n"
        in (generated["area_types.py"])
    )
    assert (
        "class FindThingRow(TypedDict):\n    name: str | None  # its name\n"
        in (generated["area_types.py"])
    )
    calls = generated["area.py"]
    assert calls.startswith("# Generated from cypher/area/*.cypher, do not edit;")
    assert (
        "async def find_thing(db: Runner, /, **params: Unpack[FindThingParams]) -> "
        "FindThingRow | None:\n"
        '    """Finds a thing by id."""\n'
        '    rows = await db._run("area/find_thing", dict(params), "read")\n'
        '    return cast("FindThingRow | None", optional(rows))\n'
    ) in calls


def test_a_changed_header_makes_the_generated_code_stale(tmp_path: Path) -> None:
    thing(tmp_path, "// @mode read\n// @rows optional\n")
    package = tmp_path / "calls"
    query_codegen.write(package, tmp_path)
    assert query_codegen.stale(package, tmp_path) == []
    queries.catalogue.cache_clear()
    thing(tmp_path, "// @mode read\n// @rows many\n")
    try:
        assert query_codegen.stale(package, tmp_path) == ["area.py"]
    finally:
        queries.catalogue.cache_clear()


def test_a_wrong_column_type_names_its_declaration(tmp_path: Path) -> None:
    query = thing(tmp_path, "// @mode read\n// @rows optional\n")
    column_types.check(query, [{"name": "x"}, {"name": None}])
    with pytest.raises(column_types.ColumnTypeError, match=r"find_thing\.cypher:6: @column name"):
        column_types.check(query, [{"name": 3}])


def test_a_one_query_without_a_row_is_an_internal_error() -> None:
    with pytest.raises(rows.NoRow, match=r"area/thing is a @rows one query"):
        rows.one("area/thing", [])
    assert rows.one("area/thing", [{"a": 1}, {"a": 2}]) == {"a": 1}


async def test_optional_and_many_calls_against_neo4j(graph: Graph) -> None:
    assert await researcher.exists(graph, id=SEED_RESEARCHER_ID) == {"id": SEED_RESEARCHER_ID}
    assert await researcher.exists(graph, id="seed:nobody") is None
    top = await researcher.top(graph, first=1)
    assert len(top) == 1 and top[0]["id"].startswith("seed:")
    assert graph.round_trips == 3
