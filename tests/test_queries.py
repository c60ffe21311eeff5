"""Query files: parsed by name, documented, one statement each, their declared headers checked
when loading and at the graph boundary; errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from neo4j import AsyncDriver
from service import queries
from service.graph import Graph, Row
from service.identity.clock import utc_now
from service.seed import SEED_RESEARCHER_ID
from service.settings import Settings
from service.transactions import Transaction, read_query, write_query, write_transaction


def write(root: Path, name: str, text: str) -> Path:
    path = root / f"{name}.cypher"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_name_doc_and_text(tmp_path: Path) -> None:
    path = write(tmp_path, "area/thing", "// Finds things.\n// $x: a number\nRETURN $x AS x\n")
    query = queries.parse(path, tmp_path)
    assert (query.name, query.doc, query.text) == (
        "area/thing",
        "Finds things.\n$x: a number",
        "RETURN $x AS x",
    )


def test_undocumented_query_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "bare", "RETURN 1\n")
    with pytest.raises(queries.QueryFileError, match=r"bare\.cypher:1: a query file starts"):
        queries.parse(path, tmp_path)


def test_two_statements_are_refused_with_line(tmp_path: Path) -> None:
    path = write(tmp_path, "two", "// Two.\nRETURN 1;\nRETURN 2\n")
    with pytest.raises(queries.QueryFileError, match=r"two\.cypher:2: more than one statement"):
        queries.parse(path, tmp_path)


def test_empty_query_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "empty", "// Nothing follows.\n")
    with pytest.raises(queries.QueryFileError, match=r"empty\.cypher:1: no query"):
        queries.parse(path, tmp_path)


def test_unknown_name() -> None:
    with pytest.raises(queries.QueryFileError, match=r"no query file cypher/nope/nothing"):
        queries.get("nope/nothing")


def test_schema_script_is_idempotent_ddl() -> None:
    statements = queries.schema_statements()
    # Creations guard with IF NOT EXISTS; the drops of retired indexes with IF EXISTS.
    assert statements and all(
        "IF NOT EXISTS" in s or (s.startswith("DROP ") and s.endswith(" IF EXISTS"))
        for s in statements
    )


# Declared headers: application queries (`queries.load`) say what they are; loading holds the
# header to the text and the graph boundary holds each call to the header.

HEADER = "// Finds a researcher's name.\n// @mode read\n// @rows optional\n"
BODY = "MATCH (r:Researcher {id: $id})\nRETURN r.name AS name\n"
DECLARED = "// @param id: String -- the researcher\n// @column name: String -- the name\n"


def load_fails(tmp_path: Path, text: str, pattern: str) -> None:
    path = write(tmp_path, "area/thing", text)
    with pytest.raises(queries.QueryFileError, match=rf"thing\.cypher:{pattern}"):
        queries.load(path, tmp_path)


def test_declared_header_loads(tmp_path: Path) -> None:
    query = queries.load(write(tmp_path, "area/thing", HEADER + DECLARED + BODY), tmp_path)
    assert (query.doc, query.mode, query.rows) == ("Finds a researcher's name.", "read", "optional")
    assert [(p.name, p.type) for p in query.params] == [("id", "String")]
    assert [(c.name, c.type, c.line) for c in query.columns] == [("name", "String", 5)]


def test_malformed_declaration_fails_with_line(tmp_path: Path) -> None:
    text = HEADER + "// @param id String the researcher\n// @column name: String -- the name\n"
    load_fails(tmp_path, text + BODY, r"4: expected `@param name: Type -- meaning`")


def test_unknown_type_fails_with_line(tmp_path: Path) -> None:
    text = HEADER + "// @param id: Text -- the researcher\n// @column name: String -- n\n"
    load_fails(tmp_path, text + BODY, r"4: expected `@param")


def test_undeclared_param_fails_at_its_use(tmp_path: Path) -> None:
    body = "MATCH (r:Researcher {id: $id})\nWHERE r.year > $year\nRETURN r.name AS name\n"
    load_fails(tmp_path, HEADER + DECLARED + body, r"7: \$year is used but not declared")


def test_unused_declared_param_fails_at_its_declaration(tmp_path: Path) -> None:
    text = HEADER + DECLARED + "// @param year: Integer -- unused\n" + BODY
    load_fails(tmp_path, text, r"6: @param year is declared but the query does not use it")


def test_params_in_strings_and_comments_do_not_count(tmp_path: Path) -> None:
    body = "MATCH (r:Researcher {id: $id})\n// not $this\nRETURN r.name + ' $that' AS name\n"
    assert queries.load(write(tmp_path, "area/thing", HEADER + DECLARED + body), tmp_path)


def test_write_clause_in_a_read_query_fails_at_the_clause(tmp_path: Path) -> None:
    body = "MATCH (r:Researcher {id: $id})\nSET r.seen = true\nRETURN r.name AS name\n"
    load_fails(tmp_path, HEADER + DECLARED + body, r"7: a @mode read query writes \(SET\)")


def test_write_words_in_strings_and_comments_are_not_writes(tmp_path: Path) -> None:
    body = "MATCH (r:Researcher {id: $id}) // SET nothing\nRETURN r.name + ' DELETE' AS name\n"
    assert queries.load(write(tmp_path, "area/thing", HEADER + DECLARED + body), tmp_path)


def test_write_query_without_a_write_fails(tmp_path: Path) -> None:
    text = HEADER.replace("@mode read", "@mode write") + DECLARED + BODY
    load_fails(tmp_path, text, r"2: a @mode write query has no write clause")


def test_missing_mode_fails(tmp_path: Path) -> None:
    text = HEADER.replace("// @mode read\n", "") + DECLARED + BODY
    load_fails(tmp_path, text, r"1: the header declares `// @mode")


def test_invalid_rows_fails_with_line(tmp_path: Path) -> None:
    text = HEADER.replace("@rows optional", "@rows several") + DECLARED + BODY
    load_fails(tmp_path, text, r"3: @rows is one of one, optional, many")


def test_column_not_returned_fails_at_the_column(tmp_path: Path) -> None:
    text = HEADER + DECLARED + "// @column age: Integer -- not returned\n" + BODY
    load_fails(tmp_path, text, r"6: @column age is not a name the final RETURN gives")


def test_returned_but_undeclared_column_fails_at_the_return(tmp_path: Path) -> None:
    body = "MATCH (r:Researcher {id: $id})\nRETURN r.name AS name, r.orcid AS orcid\n"
    load_fails(tmp_path, HEADER + DECLARED + body, r"7: RETURN gives undeclared columns: orcid")


def test_a_node_column_fails_since_rows_are_plain_dicts(tmp_path: Path) -> None:
    text = HEADER + "// @param id: String -- the researcher\n// @column r: Node -- the node\n"
    body = "MATCH (r:Researcher {id: $id})\nRETURN r\n"
    load_fails(tmp_path, text + body, r"5: @column r: return a map projection, not a node")


def test_final_return_is_the_top_level_one(tmp_path: Path) -> None:
    # The subquery's RETURN names `x`; only the outer one's names are the columns.
    body = "MATCH (r:Researcher {id: $id})\nCALL (r) { RETURN 1 AS x }\nRETURN r.name AS name\n"
    assert queries.load(write(tmp_path, "area/thing", HEADER + DECLARED + body), tmp_path)


def test_rows_without_columns_fail(tmp_path: Path) -> None:
    text = HEADER + "// @param id: String -- the researcher\n" + BODY
    load_fails(tmp_path, text, r"6: the query returns rows: declare each with `// @column`")


def test_every_application_query_declares_its_contract() -> None:
    for query in queries.catalogue().values():
        assert query.mode in ("read", "write") and query.rows in ("one", "optional", "many")
    assert not any(name.startswith("analyst/") for name in queries.catalogue())


# The boundary, against the real Neo4j: nothing reaches the driver when a call breaks the header.


async def test_graph_refuses_a_write_query_as_a_read(graph: Graph) -> None:
    with pytest.raises(queries.QueryCallError, match=r"follow/follow is a @mode write query"):
        await graph._run(
            "follow/follow", {"userId": "u", "researcherId": "r", "now": utc_now()}, "read"
        )
    assert graph.round_trips == 0


async def test_graph_refuses_a_read_query_as_a_write(graph: Graph) -> None:
    with pytest.raises(queries.QueryCallError, match=r"researcher/exists is a @mode read query"):
        await graph._run("researcher/exists", {"id": SEED_RESEARCHER_ID}, "write")


async def test_graph_refuses_missing_and_undeclared_params(graph: Graph) -> None:
    with pytest.raises(
        queries.QueryCallError, match=r"researcher/exists: parameters missing id; not declared ids"
    ):
        await graph._run("researcher/exists", {"ids": [SEED_RESEARCHER_ID]}, "read")
    assert graph.round_trips == 0
    assert await graph._run("researcher/exists", {"id": SEED_RESEARCHER_ID}, "read") == [
        {"id": SEED_RESEARCHER_ID}
    ]


async def test_managed_transactions_hold_calls_to_the_header(
    seeded: AsyncDriver, settings: Settings
) -> None:
    database = settings.neo4j.database
    with pytest.raises(queries.QueryCallError, match=r"import/authored_copies is a @mode write"):
        await read_query(seeded, database, "import/authored_copies", {"ids": []})
    with pytest.raises(queries.QueryCallError, match=r"import/node_count is a @mode read"):
        await write_query(seeded, database, "import/node_count", {})
    with pytest.raises(queries.QueryCallError, match=r"import/node_count: parameters not declared"):
        await read_query(seeded, database, "import/node_count", {"first": 1})

    async def reads_then_writes(tx: Transaction) -> list[Row]:
        # A write transaction may read first: the unit of work reads what it changes.
        [count] = await tx.run("import/node_count", {})
        assert count["nodes"] > 0
        return await tx.run("import/authored_copies", {"ids": [SEED_RESEARCHER_ID]})

    assert await write_transaction(seeded, database, reads_then_writes)
