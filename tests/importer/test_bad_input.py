"""Bad input: each case is reported with file and line, good records are kept, counts by reason."""

from __future__ import annotations

import gzip
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from neo4j import AsyncDriver
from service.analyst.catalogue import default_catalogue
from service.importer.limits import MAX_DOCUMENT_BYTES, MAX_KEY, MAX_RECORD_BYTES, MAX_TEXT
from service.importer.loader import ImportAborted
from service.settings import Settings
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
    load: Load, counts: Counts, tmp_path: Path, empty_graph: AsyncDriver, settings: Settings
) -> None:
    """No wrongly typed record reaches the database, but what the graph already holds can
    still refuse one: here a researcher whose name something else set to a number, which the
    byline rule cannot compare. The batch rolls back, then the rest is kept."""
    await empty_graph.execute_query(
        "CREATE (:Researcher {id: 'A5084094406', name: 42})", database_=settings.neo4j.database
    )
    path = tmp_path / "works.jsonl"
    path.write_text(jsonl(RECORDS[:4]))  # the third names that researcher
    summary = await load(path, keep=True, batch_size=10)
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


async def test_a_field_past_its_bound_is_skipped_by_name(load: Load, tmp_path: Path) -> None:
    page = tmp_path / "page.json"
    long_title = {**RECORDS[1], "display_name": "t" * (MAX_TEXT + 1)}
    page.write_text(json.dumps({"results": [RECORDS[0], long_title, RECORDS[2]]}))
    # A DOI is indexed: one past the index's key size once aborted the import as "unavailable".
    lines = tmp_path / "works.jsonl"
    lines.write_text(jsonl([RECORDS[3], {**RECORDS[4], "doi": "10.1/" + "d" * MAX_KEY}]))
    summary = await load(page, lines)
    assert summary.written == 3
    assert summary.skipped == {"field too large": 2}
    assert summary.problems == [
        f"{page}: results[1]: display_name: expected at most {MAX_TEXT:,} characters,"
        f" got {MAX_TEXT + 1:,}",
        f"{lines}:2: doi: expected at most {MAX_KEY:,} characters, got {MAX_KEY + 5:,}",
    ]


async def test_a_json_file_too_large_to_read_whole_is_refused(load: Load, tmp_path: Path) -> None:
    page = tmp_path / "page.json"
    with page.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    summary = await load(page)
    assert summary.skipped == {"file too large": 1}
    assert summary.problems[0].startswith(
        f"{page}:1: file too large: a .json file is read whole, expected at most"
    )


async def test_wrongly_typed_records_are_skipped_and_coercible_ones_converted(
    load: Load, tmp_path: Path, cypher: Query
) -> None:
    path = tmp_path / "works.jsonl"
    converted = {**RECORDS[0], "publication_year": "2020", "cited_by_count": "12"}
    many = {**RECORDS[1], "cited_by_count": "many"}
    byline = {**RECORDS[2], "authorships": "A. Author, B. Author"}
    path.write_text(jsonl([converted, many, byline, RECORDS[3]]))
    summary = await load(path)
    assert summary.written == 2
    assert summary.skipped == {"wrong field type": 2}
    assert summary.problems == [
        f'{path}:2: cited_by_count: expected an integer, got "many"',
        f'{path}:3: authorships: expected a list, got "A. Author, B. Author"',
    ]
    # Stored as numbers, so the saved queries that compare and sort them find the work.
    topic = RECORDS[0]["topics"][0]["id"].rsplit("/", 1)[-1]
    found = await cypher(
        default_catalogue().get("most_cited_in_topic").text, topic=topic, fromYear=2020, limit=5
    )
    assert [(r["paperId"], r["year"], r["citedByCount"]) for r in found] == [
        (RECORDS[0]["id"].rsplit("/", 1)[-1], 2020, 12)
    ]


async def test_fail_fast_stops_at_a_wrongly_typed_record(load: Load, tmp_path: Path) -> None:
    path = tmp_path / "works.jsonl"
    path.write_text(jsonl([RECORDS[0], {**RECORDS[1], "publication_year": "soon"}, RECORDS[2]]))
    with pytest.raises(
        ImportAborted, match=rf'{path}:2: publication_year: expected an integer, got "soon"'
    ):
        await load(path, fail_fast=True)


def snapshot_works(root: Path, parts: int = 2) -> Path:
    """`works/updated_date=2024-01-01/part_00N.gz` with three records each; the manifest path."""
    folder = root / "works" / "updated_date=2024-01-01"
    folder.mkdir(parents=True)
    for n in range(parts):
        records = RECORDS[3 * n : 3 * n + 3]
        (folder / f"part_{n:03d}.gz").write_bytes(gzip.compress(jsonl(records).encode()))
    return root / "works" / "manifest"


def manifest_of(counts: list[object]) -> str:
    url = "s3://openalex/data/works/updated_date=2024-01-01/part_{:03d}.gz"
    entries = [{"url": url.format(n), "meta": {"record_count": c}} for n, c in enumerate(counts)]
    return json.dumps({"entries": entries})


@pytest.mark.parametrize(
    ("text", "where", "why"),
    [
        (
            json.dumps({"entries": ["s3://openalex/data/works/updated_date=2024-01-01"]}),
            "",
            'entries[0]: expected an object, got "s3://openalex/data/works/updated_date=20…"',
        ),
        ("entries: part_000.gz\n", ":1", "manifest is not valid JSON: Expecting value"),
        (
            manifest_of([3, "many"]),
            "",
            'entries[1].meta.record_count: expected an integer, got "many"',
        ),
    ],
)
async def test_an_unreadable_manifest_is_reported_once_and_the_parts_imported(
    load: Load, tmp_path: Path, text: str, where: str, why: str
) -> None:
    manifest = snapshot_works(tmp_path)
    manifest.write_text(text)
    summary = await load(tmp_path)
    assert summary.written == 6 and not summary.skipped
    assert summary.warnings == [f"{manifest}{where}: {why}; record counts not checked"]
    with pytest.raises(ImportAborted, match="record counts not checked"):
        await load(tmp_path, fail_fast=True)


async def test_a_record_count_given_as_text_is_checked_as_a_number(
    load: Load, tmp_path: Path
) -> None:
    manifest = snapshot_works(tmp_path)
    manifest.write_text(manifest_of(["3", "5"]))
    summary = await load(tmp_path)
    part = manifest.parent / "updated_date=2024-01-01" / "part_001.gz"
    assert summary.warnings == [
        f"{part}: manifest mismatch: the manifest lists 5 records, the file has 3"
    ]
