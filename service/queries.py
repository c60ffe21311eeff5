"""Cypher queries as files: `cypher/<folder>/<name>.cypher`, named by path, with a declared header.

The leading `//` block of each file is its header: prose lines are the description, `@` lines
declare the query's contract; the rest is the query text, sent to Neo4j unchanged with
parameters. This module is the one place file text becomes a driver query.

    // Follows a researcher on the user's behalf; no row when either is missing.
    // @mode write
    // @rows optional
    // @param userId: String -- the follower
    // @column id: String -- the followed researcher's id

`@mode` is read (routed to a reader, may not write) or write; `@rows` is one (exactly one row),
optional (zero or one) or many. Types are Cypher's (String, Integer, Float, Boolean, DateTime,
Date, Duration, Map, List<...>, Any), `?` for nullable, and `Map<Name>` for a map whose keys
service/shapes.py declares; nothing converts by them.

Code does not call a query by name: `make queries` (service/query_codegen.py) turns each header
into a typed async function in service/calls/ (`cypher/follow/follow.cypher` is
`service.calls.follow.follow(graph, userId=..., researcherId=..., now=...)`, answering a
`FollowRow | None`), so mypy checks parameter and column names; the test suite holds returned
rows to the column types (service/column_types.py). Loading checks the header against the text
(see `_check` and service/cypher_text.py) and the graph boundary checks each call against the
header (`for_call`), which also catches generated code older than its file. The saved analyst
queries in `cypher/analyst/` have a header of their own (service/analyst/catalogue.py) and are
not in this catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from service import cypher_text
from service.settings import ROOT
from service.shapes import SHAPES

CYPHER_DIR = ROOT / "cypher"
# Folders that are not application queries: DDL, and the analyst catalogue's own files.
_NOT_APPLICATION = ("schema", "analyst")

Mode = Literal["read", "write"]
Rows = Literal["one", "optional", "many"]
_MODES: tuple[Mode, ...] = ("read", "write")
_ROWS: tuple[Rows, ...] = ("one", "optional", "many")

# `name: Type -- meaning`: a column here and in the analyst catalogue, a parameter here.
DECLARATION = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\S+)\s*--\s*(?P<doc>.+)$")
_SCALARS = frozenset(
    {"String", "Integer", "Float", "Boolean", "DateTime", "Date", "Duration"}
    | {"Map", "Node", "Relationship", "Path", "Any"}
)


_GRAPH_OBJECT = re.compile(r"\b(Node|Relationship|Path)\b")


class QueryFileError(ValueError):
    """A `.cypher` file that cannot serve as a query; the message names the file and line."""


class QueryCallError(ValueError):
    """Code asked a query for something its header does not declare: the wrong mode, missing or
    undeclared parameters. A programming error, never the user's."""


@dataclass(frozen=True)
class Declared:
    """One `@param` or `@column` line."""

    name: str
    type: str
    doc: str
    line: int


@dataclass(frozen=True)
class CypherQuery:
    name: str
    doc: str
    text: str
    path: Path
    # The file line the text starts on, to report problems in the text by file line.
    line: int = 1
    # Declarations: only application queries (`load`) have them.
    mode: Mode | None = None
    rows: Rows | None = None
    params: tuple[Declared, ...] = ()
    columns: tuple[Declared, ...] = ()


def header(lines: list[str]) -> list[tuple[int, str]]:
    """The leading comment block as (line number, text after `//`); blank lines skipped."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            block.append((number, stripped[2:].strip()))
        elif stripped:
            break
    return block


def parse(path: Path, root: Path = CYPHER_DIR) -> CypherQuery:
    """Name, comment block and text of any query file; no declarations read."""
    name = path.relative_to(root).with_suffix("").as_posix()
    lines = path.read_text(encoding="utf-8").splitlines()
    block = header(lines)
    body_start = next(
        (i for i, line in enumerate(lines) if line.strip() and not line.strip().startswith("//")),
        None,
    )
    if body_start is None:
        raise QueryFileError(f"{path}:{len(lines)}: no query after the comment block")
    if not block:
        raise QueryFileError(f"{path}:1: a query file starts with a // comment saying what it does")
    body = "\n".join(lines[body_start:]).strip()
    # One query per file: a semicolon ends it, so anything after one is a second query.
    if ";" in body.rstrip(";"):
        line_no = body_start + 1 + body[: body.index(";")].count("\n")
        raise QueryFileError(f"{path}:{line_no}: more than one statement in a query file")
    doc = "\n".join(text for _, text in block)
    return CypherQuery(name=name, doc=doc, text=body.rstrip(";"), path=path, line=body_start + 1)


def _type(text: str) -> bool:
    """A Cypher type name as headers write it: `String`, `List<Map>`, `DateTime?`, or a map of a
    known shape, `Map<Card>` (service/shapes.py)."""
    text = text.removesuffix("?")
    if text.startswith("List<") and text.endswith(">"):
        return _type(text[5:-1])
    if text.startswith("Map<") and text.endswith(">"):
        return text[4:-1] in SHAPES
    return text in _SCALARS


def _declared(path: Path, number: int, tag: str, rest: str) -> Declared:
    match = DECLARATION.match(rest)
    if match is None or not _type(match["type"]):
        raise QueryFileError(
            f"{path}:{number}: expected `{tag} name: Type -- meaning` with a Cypher type "
            f"({', '.join(sorted(_SCALARS))}, List<...>, `?` for nullable)"
        )
    return Declared(match["name"], match["type"], match["doc"].strip(), number)


def load(path: Path, root: Path = CYPHER_DIR) -> CypherQuery:
    """An application query file with its declarations, checked against its text."""
    base = parse(path, root)
    found: dict[str, tuple[int, str]] = {}
    params: list[Declared] = []
    columns: list[Declared] = []
    prose: list[str] = []
    for number, content in header(path.read_text(encoding="utf-8").splitlines()):
        tag, _, rest = content.partition(" ")
        rest = rest.strip()
        if tag in ("@mode", "@rows"):
            if tag in found:
                raise QueryFileError(f"{path}:{number}: {tag} is declared twice")
            allowed: tuple[str, ...] = _MODES if tag == "@mode" else _ROWS
            if rest not in allowed:
                raise QueryFileError(f"{path}:{number}: {tag} is one of {', '.join(allowed)}")
            found[tag] = (number, rest)
        elif tag == "@param":
            params.append(_declared(path, number, tag, rest))
        elif tag == "@column":
            columns.append(_declared(path, number, tag, rest))
        elif tag.startswith("@"):
            raise QueryFileError(f"{path}:{number}: unknown tag {tag}")
        else:
            prose.append(content)
    for tag in ("@mode", "@rows"):
        if tag not in found:
            raise QueryFileError(f"{path}:1: the header declares `// {tag} ...`")
    if not prose:
        raise QueryFileError(f"{path}:1: a description line says what the query does")
    query = CypherQuery(
        name=base.name,
        doc="\n".join(prose),
        text=base.text,
        path=path,
        line=base.line,
        mode=next(m for m in _MODES if m == found["@mode"][1]),
        rows=next(r for r in _ROWS if r == found["@rows"][1]),
        params=tuple(params),
        columns=tuple(columns),
    )
    _check(query, mode_line=found["@mode"][0])
    return query


def _check(query: CypherQuery, mode_line: int) -> None:
    """The header against the text. Lexical (service/cypher_text.py), so it does not catch: a
    column's declared type or nullability being wrong, a write made by a procedure call, a
    parameter used only through a dynamic map key, or the item names of a `RETURN *`."""
    path, text = query.path, cypher_text.strip(query.text)

    def line(offset: int) -> int:
        return query.line + text[:offset].count("\n")

    def fail(number: int, message: str) -> QueryFileError:
        return QueryFileError(f"{path}:{number}: {message}")

    for group in (query.params, query.columns):
        seen: set[str] = set()
        for item in group:
            if item.name in seen:
                raise fail(item.line, f"{item.name} is declared twice")
            seen.add(item.name)
    used = cypher_text.parameters(text)
    declared = {p.name: p for p in query.params}
    for name, offset in used.items():
        if name not in declared:
            raise fail(line(offset), f"${name} is used but not declared with `// @param`")
    for name, param in declared.items():
        if name not in used:
            raise fail(param.line, f"@param {name} is declared but the query does not use it")
    write = cypher_text.first_write(text)
    if query.mode == "read" and write is not None:
        raise fail(line(write.start()), f"a @mode read query writes ({write[1]})")
    if query.mode == "write" and write is None:
        raise fail(mode_line, "a @mode write query has no write clause; declare @mode read")
    returned = cypher_text.final_return(text)
    if returned is None:
        if query.columns:
            raise fail(query.columns[0].line, "@column declared but the query returns nothing")
        return
    offset, names = returned
    if names == ["*"]:
        return
    if not query.columns:
        raise fail(line(offset), "the query returns rows: declare each with `// @column`")
    if None in names:
        raise fail(line(offset), "name every RETURN item that is an expression with `AS name`")
    for column in query.columns:
        if column.name not in names:
            raise fail(column.line, f"@column {column.name} is not a name the final RETURN gives")
    undeclared = [str(n) for n in names if n not in {c.name for c in query.columns}]
    if undeclared:
        raise fail(line(offset), f"RETURN gives undeclared columns: {', '.join(undeclared)}")
    for column in query.columns:
        # The boundary hands rows on as plain dicts (graph.py), skipping the driver's recursive
        # transform of graph objects: so application queries return maps, never graph objects.
        if _GRAPH_OBJECT.search(column.type):
            raise fail(column.line, f"@column {column.name}: return a map projection, not a node")


@cache
def catalogue(root: Path = CYPHER_DIR) -> dict[str, CypherQuery]:
    """Every application query under `root` by name (`researcher/cards`), each checked."""
    paths = sorted(
        p for p in root.rglob("*.cypher") if p.relative_to(root).parts[0] not in _NOT_APPLICATION
    )
    return {query.name: query for query in (load(p, root) for p in paths)}


def get(name: str) -> CypherQuery:
    try:
        return catalogue()[name]
    except KeyError:
        raise QueryFileError(f"no query file cypher/{name}.cypher") from None


def for_call(name: str, params: Collection[str], *, modes: Collection[Mode]) -> CypherQuery:
    """The query `name`, if it may run in a transaction of one of `modes` with exactly these
    parameter names; otherwise `QueryCallError` naming the query and what is wrong."""
    query = get(name)
    if query.mode not in modes:
        runs = " or ".join(sorted(modes))
        raise QueryCallError(f"{name} is a @mode {query.mode} query; this call runs {runs} ones")
    declared = {p.name for p in query.params}
    missing, extra = sorted(declared - set(params)), sorted(set(params) - declared)
    if missing or extra:
        problems = []
        if missing:
            problems.append(f"missing {', '.join(missing)}")
        if extra:
            problems.append(f"not declared {', '.join(extra)}")
        raise QueryCallError(f"{name}: parameters {'; '.join(problems)}")
    return query


def schema_statements(path: Path = CYPHER_DIR / "schema" / "setup.cypher") -> list[str]:
    """The DDL statements of the schema script, in order."""
    text = "\n".join(
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.strip().startswith("//")
    )
    return [statement.strip() for statement in text.split(";") if statement.strip()]
