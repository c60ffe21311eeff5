"""A snapshot's manifests: how many records each part of `<entity>/updated_date=*/` holds.

`<entity>/manifest` lists its parts by url with their record counts, and readers.py checks each
part it reads against it. A manifest that cannot be read is reported by every part that relies
on it (an import's summary keeps the warning once), and those parts are read unchecked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from typing_extensions import TypedDict  # pydantic validates it on Python 3.11

from service.importer.limits import MAX_DOCUMENT_BYTES, too_large
from service.importer.validation import Int, InvalidRecord, Model, Text


class ManifestMeta(TypedDict):
    record_count: Int


class ManifestEntry(TypedDict):
    url: Text
    meta: ManifestMeta


class Manifest(TypedDict):
    entries: list[ManifestEntry]


MANIFEST = Model(Manifest)
_UNCHECKED = "record counts not checked"


@dataclass(frozen=True)
class Counts:
    """`updated_date=…/part_000.gz` -> record count; or, when the manifest cannot be read,
    where and why."""

    by_part: dict[str, int] = field(default_factory=dict)
    where: str = ""
    problem: str | None = None


@cache
def manifest_counts(folder: Path) -> Counts:
    """The record counts `<folder>/manifest` lists, if there is one."""
    manifest = folder / "manifest"
    if not manifest.is_file():
        return Counts()
    try:
        size = manifest.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            why = f"manifest too large: {too_large(size, MAX_DOCUMENT_BYTES)}"
            return Counts(where=str(manifest), problem=f"{why}; {_UNCHECKED}")
        document = json.loads(manifest.read_bytes())
    except (OSError, UnicodeDecodeError) as exc:
        return Counts(where=str(manifest), problem=f"manifest unreadable: {exc}; {_UNCHECKED}")
    except json.JSONDecodeError as exc:
        why = f"manifest is not valid JSON: {exc.msg}; {_UNCHECKED}"
        return Counts(where=f"{manifest}:{exc.lineno}", problem=why)
    try:
        entries = MANIFEST.check(document)["entries"]
    except InvalidRecord as exc:
        return Counts(where=str(manifest), problem=f"{exc}; {_UNCHECKED}")
    counts: dict[str, int] = {}
    for entry in entries:
        parts = entry["url"].rstrip("/").split("/")
        if len(parts) >= 2:
            counts[f"{parts[-2]}/{parts[-1]}"] = entry["meta"]["record_count"]
    return Counts(by_part=counts)
