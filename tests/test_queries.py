"""Query files: parsed by name, documented, one statement each, errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import queries


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
