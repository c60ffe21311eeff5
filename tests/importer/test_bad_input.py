"""Bad input: each case is reported with file and line, good records are kept, counts by reason."""

from __future__ import annotations

import gzip
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from service.importer.limits import MAX_DOCUMENT_BYTES, MAX_RECORD_BYTES
from service.importer.loader import ImportAborted
from tests.importer.conftest import DATA, Load, Query

Counts = Callable[[], Awaitable[dict[str, Any]]]
RECORDS = json.loads((DATA / "api-pages" / "works-page-200.json").read_text())["results"]


def jsonl(records: list[Any]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def truncated_gz(path: Path, records: list[Any]) -> Path:
    """A gzip file cut short, as an interrupted download leaves it."""
    full = gzip.compress(jsonl(records).encode())
    path.write_bytes(full[: len(full) * 2 // 3])
    return path


async def test_truncated_gz_keeps_the_records_before_the_cut(load: Load, tmp_path: Path) -> None:
    path = truncated_gz(tmp_path / "works.jsonl.gz", RECORDS[:60])
    summary = await load(path)
    assert 0 < summary.written < 60
    assert summary.skipped == {"file is truncated or unreadable": 1}
    (problem,) = summary.problems
    assert problem.startswith(f"{path}:{summary.written + 1}: file is truncated")


async def test_a_line_that_is_not_json(load: Load, counts: Counts, tmp_path: Path) -> None:
    path = tmp_path / "works.jsonl"
    path.write_text(
        jsonl(RECORDS[:2]) + '{"id": "https://openalex.org/W1", "title": \n' + jsonl(RECORDS[2:4])
    )
    summary = await load(path)
    assert (summary.read, summary.written) == (5, 4)
    assert summary.skipped == {"not valid JSON": 1}
    assert summary.problems[0].startswith(f"{path}:3: not valid JSON")
    assert (await counts())["works"] == 4


async def test_a_record_without_an_id(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "works.jsonl"
    path.write_text(jsonl([RECORDS[0], {**RECORDS[1], "id": None}, RECORDS[2]]))
    summary = await load(path)
    assert summary.written == 2
    assert summary.problems == [f"{path}:2: record has no id"]


async def test_a_record_of_a_type_the_importer_does_not_know(load: Load) -> None:
    summary = await load(DATA / "entities" / "cardiac-imaging.json")
    assert summary.written == 0
    assert summary.skipped == {"unsupported entity type": 1}
    assert summary.problems[0].endswith(":1: unsupported entity type: keyword")


async def test_a_csv_file_that_is_not_the_topic_taxonomy(load: Load, tmp_path: Path) -> None:
    table = tmp_path / "people.csv"
    table.write_text("id,name\nA1,Someone\n")
    summary = await load(table)
    assert summary.written == 0
    assert summary.skipped == {"not a file the importer reads": 1}
    assert summary.problems[0].startswith(f"{table}:1: not a file the importer reads")
    assert "id_topic" in summary.problems[0]


async def test_a_folder_walk_passes_over_documentation_and_hidden_files(
    load: Load, tmp_path: Path
) -> None:
    (tmp_path / "works.jsonl").write_text(jsonl(RECORDS[:2]))
    for other in ("README.md", "LICENSE.txt", ".DS_Store", ".cache/works.jsonl"):
        (tmp_path / other).parent.mkdir(exist_ok=True)
        (tmp_path / other).write_text("not a record\n")
    summary = await load(tmp_path)
    assert summary.read == summary.written == 2 and not summary.skipped
    # Named on its own, such a file is read like any other.
    named = await load(tmp_path / "README.md")
    assert named.skipped == {"not valid JSON": 1}


async def test_a_record_of_the_wrong_type_in_a_snapshot_folder(
    load: Load, counts: Counts, tmp_path: Path
) -> None:
    folder = tmp_path / "authors" / "updated_date=2024-01-01"
    folder.mkdir(parents=True)
    author = json.loads((DATA / "entities" / "A5023888391.json").read_text())
    part = folder / "part_000.gz"
    part.write_bytes(gzip.compress(jsonl([author, RECORDS[0]]).encode()))
    summary = await load(tmp_path)
    assert summary.written == 1
    assert summary.skipped == {"wrong entity type": 1}
    assert summary.problems[0].startswith(f"{part}:2: wrong entity type: a work record")
    assert (await counts())["works"] == 0


async def test_a_malformed_record_is_skipped_with_its_reason(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "works.jsonl"
    broken = {**RECORDS[1], "authorships": [{"author": {"id": "not an id"}}]}
    path.write_text(jsonl([RECORDS[0], broken]))
    summary = await load(path)
    assert summary.written == 1
    assert summary.problems[0].startswith(f"{path}:2: malformed record: not an OpenAlex id")


async def test_a_record_the_database_refuses_leaves_its_batch_whole(
    load: Load, counts: Counts, tmp_path: Path
) -> None:
    """A nested map is no valid property value: the batch rolls back, then the rest is kept."""
    path = tmp_path / "works.jsonl"
    refused = {**RECORDS[2], "language": {"nested": "map"}}
    path.write_text(jsonl([RECORDS[0], RECORDS[1], refused, RECORDS[3]]))
    summary = await load(path, batch_size=10)
    assert summary.written == 3
    assert summary.skipped == {"rejected by the database": 1}
    assert summary.problems[0].startswith(f"{path}:3: rejected by the database")
    assert (await counts())["works"] == 3


async def test_summary_counts_every_reason(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "works.jsonl"
    path.write_text(jsonl([RECORDS[0], {"no": "id"}, [1, 2]]) + "nope\n")
    summary = await load(path)
    assert summary.read == 4
    assert summary.written == 1
    assert summary.skipped == {
        "record has no id": 1,
        "record is not a JSON object": 1,
        "not valid JSON": 1,
    }
    rendered = summary.render()
    assert "read 4, written 1, skipped 3" in rendered
    assert "skipped 1: not valid JSON" in rendered


async def test_fail_fast_makes_the_first_error_fatal(
    load: Load, tmp_path: Path, cypher: Query
) -> None:
    path = tmp_path / "works.jsonl"
    path.write_text(jsonl([RECORDS[0]]) + "nope\n" + jsonl([RECORDS[1]]))
    with pytest.raises(ImportAborted, match=rf"{path}:2: not valid JSON"):
        await load(path, fail_fast=True)
    # The first error stops the import before the pending batch is written.
    assert await cypher("MATCH (p:Paper {stub: false}) RETURN count(p) AS n") == [{"n": 0}]


async def test_a_manifest_mismatch_is_reported(load: Load, tmp_path: Path) -> None:
    folder = tmp_path / "works" / "updated_date=2024-01-01"
    folder.mkdir(parents=True)
    (folder / "part_000.gz").write_bytes(gzip.compress(jsonl(RECORDS[:3]).encode()))
    (tmp_path / "works" / "manifest").write_text(
        json.dumps(
            {
                "entries": [
                    {
                        "url": "s3://openalex/data/works/updated_date=2024-01-01/part_000.gz",
                        "meta": {"record_count": 5},
                    }
                ]
            }
        )
    )
    summary = await load(tmp_path)
    assert summary.written == 3
    assert summary.warnings == [
        f"{folder / 'part_000.gz'}: manifest mismatch: the manifest lists 5 records, the file has 3"
    ]
    with pytest.raises(ImportAborted, match="manifest mismatch"):
        await load(tmp_path, fail_fast=True)


async def test_an_oversized_record_between_good_files_is_skipped_alone(
    load: Load, counts: Counts, tmp_path: Path
) -> None:
    """Refused before it is parsed, so neither memory nor the database ever holds it."""
    before, middle, after = (tmp_path / f"{n}.jsonl" for n in ("a", "b", "c"))
    before.write_text(jsonl(RECORDS[0:3]))
    huge = json.dumps({**RECORDS[4], "title": "x" * MAX_RECORD_BYTES}) + "\n"
    middle.write_text(jsonl(RECORDS[3:4]) + huge + jsonl(RECORDS[5:6]))
    after.write_text(jsonl(RECORDS[6:9]))
    summary = await load(tmp_path)
    assert (summary.read, summary.written) == (9, 8)
    assert summary.skipped == {"record too large": 1}
    assert summary.problems == [
        f"{middle}:2: record too large: expected at most {MAX_RECORD_BYTES:,} bytes,"
        f" got {len(huge):,}"
    ]
    assert (await counts())["works"] == 8


async def test_a_json_file_too_large_to_read_whole_is_refused(load: Load, tmp_path: Path) -> None:
    page = tmp_path / "page.json"
    with page.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    summary = await load(page)
    assert summary.skipped == {"file too large": 1}
    assert summary.problems[0].startswith(
        f"{page}:1: file too large: a .json file is read whole, expected at most"
    )
