"""Reading OpenAlex records from the forms users bring: API pages, single records, JSON Lines.

Also the snapshot layout: `<entity>/updated_date=*/part_*.gz` (records; the folder names the
entity, so a record of another type there is reported), `<entity>/manifest` (record counts
checked against what the parts held) and `merged_ids/<entity>/*.csv.gz` (merged ids); and the
topic taxonomy as a table (`id_topic,topic,description,id_subfield,subfield,…,domain`), whose
rows are topic records.
"""

from __future__ import annotations

import csv
import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BufferedIOBase
from pathlib import Path
from typing import IO, Any

import orjson

from service.importer.ids import BadId, short_id
from service.importer.limits import MAX_DOCUMENT_BYTES, MAX_RECORD_BYTES, too_large
from service.importer.manifests import Counts, manifest_counts

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
# Snapshot folder names -> entity type.
ENTITY_BY_FOLDER = {f"{entity}s": entity for entity in ENTITY_BY_PREFIX.values()}
# The columns of the topic taxonomy table a CSV file must have to be read as one.
TAXONOMY_COLUMNS = (
    "id_topic",
    "topic",
    "id_subfield",
    "subfield",
    "id_field",
    "field",
    "id_domain",
    "domain",
)
# A local key names its entity by the OpenAlex-style letter after the namespace: `gen:W12`.
_LOCAL_TYPED = ("W", "A", "I", "S", "T", "C", "P", "F")


@dataclass(frozen=True)
class Item:
    """One record, or the reason a piece of input is not one, with where it was found.

    `kind` overrides the entity derived from the record's id (merged-id rows, snapshot parts);
    `about_file` marks a problem with a whole file (a manifest mismatch), not with a record.
    """

    where: str
    record: dict[str, Any] | None = None
    problem: str | None = None
    kind: str | None = None
    about_file: bool = False

    @property
    def entity(self) -> str | None:
        if self.kind is not None:
            return self.kind
        if self.record is None:
            return None
        return entity_of(self.record)


def entity_of(record: dict[str, Any]) -> str | None:
    try:
        key = short_id(record.get("id"))
    except BadId:
        return None
    if ":" in key:
        local = key.split(":", 1)[1]
        if local[:1] in _LOCAL_TYPED and local[1:].isdigit():
            return ENTITY_BY_PREFIX[local[0]]
        # Other namespaced keys (the seed's) say what they are through their record's shape.
        return "work" if "authorships" in record or "title" in record else None
    if "/" in key:  # taxonomy ids: subfields/1702 are not importable records on their own
        return None
    return ENTITY_BY_PREFIX.get(key[0])


def describe_id(raw: object) -> str:
    """What kind of thing an id names, for messages: `keywords/cardiac-imaging` -> keyword."""
    text = str(raw)
    if text.startswith("https://openalex.org/") and "/" in text[len("https://openalex.org/") :]:
        return text[len("https://openalex.org/") :].split("/", 1)[0].rstrip("s")
    return "unknown"


def _compressed(path: Path) -> bool:
    return path.suffix == ".gz" or path.name.startswith("part_")


def _open(path: Path) -> IO[str]:
    if _compressed(path):
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _open_bytes(path: Path) -> BufferedIOBase:
    """JSON Lines are read as bytes: the parser takes them so, and a line's size is known
    before anything is decoded."""
    if _compressed(path):
        return gzip.open(path, "rb")
    return path.open("rb")


def _lines(handle: BufferedIOBase) -> Iterator[bytes | int]:
    """The lines of `handle`, or in place of one longer than MAX_RECORD_BYTES its size: such a
    line is read past in pieces, never held whole."""
    while line := handle.readline(MAX_RECORD_BYTES + 1):
        if len(line) <= MAX_RECORD_BYTES:
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n") and (line := handle.readline(2**20)):
            size += len(line)
        yield size


def merged_ids_file(path: Path) -> bool:
    """A snapshot's list of merged ids (`merged_ids/<entity>/*.csv.gz`)."""
    return path.parent.parent.name == "merged_ids" and ".csv" in path.suffixes


def read_file(path: Path) -> Iterator[Item]:
    """Records of one file: a `.json` page or record, JSON Lines, a snapshot part or merged ids."""
    if path.name == "manifest":
        return  # read by `manifest_counts` when its parts are read
    if merged_ids_file(path):
        yield from _read_merged(path, path.parent.name)
    elif ".csv" in path.suffixes:
        yield from _read_taxonomy(path)
    elif path.suffix == ".json":
        yield from _read_json(path)
    else:
        yield from _read_lines(path)


def _read_json(path: Path) -> Iterator[Item]:
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        why = f"file too large: a .json file is read whole, {too_large(size, MAX_DOCUMENT_BYTES)}"
        yield Item(where=f"{path}:1", problem=f"{why} (JSON Lines have no such limit)")
        return
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


def _snapshot_entity(path: Path) -> str | None:
    """`works/updated_date=2023-05-16/part_000.gz` holds works."""
    if path.parent.name.startswith("updated_date="):
        return ENTITY_BY_FOLDER.get(path.parent.parent.name)
    return None


def _read_lines(path: Path) -> Iterator[Item]:
    number = 0
    lines = 0
    expected = _snapshot_entity(path)
    in_snapshot = path.parent.name.startswith("updated_date=")
    counts = manifest_counts(path.parent.parent) if in_snapshot else Counts()
    if counts.problem is not None:  # before the records: with --fail-fast none is written
        yield Item(where=counts.where, problem=counts.problem, about_file=True)
    try:
        with _open_bytes(path) as handle:
            for number, line in enumerate(_lines(handle), start=1):
                if isinstance(line, int):
                    lines += 1
                    why = f"record too large: {too_large(line, MAX_RECORD_BYTES)}"
                    yield Item(where=f"{path}:{number}", problem=why)
                    continue
                if not line.strip():
                    continue
                lines += 1
                try:
                    record = orjson.loads(line)  # ~3x the standard parser on large corpora
                except orjson.JSONDecodeError as exc:
                    yield Item(where=f"{path}:{number}", problem=f"not valid JSON: {exc.msg}")
                    continue
                yield _item(f"{path}:{number}", record, expected)
    except (EOFError, OSError, zlib.error) as exc:
        yield Item(where=f"{path}:{number + 1}", problem=f"file is truncated or unreadable: {exc}")
    listed = counts.by_part.get(f"{path.parent.name}/{path.name}")
    if listed is not None and listed != lines:
        yield Item(
            where=f"{path}",
            problem=f"manifest mismatch: the manifest lists {listed} records, the file has {lines}",
            about_file=True,
        )


def _read_merged(path: Path, folder: str) -> Iterator[Item]:
    """`merge_date,id,merge_into_id` rows; each says `id` is now `merge_into_id`."""
    entity = ENTITY_BY_FOLDER.get(folder, folder)
    number = 1
    try:
        with _open(path) as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                old, into = row.get("id"), row.get("merge_into_id")
                where = f"{path}:{number}"
                if not old or not into:
                    yield Item(where=where, problem="record has no id: merged-id row without ids")
                    continue
                yield Item(
                    where=where,
                    record={"id": old, "into": into, "date": row.get("merge_date")},
                    kind=f"merged_{entity}",
                )
    except (EOFError, OSError, UnicodeDecodeError, zlib.error, csv.Error) as exc:
        yield Item(where=f"{path}:{number + 1}", problem=f"file is truncated or unreadable: {exc}")


def _read_taxonomy(path: Path) -> Iterator[Item]:
    """Rows of the topic taxonomy table, each as the topic record it describes: the levels'
    ids come as `subfields/1702` there, which the mapping normalises like any other form."""
    number = 1
    try:
        with _open(path) as handle:
            rows = csv.DictReader(handle)
            missing = [c for c in TAXONOMY_COLUMNS if c not in (rows.fieldnames or ())]
            if missing:
                yield Item(
                    where=f"{path}:1",
                    problem="not a file the importer reads: a CSV file is read as the topic "
                    f"taxonomy, whose columns {', '.join(missing)} it lacks",
                )
                return
            for number, row in enumerate(rows, start=2):
                record: dict[str, Any] = {"id": row["id_topic"], "display_name": row["topic"]}
                if row.get("description"):
                    record["description"] = row["description"]
                for level in ("subfield", "field", "domain"):
                    if row[f"id_{level}"]:
                        record[level] = {"id": row[f"id_{level}"], "display_name": row[level]}
                yield _item(f"{path}:{number}", record, "topic")
    except (EOFError, OSError, UnicodeDecodeError, zlib.error, csv.Error) as exc:
        yield Item(where=f"{path}:{number + 1}", problem=f"file is truncated or unreadable: {exc}")


def _item(where: str, record: Any, expected: str | None = None) -> Item:
    if not isinstance(record, dict):
        return Item(where=where, problem="record is not a JSON object")
    if not record.get("id"):
        return Item(where=where, problem="record has no id")
    found = entity_of(record)
    if expected is not None and found != expected:
        return Item(
            where=where,
            problem=f"wrong entity type: a {found or describe_id(record['id'])} record"
            f" ({record['id']}) in a folder of {expected}s",
        )
    return Item(where=where, record=record)
