"""The saved-query catalogue: `cypher/analyst/*.cypher` files whose headers declare a contract.

A header is the file's leading `//` block; lines starting with `@` are declarations, the others
are the description. Everything below it is plain Cypher, pasteable into Neo4j Browser.

    // @query coauthor_network
    // A researcher's co-authors and how strong each tie is.
    // @param researcher: String -- the researcher's id
    // @param limit: Int = 25 (1..1000) -- at most this many rows
    // @param level: String = "field" (topic|subfield|field|domain) -- one of these values
    // @param country: String? = null -- `?`: may be null
    // @column coauthorId: String -- the co-author's id
    // @example {"researcher": "seed:borui-zhao"}

Types: String, Int, Float, Boolean and List<...> of the first three; a trailing `?` allows null.
A parameter without `= default` is required. Defaults are JSON literals. Ranges are `lo..hi`
(inclusive) for Int and Float, or `a|b|c` allowed values for String.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from service import errors, queries
from service.analyst.types import Column, InvalidParameter, Parameter, ValueType, check

ANALYST_DIR = queries.CYPHER_DIR / "analyst"
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\S+)"
    r"(?:\s*=\s*(?P<default>\"(?:[^\"\\]|\\.)*\"|[^\s(]+))?"
    r"(?:\s*\((?P<range>[^)]*)\))?"
    r"\s*--\s*(?P<doc>.+)$"
)


class HeaderError(queries.QueryFileError):
    """A catalogue file whose header breaks the format; the message names the file and line."""


class UnknownQuery(errors.Missing):
    """A name that is not in the catalogue: only catalogue files can run."""

    code = "UNKNOWN_QUERY"

    def __init__(self, name: str) -> None:
        super().__init__(f"no saved query named {name!r}; `scholar query --list` shows them")
        self.name = name


@dataclasses.dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    parameters: tuple[Parameter, ...]
    columns: tuple[Column, ...]
    example: dict[str, Any]
    text: str
    hash: str
    path: Path

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def _range(param: str, kind: ValueType, text: str) -> dict[str, Any]:
    if kind.is_list or kind.scalar == "Boolean":
        raise ValueError(f"{param}: a range applies to Int, Float or String only")
    if kind.scalar == "String":
        allowed = tuple(v.strip() for v in text.split("|"))
        if not all(allowed):
            raise ValueError(f"{param}: allowed values are written a|b|c")
        return {"allowed": allowed}
    lo, sep, hi = text.partition("..")
    number = int if kind.scalar == "Int" else float
    try:
        if sep:
            return {"minimum": number(lo), "maximum": number(hi)}
    except ValueError:
        pass
    raise ValueError(f"{param}: range {text!r} is not lo..hi")


def _parameter(text: str) -> Parameter:
    match = _PARAM.match(text)
    if match is None:
        raise ValueError("expected `@param name: Type [= default] [(range)] -- meaning`")
    kind = ValueType.parse(match["type"])
    extra = _range(match["name"], kind, match["range"]) if match["range"] is not None else {}
    if kind.scalar in ("Int", "Float") and not kind.is_list and "minimum" not in extra:
        # Bounded everything: a number an analyst can set has a declared range.
        raise ValueError(f"{match['name']}: an {kind.scalar} parameter declares its range (lo..hi)")
    param = Parameter(
        name=match["name"],
        type=kind,
        description=match["doc"].strip(),
        required=match["default"] is None,
        **extra,
    )
    if match["default"] is not None:
        try:
            default = json.loads(match["default"])
        except json.JSONDecodeError as exc:
            raise ValueError(f"{param.name}: default is not a JSON literal") from exc
        # The same check requests get, so a default can never break its own range.
        param = dataclasses.replace(param, default=check(param, default))
    return param


def parse(path: Path, root: Path = ANALYST_DIR) -> SavedQuery:
    """Read one catalogue file; a broken header fails loudly with file and line."""
    base = queries.parse(path, root)
    raw = path.read_bytes()
    fields: dict[str, Any] = {"parameters": [], "columns": [], "example": {}, "query": None}
    description: list[str] = []
    for number, line in enumerate(raw.decode("utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        content = stripped[2:].strip()
        tag, _, rest = content.partition(" ")
        try:
            if tag == "@query":
                fields["query"] = rest.strip()
            elif tag == "@param":
                fields["parameters"].append(_parameter(rest.strip()))
            elif tag == "@column":
                match = queries.DECLARATION.match(rest.strip())
                if match is None:
                    raise ValueError("expected `@column name: Type -- meaning`")
                kind = ValueType.parse(match["type"])
                fields["columns"].append(Column(match["name"], kind, match["doc"].strip()))
            elif tag == "@example":
                example = json.loads(rest)
                if not isinstance(example, dict):
                    raise ValueError("@example is a JSON object of parameters")
                fields["example"] = example
            elif tag.startswith("@"):
                raise ValueError(f"unknown tag {tag}")
            else:
                description.append(content)
        except (ValueError, InvalidParameter) as exc:
            raise HeaderError(f"{path}:{number}: {exc}") from None
    name = base.name
    problem = None
    if fields["query"] != name:
        problem = f"`// @query {name}` must name the file"
    elif not description:
        problem = "a description line says what the query answers"
    elif not fields["columns"]:
        problem = "declare the result columns with `// @column`"
    elif len({p.name for p in fields["parameters"]}) != len(fields["parameters"]):
        problem = "a parameter is declared twice"
    if problem:
        raise HeaderError(f"{path}:1: {problem}")
    return SavedQuery(
        name=name,
        description=" ".join(description),
        parameters=tuple(fields["parameters"]),
        columns=tuple(fields["columns"]),
        example=fields["example"],
        text=base.text,
        # The whole file: a change to the contract (header) is a new version as much as the body.
        hash=hashlib.sha256(raw).hexdigest(),
        path=path,
    )


class Catalogue:
    """The saved queries under one folder, by name; only these can run."""

    def __init__(self, root: Path = ANALYST_DIR) -> None:
        self.root = root
        paths = sorted(root.rglob("*.cypher"))
        self.queries: dict[str, SavedQuery] = {q.name: q for q in (parse(p, root) for p in paths)}

    def __iter__(self) -> Iterator[SavedQuery]:
        return iter(self.queries.values())

    def __len__(self) -> int:
        return len(self.queries)

    def get(self, name: str) -> SavedQuery:
        try:
            return self.queries[name]
        except KeyError:
            raise UnknownQuery(name) from None


@cache
def default_catalogue() -> Catalogue:
    return Catalogue()
