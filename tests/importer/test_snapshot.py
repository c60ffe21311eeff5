"""The snapshot layout: parts per entity, manifests, and merged author ids."""

from __future__ import annotations

import gzip
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from tests.importer.conftest import DATA, Load, Query

SNAPSHOT = DATA / "snapshot"
Counts = Callable[[], Awaitable[dict[str, Any]]]


def lines(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt") as handle:
        return [json.loads(line) for line in handle if line.strip()]


async def test_the_snapshot_sample_imports_with_its_manifests(load: Load, cypher: Query) -> None:
    summary = await load(SNAPSHOT)
    parts = {p.parent.parent.name: len(lines(p)) for p in SNAPSHOT.glob("*/updated_date=*/part_*")}
    merges = sum(
        len(gzip.decompress(p.read_bytes()).splitlines()) - 1
        for p in SNAPSHOT.glob("merged_ids/authors/*.csv.gz")
    )
    assert not summary.skipped, summary.problems
    # The works part is listed in its manifest with its record count, which matches.
    assert not summary.warnings
    assert summary.written == sum(parts.values()) + merges
    found = (
        await cypher(
            """
            RETURN COUNT { (:Paper {stub: false}) } AS works,
                   COUNT { (:Researcher) } AS authors,
                   COUNT { (i:Institution WHERE size(i.name) > 0) } AS institutions,
                   COUNT { (:Venue) } AS sources,
                   COUNT { (:Topic {level: 'concept'}) } AS concepts,
                   COUNT { (:Publisher) } AS publishers,
                   COUNT { (:Funder) } AS funders,
                   COUNT { (:MergedAuthor) } AS merged
            """
        )
    )[0]
    assert found["works"] == parts["works"]
    assert found["institutions"] >= parts["institutions"]
    assert found["authors"] == parts["authors"]
    assert found["sources"] >= parts["sources"]  # works name sources too
    assert found["publishers"] >= parts["publishers"]
    assert found["funders"] == parts["funders"]
    assert found["merged"] == merges
    assert found["concepts"] >= parts["concepts"]


def work_with(author: str, work_id: str = "W9000000001") -> dict[str, Any]:
    return {
        "id": f"https://openalex.org/{work_id}",
        "display_name": f"A work by {author}",
        "publication_year": 2023,
        "authorships": [
            {
                "author_position": "first",
                "author": {"id": f"https://openalex.org/{author}", "display_name": author},
                "institutions": [
                    {"id": "https://openalex.org/I59553526", "display_name": "Stony Brook"}
                ],
                "raw_affiliation_strings": [],
            }
        ],
    }


def write_json(path: Path, record: dict[str, Any]) -> Path:
    path.write_text(json.dumps(record))
    return path


async def test_a_merged_author_id_resolves_to_the_survivor(
    load: Load, cypher: Query, tmp_path: Path
) -> None:
    # 2023-04-13.csv.gz: A3125154712 (and three more) were merged into A4317838346.
    merged = SNAPSHOT / "merged_ids" / "authors" / "2023-04-13.csv.gz"
    old = write_json(tmp_path / "old.json", work_with("A3125154712"))
    new = write_json(tmp_path / "new.json", work_with("A4317838346", "W9000000002"))
    query = """
        MATCH (r:Researcher) WHERE r.id IN ['A3125154712', 'A4317838346']
        RETURN r.id AS id, COUNT { (r)-[:AUTHORED]->() } AS works,
               COUNT { (r)-[:AFFILIATED_WITH]->() } AS affiliations, r.mergedIds AS merged
    """
    expected = [{"id": "A4317838346", "works": 2, "affiliations": 1, "merged": ["A3125154712"]}]
    # Merges first: the work's merged author id resolves on the way in.
    await load(merged, old, new)
    assert (await cypher(query))[0] | {"merged": ["A3125154712"]} == expected[0]
    assert [r["id"] for r in await cypher(query)] == ["A4317838346"]
    # Works first: the merge folds the existing researcher into the survivor.
    await load(old, new)
    assert len(await cypher(query)) == 2
    await load(old, new, merged)
    rows = await cypher(query)
    assert [(r["id"], r["works"], r["affiliations"]) for r in rows] == [("A4317838346", 2, 1)]
    # An author record under the merged id writes onto the survivor, not a second researcher.
    author = json.loads((DATA / "entities" / "A5023888391.json").read_text())
    alias = write_json(
        tmp_path / "alias.json", {**author, "id": "https://openalex.org/A3125154712"}
    )
    await load(merged, old, alias)
    assert [r["id"] for r in await cypher(query)] == ["A4317838346"]


async def test_merge_chains_resolve_to_the_last_survivor(
    load: Load, cypher: Query, tmp_path: Path
) -> None:
    first = tmp_path / "merged_ids" / "authors" / "2024-01-01.csv.gz"
    first.parent.mkdir(parents=True)
    first.write_bytes(gzip.compress(b"merge_date,id,merge_into_id\n2024-01-01,A1,A2\n"))
    second = tmp_path / "merged_ids" / "authors" / "2024-02-01.csv.gz"
    second.write_bytes(gzip.compress(b"merge_date,id,merge_into_id\n2024-02-01,A2,A3\n"))
    work = write_json(tmp_path / "w.json", work_with("A1"))
    await load(work, first, second)
    rows = await cypher("MATCH (r:Researcher) RETURN r.id AS id ORDER BY id")
    assert rows == [{"id": "A3"}]
    aliases = await cypher("MATCH (m:MergedAuthor) RETURN m.id AS id, m.into AS into ORDER BY id")
    assert aliases == [{"id": "A1", "into": "A3"}, {"id": "A2", "into": "A3"}]
