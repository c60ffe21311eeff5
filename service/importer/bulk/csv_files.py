"""CSV files as `neo4j-admin database import` reads them (the bulk load, service/importer/bulk/)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, NamedTuple

# Between array elements; a character OpenAlex text never needs (it is dropped from values).
ARRAY_DELIMITER = "\x1f"


def _text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if '"' in value else f'"{value}"'


def cell(value: object) -> str:
    """One CSV field as `neo4j-admin` reads it: empty means no property, "" an empty string."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        joined = ARRAY_DELIMITER.join(map(str, value))
        if joined.count(ARRAY_DELIMITER) >= len(value):  # an element held one: drop it there
            joined = ARRAY_DELIMITER.join([str(v).replace(ARRAY_DELIMITER, "") for v in value])
        return _text(joined)
    return _text(str(value))


class Output(NamedTuple):
    """A written file: its label or relationship type, rows, and whether a field holds a line
    break (neo4j-admin reads only such files the slow way, as multi-line)."""

    kind: str
    path: Path
    rows: int
    multiline: bool


def has_line_break(line: str) -> bool:
    return "\n" in line or "\r" in line


class CsvFile:
    """A node or relationship file with its header line; `write` takes the columns in order."""

    def __init__(self, path: Path, header: Iterable[str]) -> None:
        self.path = path
        self.rows = 0
        self.multiline = False
        self._handle: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._handle.write(",".join(header) + "\n")

    def write(self, *values: object) -> None:
        line = ",".join(map(cell, values))
        self.multiline = self.multiline or has_line_break(line)
        self._handle.write(line + "\n")
        self.rows += 1

    def link(self, start: str, end: str, *values: object, occurrence: int | None = None) -> None:
        """A relationship row (after the work `occurrence` it belongs to, if given). Keys need
        no quoting: `ids.short_id` admits no comma, quote or line break, and this skips the
        per-field work that dominates writing millions of edges.
        """
        line = f"{start},{end}" if occurrence is None else f"{occurrence},{start},{end}"
        if values:
            fields = ",".join(map(cell, values))
            self.multiline = self.multiline or has_line_break(fields)
            line += "," + fields
        self._handle.write(line + "\n")
        self.rows += 1

    def close(self) -> None:
        self._handle.close()

    def output(self, kind: str) -> Output:
        """Close the file and say what it holds."""
        self.close()
        return Output(kind, self.path, self.rows, self.multiline)


def drop(path: Path, occurrences: set[int]) -> int:
    """Rewrite a (closed) file without the rows whose first column is in `occurrences`;
    returns how many rows it dropped.

    A row ends at a line break outside quotes; `cell` doubles quotes inside a field, so the
    count of quote characters is even exactly where a row is complete.
    """
    dropped = 0
    kept = path.with_suffix(".kept")
    with (
        path.open(encoding="utf-8", newline="") as src,
        kept.open("w", encoding="utf-8", newline="") as out,
    ):
        out.write(src.readline())  # the header
        record, quotes = "", 0
        for line in src:
            record += line
            quotes += line.count('"')
            if quotes % 2:
                continue
            if int(record.split(",", 1)[0]) in occurrences:
                dropped += 1
            else:
                out.write(record)
            record, quotes = "", 0
    kept.replace(path)
    return dropped


def typed(name: str, kind: str) -> str:
    """A header column: the property and its import type (string is the default)."""
    return name if kind == "string" else f"{name}:{kind}"
