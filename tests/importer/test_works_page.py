"""A real 200-work API page: the graph holds exactly what an independent count of the JSON says."""

from __future__ import annotations

import itertools
import json
from collections.abc import Awaitable, Callable
from typing import Any

from tests.importer.conftest import DATA, Load, Query

PAGE = DATA / "api-pages" / "works-page-200.json"
KEYPAPERS = DATA / "api-pages" / "keypapers-page-1.json"
EMPTY = DATA / "api-pages" / "keypapers-page-2-empty.json"
Counts = Callable[[], Awaitable[dict[str, Any]]]


def short(url: str) -> str:
    return url.rsplit("/", 1)[-1]


def expected_counts(page: dict[str, Any]) -> dict[str, int]:
    """Counted straight from the JSON, independently of the importer's mapping code."""
    works = page["results"]
    authors_of = [
        list(
            dict.fromkeys(
                short(a["author"]["id"]) for a in w["authorships"] if a["author"].get("id")
            )
        )
        for w in works
    ]
    institutions = {
        short(i["id"])
        for w in works
        for a in w["authorships"]
        if a["author"].get("id")
        for i in a["institutions"]
        if i.get("id")
    }
    topics = {short(t["id"]) for w in works for t in w["topics"]}
    concepts = {short(c["id"]) for w in works if not w["topics"] for c in w["concepts"]}
    pairs = {tuple(sorted(pair)) for ids in authors_of for pair in itertools.combinations(ids, 2)}
    work_ids = {short(w["id"]) for w in works}
    stubs = {short(r) for w in works for r in w["referenced_works"]} - work_ids
    return {
        "works": len(work_ids),
        "authors": len({a for ids in authors_of for a in ids}),
        "authorships": sum(len(ids) for ids in authors_of),
        "institutions": len(institutions),
        "topics": len(topics),
        "concepts": len(concepts),
        "pairs": len(pairs),
        "stubs": len(stubs),
        "cites": sum(len(set(w["referenced_works"])) for w in works),
    }


async def test_counts_equal_an_independent_count_of_the_json(load: Load, counts: Counts) -> None:
    summary = await load(PAGE)
    expected = expected_counts(json.loads(PAGE.read_text()))
    assert summary.read == summary.written == expected["works"] == 200
    assert not summary.skipped
    found = await counts()
    assert {key: found[key] for key in expected} == expected


async def test_a_spot_checked_work_has_abstract_authors_in_order_topics_venue(
    load: Load, cypher: Query
) -> None:
    await load(PAGE)
    record = next(
        w
        for w in json.loads(PAGE.read_text())["results"]
        if len(w["authorships"]) >= 3
        and w["abstract_inverted_index"]
        and w["topics"]
        and (w["primary_location"] or {}).get("source")
        and all(a["author"].get("id") for a in w["authorships"])
    )
    rows = await cypher(
        """
        MATCH (p:Paper {id: $id})
        RETURN p.title AS title, p.abstract AS abstract, p.year AS year, p.doi AS doi,
               COLLECT { MATCH (p)<-[a:AUTHORED]-(r) WITH r, a ORDER BY a.position
                         RETURN r.id } AS authors,
               COLLECT { MATCH (p)<-[a:AUTHORED {corresponding: true}]-(r) RETURN r.id }
                 AS corresponding,
               COLLECT { MATCH (p)<-[a:AUTHORED]-() RETURN a.rawAffiliations } AS raw,
               COLLECT { MATCH (p)-[:HAS_TOPIC]->(t) RETURN t.id } AS topics,
               COLLECT { MATCH (p)-[:PUBLISHED_IN {primary: true}]->(v) RETURN v.name } AS venue,
               COLLECT { MATCH (p)-[:HAS_TOPIC]->(:Topic)-[:PART_OF]->(s)-[:PART_OF]->(f)
                         -[:PART_OF]->(d) RETURN [s.id, f.id, d.id] } AS chains
        """,
        id=short(record["id"]),
    )
    work = rows[0]
    inverted = record["abstract_inverted_index"]
    words = sorted((pos, word) for word, positions in inverted.items() for pos in positions)
    assert work["abstract"] == " ".join(word for _, word in words)
    assert work["title"] == record["display_name"]
    assert work["year"] == record["publication_year"]
    assert work["authors"] == [short(a["author"]["id"]) for a in record["authorships"]]
    assert set(work["corresponding"]) == {
        short(a["author"]["id"]) for a in record["authorships"] if a["is_corresponding"]
    }
    assert sorted(map(sorted, work["raw"])) == sorted(
        sorted(a["raw_affiliation_strings"]) for a in record["authorships"]
    )
    assert sorted(work["topics"]) == sorted(short(t["id"]) for t in record["topics"])
    assert work["venue"] == [record["primary_location"]["source"]["display_name"]]
    first = record["topics"][0]
    assert [
        f"subfields/{short(first['subfield']['id'])}",
        f"fields/{short(first['field']['id'])}",
        f"domains/{short(first['domain']['id'])}",
    ] in work["chains"]


async def test_reimport_changes_no_counts(load: Load, counts: Counts) -> None:
    await load(PAGE)
    first = await counts()
    await load(PAGE, batch_size=37, keep=True)
    assert await counts() == first


async def test_overlapping_pages_in_either_order_give_the_same_graph(
    load: Load, counts: Counts, tmp_path: Any
) -> None:
    results = json.loads(PAGE.read_text())["results"]
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    one.write_text(json.dumps({"meta": {}, "results": results[:120]}))
    two.write_text(json.dumps({"meta": {}, "results": results[80:]}))
    await load(one, two)
    forward = await counts()
    await load(two, one)  # `load` starts from an empty graph unless told to keep it
    assert await counts() == forward
    await load(PAGE)
    assert await counts() == forward
    await load(two, one, keep=True)
    assert await counts() == forward


async def test_a_changed_record_replaces_its_authorships_and_topics(
    load: Load, cypher: Query, tmp_path: Any
) -> None:
    record = json.loads(KEYPAPERS.read_text())["results"][0]
    await load(KEYPAPERS)
    changed = {**record, "authorships": record["authorships"][:1], "topics": []}
    changed["concepts"] = []
    (tmp_path / "changed.json").write_text(json.dumps(changed))
    await load(KEYPAPERS)
    await load(tmp_path / "changed.json", keep=True)
    rows = await cypher(
        "MATCH (p:Paper {id: $id}) RETURN COUNT { (p)<-[:AUTHORED]-() } AS authors,"
        " COUNT { (p)-[:HAS_TOPIC]->() } AS topics",
        id=short(record["id"]),
    )
    assert rows == [{"authors": min(1, len(record["authorships"])), "topics": 0}]


async def test_the_empty_terminal_page_imports_nothing(load: Load, counts: Counts) -> None:
    summary = await load(EMPTY)
    assert (summary.read, summary.written, sum(summary.skipped.values())) == (0, 0, 0)
    assert (await counts())["works"] == 0


async def test_a_name_spelled_differently_does_not_depend_on_order(
    load: Load, cypher: Query, tmp_path: Any
) -> None:
    record = json.loads(KEYPAPERS.read_text())["results"][0]
    author = record["authorships"][0]["author"]
    spellings = []
    for n, name in enumerate(["B. Zhao", "Borui Zhao"]):
        changed = json.loads(json.dumps(record))
        changed["id"] = f"https://openalex.org/W99999999{n}"
        changed["authorships"][0]["author"]["display_name"] = name
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps(changed))
        spellings.append(path)
    query = "MATCH (r:Researcher {id: $id}) RETURN r.name AS name"
    await load(*spellings)
    forward = await cypher(query, id=short(author["id"]))
    await load(*reversed(spellings))
    assert await cypher(query, id=short(author["id"])) == forward == [{"name": "Borui Zhao"}]
