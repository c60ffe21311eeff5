"""Cypher queries as files: `cypher/<folder>/<name>.cypher`, named by path, documented by comments.

The leading `//` block of each file is its documentation; the rest is the query text, sent to
Neo4j unchanged with parameters. This module is the one place file text becomes a driver query.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from service.settings import ROOT

CYPHER_DIR = ROOT / "cypher"


class QueryFileError(ValueError):
    """A `.cypher` file that cannot serve as a query; the message names the file and line."""


@dataclass(frozen=True)
class CypherQuery:
    name: str
    doc: str
    text: str
    path: Path


def parse(path: Path, root: Path = CYPHER_DIR) -> CypherQuery:
    name = path.relative_to(root).with_suffix("").as_posix()
    lines = path.read_text(encoding="utf-8").splitlines()
    doc_lines: list[str] = []
    body_start = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("//"):
            doc_lines.append(stripped[2:].strip())
        elif stripped:
            body_start = index
            break
    else:
        raise QueryFileError(f"{path}:{len(lines)}: no query after the comment block")
    if not doc_lines:
        raise QueryFileError(f"{path}:1: a query file starts with a // comment saying what it does")
    body = "\n".join(lines[body_start:]).strip()
    # One query per file: a semicolon ends it, so anything after one is a second query.
    if ";" in body.rstrip(";"):
        line_no = body_start + 1 + body[: body.index(";")].count("\n")
        raise QueryFileError(f"{path}:{line_no}: more than one statement in a query file")
    return CypherQuery(name=name, doc="\n".join(doc_lines), text=body.rstrip(";"), path=path)


@cache
def catalogue(root: Path = CYPHER_DIR) -> dict[str, CypherQuery]:
    """Every query file under `root` except schema scripts, by name (`researcher/cards`)."""
    paths = sorted(p for p in root.rglob("*.cypher") if p.parent != root / "schema")
    return {query.name: query for query in (parse(p, root) for p in paths)}


# Names handed out so far in this process; the test suite checks every file was run.
USED: set[str] = set()


def get(name: str) -> CypherQuery:
    try:
        query = catalogue()[name]
    except KeyError:
        raise QueryFileError(f"no query file cypher/{name}.cypher") from None
    USED.add(name)
    return query


def schema_statements(path: Path = CYPHER_DIR / "schema" / "setup.cypher") -> list[str]:
    """The DDL statements of the schema script, in order."""
    text = "\n".join(
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.strip().startswith("//")
    )
    return [statement.strip() for statement in text.split(";") if statement.strip()]
