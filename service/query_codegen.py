"""Typed Python for every application query, generated from the headers (`make queries`).

Each folder `cypher/<folder>/` becomes two modules (`import_` for `import`, a Python keyword):
`service/calls/<folder>_types.py` holds, per query file, a `TypedDict` of its row and one of its
parameters, and `service/calls/<folder>.py` an async function named after the file:
`cypher/researcher/exists.cypher` gives

    class ExistsRow(TypedDict):
        id: str

    async def exists(db: Runner, /, **params: Unpack[ExistsParams]) -> ExistsRow | None: ...

taking a `Graph` or a `Transaction` (service/rows.py), keyword-only parameters typed from
`@param`, and answering by `@rows`: a list (many), the row or None (optional), the row (one).
So mypy holds every caller to the column and parameter names the header declares.
`python -m service.query_codegen --check` lists the modules that differ from the headers
(tests/test_query_codegen.py runs it).
"""

from __future__ import annotations

import argparse
import keyword
import re
import sys
import textwrap
from itertools import groupby
from pathlib import Path

from service import queries
from service.column_types import annotation
from service.queries import CypherQuery
from service.settings import ROOT

PACKAGE = ROOT / "service" / "calls"
WIDTH = 100
_TEMPORAL = {"DateTime": "datetime", "Date": "date", "Duration": "timedelta"}


def module_name(folder: str) -> str:
    """The module a folder's queries go to: the folder's name, `_` after a Python keyword."""
    return f"{folder}_" if keyword.iskeyword(folder) else folder


def row_class(query: CypherQuery) -> str:
    """`researcher/viewer_may_vouch` -> `ViewerMayVouchRow`."""
    return "".join(part.title() for part in _function(query).split("_")) + "Row"


def _function(query: CypherQuery) -> str:
    return query.name.rsplit("/", 1)[1]


def _line(prefix: str, items: list[str], suffix: str, indent: str) -> list[str]:
    """`prefix(items)suffix` on one line when it fits, else one item a line, as ruff formats."""
    flat = f"{indent}{prefix}{', '.join(items)}{suffix}"
    if len(flat) <= WIDTH:
        return [flat]
    hugged = f"{indent}    {', '.join(items)}"
    if len(hugged) <= WIDTH:
        return [f"{indent}{prefix}", hugged, f"{indent}{suffix.lstrip()}"]
    return [
        f"{indent}{prefix}",
        *(f"{indent}    {item}," for item in items),
        f"{indent}{suffix.lstrip()}" if suffix.startswith(" ") else f"{indent}{suffix}",
    ]


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH - len(indent), initial_indent=f"{indent}# ", subsequent_indent=f"{indent}# "
    )


def _docstring(text: str) -> list[str]:
    """The description's first sentence: the rest is in the query file, beside the text."""
    text = " ".join(text.split())
    sentence = re.match(r"(.+?\.)(?:\s|$)", text)
    first = (sentence[1] if sentence else text).replace("\\", "\\\\").replace('"""', "'''")
    lines = textwrap.wrap(first, WIDTH - 4 - 6)
    if len(lines) == 1:
        return [f'    """{lines[0]}"""']
    return [f'    """{lines[0]}', *(f"    {line}" for line in lines[1:]), '    """']


def _returns(query: CypherQuery) -> str:
    row = row_class(query)
    return {"many": f"list[{row}]", "optional": f"{row} | None", "one": row}[query.rows or "many"]


def _types_code(query: CypherQuery) -> list[str]:
    """The query's parameter TypedDict (when it takes any) and its row TypedDict."""
    lines: list[str] = []
    if query.params:
        lines.append(f"class {params_class(query)}(TypedDict):")
        lines += [f"    {p.name}: {annotation(p.type, param=True)}" for p in query.params]
        lines += ["", ""]
    lines.append(f"class {row_class(query)}(TypedDict):")
    for column in query.columns:
        field = f"    {column.name}: {annotation(column.type)}"
        inline = f"{field}  # {column.doc}"
        lines += [inline] if len(inline) <= WIDTH else [*_comment(column.doc, "    "), field]
    return lines


def _call_code(query: CypherQuery) -> list[str]:
    """The query's async function: runs it with its header's mode, shapes rows by `@rows`."""
    signature = ["db: Runner", "/"]
    if query.params:
        signature.append(f"**params: Unpack[{params_class(query)}]")
    lines = _line(f"async def {_function(query)}(", signature, f") -> {_returns(query)}:", "")
    lines += _docstring(query.doc)
    given = "dict(params)" if query.params else "{}"
    lines.append(f'    rows = await db._run("{query.name}", {given}, "{query.mode}")')
    shaped = {
        "many": "rows",
        "optional": "optional(rows)",
        "one": f'one("{query.name}", rows)',
    }[query.rows or "many"]
    lines.append(f'    return cast("{_returns(query)}", {shaped})')
    return lines


def params_class(query: CypherQuery) -> str:
    """`researcher/viewer_may_vouch` -> `ViewerMayVouchParams`."""
    return row_class(query).removesuffix("Row") + "Params"


def _used(group: list[CypherQuery], *, params: bool = True, columns: bool = True) -> set[str]:
    """The header type names the group's parameters and/or columns use."""
    declared = [d for q in group for d in (*(q.params * params), *(q.columns * columns))]
    return {name for d in declared for name in re.findall(r"\w+", d.type)}


def _header(folder: str, what: str) -> list[str]:
    return [
        f"# Generated from cypher/{folder}/*.cypher, do not edit; regenerate with `make queries`.",
        f'"""{what}."""',
        "",
        "from __future__ import annotations",
        "",
    ]


def types_module(folder: str, group: list[CypherQuery]) -> str:
    """The parameter and row types of one cypher folder's queries."""
    in_params, used = _used(group, columns=False), _used(group)
    stdlib = [f"from datetime import {py}" for cy, py in _TEMPORAL.items() if cy in in_params]
    # A plain `Map` is `dict[str, Any]`; `Map<Card>` is the shape `Card` (service/shapes.py).
    declared = [d.type for q in group for d in (*q.params, *q.columns)]
    shaped = {name for t in declared for name in re.findall(r"Map<(\w+)>", t)}
    plain = any(re.search(r"\bMap\b(?!<)|\bAny\b", t) for t in declared)
    typing = ["TypedDict", *(["Any"] if plain else [])]
    temporal = sorted(t for t in _TEMPORAL if t in used)
    what = f"Parameters and rows of the queries in cypher/{folder}/, as TypedDicts"
    lines = _header(folder, what)
    lines += [*sorted(stdlib), f"from typing import {', '.join(sorted(typing))}"]
    if temporal:
        lines += ["", f"from neo4j.time import {', '.join(temporal)}"]
    if shaped:
        lines += ["", f"from service.shapes import {', '.join(sorted(shaped))}"]
    for query in group:
        lines += ["", "", *_types_code(query)]
    return "\n".join(lines) + "\n"


def calls_module(folder: str, group: list[CypherQuery]) -> str:
    """The typed async functions of one cypher folder's queries."""
    # Ordered as ruff's isort orders them: by name, ignoring case.
    types = sorted(
        (name for q in group for name in (row_class(q), *([params_class(q)] * bool(q.params)))),
        key=str.lower,
    )
    typing = ["cast", *(["Unpack"] if any(q.params for q in group) else [])]
    shapes = sorted({str(q.rows) for q in group} - {"many"})
    lines = _header(folder, f"The queries in cypher/{folder}/ as typed async functions")
    lines += [f"from typing import {', '.join(sorted(typing))}", ""]
    flat = f"from service.calls.{folder}_types import {', '.join(types)}"
    if len(flat) <= WIDTH:
        lines.append(flat)
    else:
        lines += [flat.split(" import ")[0] + " import (", *(f"    {t}," for t in types), ")"]
    lines.append(f"from service.rows import {', '.join(['Runner', *shapes])}")
    for query in group:
        lines += ["", "", *_call_code(query)]
    return "\n".join(lines) + "\n"


def modules(root: Path = queries.CYPHER_DIR) -> dict[str, str]:
    """File name -> text of every generated module, `__init__.py` included."""
    catalogue = sorted(queries.catalogue(root).values(), key=lambda q: q.name)
    out: dict[str, str] = {}
    for folder, group in groupby(catalogue, key=lambda q: q.name.split("/")[0]):
        queries_of = list(group)
        out[f"{module_name(folder)}.py"] = calls_module(folder, queries_of)
        out[f"{folder}_types.py"] = types_module(folder, queries_of)
    names = ", ".join(f"`{n.removesuffix('.py')}`" for n in sorted(out) if "_types" not in n)
    out["__init__.py"] = (
        "# Generated from cypher/, do not edit; regenerate with `make queries`.\n"
        '"""The application queries as typed async functions, a module per cypher folder:\n'
        + "\n".join(textwrap.wrap(names + ".", WIDTH))
        + '\n"""\n'
    )
    return out


def stale(package: Path = PACKAGE, root: Path = queries.CYPHER_DIR) -> list[str]:
    """The generated files that differ from what the headers generate, or are missing or
    left over."""
    wanted = modules(root)
    present = {p.name for p in package.glob("*.py")} if package.is_dir() else set()
    differ = [
        name
        for name, text in wanted.items()
        if name not in present or (package / name).read_text(encoding="utf-8") != text
    ]
    return sorted(differ + sorted(present - wanted.keys()))


def write(package: Path = PACKAGE, root: Path = queries.CYPHER_DIR) -> None:
    package.mkdir(exist_ok=True)
    wanted = modules(root)
    for name, text in wanted.items():
        (package / name).write_text(text, encoding="utf-8")
    for path in package.glob("*.py"):
        if path.name not in wanted:
            path.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="list stale modules, write none")
    args = parser.parse_args(argv)
    if args.check:
        differ = stale()
        for name in differ:
            print(f"service/calls/{name} differs from cypher/: run `make queries`")
        return 1 if differ else 0
    write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
