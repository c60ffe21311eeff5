"""Reading OpenAlex records from the forms users bring: API pages, single records, JSON Lines."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from service.importer.ids import BadId, short_id

ENTITY_BY_PREFIX = {
    "W": "work",
    "A": "author",
    "I": "institution",
    "S": "source",
    "T": "topic",
    "C": "concept",
    "P": "publisher",
    "F": "funder",
}


@dataclass(frozen=True)
class Item:
    """One record, or the reason a piece of input is not one, with where it was found."""

    where: str
    record: dict[str, Any] | None = None
    problem: str | None = None

    @property
    def entity(self) -> str | None:
        if self.record is None:
            return None
        return entity_of(self.record)


def entity_of(record: dict[str, Any]) -> str | None:
    try:
        key = short_id(record.get("id"))
    except BadId:
        return None
    if ":" in key:
        # Namespaced local keys say what they are through their record's shape.
        return "work" if "authorships" in record or "title" in record else None
    return ENTITY_BY_PREFIX.get(key[0])


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz" or path.name.startswith("part_"):
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def read_file(path: Path) -> Iterator[Item]:
    """Records of one file: a `.json` page or record, or JSON Lines (`.jsonl`, `.gz`, `part_*`)."""
    if path.suffix == ".json":
        yield from _read_json(path)
    else:
        yield from _read_lines(path)


def _read_json(path: Path) -> Iterator[Item]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        yield Item(where=f"{path}:{line}", problem=f"not valid JSON: {exc}")
        return
    if isinstance(document, dict) and isinstance(document.get("results"), list):
        for index, record in enumerate(document["results"]):
            yield _item(f"{path}: results[{index}]", record)
    else:
        yield _item(f"{path}:1", document)


def _read_lines(path: Path) -> Iterator[Item]:
    number = 0
    try:
        with _open(path) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Item(where=f"{path}:{number}", problem=f"not valid JSON: {exc.msg}")
                    continue
                yield _item(f"{path}:{number}", record)
    except (EOFError, OSError, UnicodeDecodeError) as exc:
        yield Item(where=f"{path}:{number + 1}", problem=f"file is truncated or unreadable: {exc}")


def _item(where: str, record: Any) -> Item:
    if not isinstance(record, dict):
        return Item(where=where, problem="record is not a JSON object")
    if not record.get("id"):
        return Item(where=where, problem="record has no id")
    return Item(where=where, record=record)
