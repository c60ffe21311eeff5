"""Researcher summaries: cards and slices read from them equal the live computation, the
importer keeps them current, and a prolific author's profile stops walking every work."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from neo4j import AsyncDriver
from service.importer import summaries
from service.importer.loader import import_items, items_from
from service.importer.readers import Item
from service.queries import get, parse
from service.schema.context import Sections, card_params
from service.schema.researcher import _cursor_of
from service.seed import SEED_RESEARCHER_ID
from service.settings import Settings
from tests.importer.conftest import DATA

LIVE = Path(__file__).parent / "live"
LIVE_CARDS = parse(LIVE / "cards.cypher", LIVE).text
LIVE_SLICE = parse(LIVE / "slice.cypher", LIVE).text
PAGE = DATA / "api-pages" / "works-page-200.json"
CARDS = get("researcher/cards").text
SLICE = get("graph/slice").text
FULL = Sections(works_first=100, topics_first=100, collaborators_first=100, coauthors_first=100)


async def run(
    driver: AsyncDriver,
    settings: Settings,
    text: str,
    params: Mapping[str, Any],
    profile: bool = False,
) -> tuple[list[dict[str, Any]], int]:
    """Rows of `text`, and its PROFILE db hits when asked."""
    async with driver.session(database=settings.neo4j.database) as session:
        result = await session.run(("PROFILE " if profile else "") + text, dict(params))
        rows = [record.data() async for record in result]
        summary = await result.consume()
    return rows, hits(summary.profile) if profile else 0


def hits(plan: dict[str, Any] | None) -> int:
    if not plan:
        return 0
    return int(plan.get("dbHits", 0)) + sum(hits(child) for child in plan.get("children", []))


def rounded(value: Any) -> Any:
    """Strengths are float sums; summation order may differ in the last bits."""
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


async def card(driver: AsyncDriver, settings: Settings, text: str, rid: str, **kw: Any) -> Any:
    rows, _ = await run(driver, settings, text, card_params(ids=[rid], **kw))
    return rounded(rows[0]["card"])


async def graph_slice(
    driver: AsyncDriver, settings: Settings, text: str, rid: str, size: int, kinds: Any = None
) -> Any:
    params = {"yearFrom": None, "yearTo": None, "exclude": None}
    rows, _ = await run(
        driver, settings, text, {"center": rid, "maxNodes": size, "kinds": kinds, **params}
    )
    if not rows:
        return None
    row = rounded(rows[0])
    # Edge order is not part of the contract (the explorer draws a set).
    row["edges"] = sorted(row["edges"], key=lambda e: json.dumps(e, sort_keys=True))
    return row


async def assert_summaries_match_live(
    driver: AsyncDriver, settings: Settings, ids: list[str]
) -> None:
    for rid in ids:
        live = await card(driver, settings, LIVE_CARDS, rid, sections=FULL)
        assert await card(driver, settings, CARDS, rid, sections=FULL) == live, rid
        # Without sections (nested cards, search results): the header alone.
        bare = await card(driver, settings, LIVE_CARDS, rid)
        assert await card(driver, settings, CARDS, rid) == bare, rid
        works = live["worksPage"]
        if len(works) > 3:
            after = Sections(works_first=2, works_after=_cursor_of(works[2]))
            expected = await card(driver, settings, LIVE_CARDS, rid, sections=after)
            assert await card(driver, settings, CARDS, rid, sections=after) == expected, rid
        for size, kinds in ((1000, None), (7, None), (50, ["RESEARCHER", "INSTITUTION"])):
            expected = await graph_slice(driver, settings, LIVE_SLICE, rid, size, kinds)
            assert await graph_slice(driver, settings, SLICE, rid, size, kinds) == expected, (
                rid,
                size,
            )


async def researcher_ids(driver: AsyncDriver, settings: Settings) -> list[str]:
    rows, _ = await run(
        driver,
        settings,
        "MATCH (r:Researcher) RETURN r.id AS id ORDER BY COUNT { (r)-[:AUTHORED]->() } DESC, r.id",
        {},
    )
    return [row["id"] for row in rows]


async def test_seed_cards_and_slices_equal_the_live_computation(
    seeded: AsyncDriver, settings: Settings
) -> None:
    ids = await researcher_ids(seeded, settings)
    assert SEED_RESEARCHER_ID in ids and len(ids) == 19
    await assert_summaries_match_live(seeded, settings, ids)


async def test_works_page_cards_and_slices_equal_the_live_computation(
    empty_graph: AsyncDriver, settings: Settings
) -> None:
    database = settings.neo4j.database
    summary = await import_items(empty_graph, database, items_from([PAGE]))
    ids = await researcher_ids(empty_graph, settings)
    assert summary.refreshed.researchers == len(ids)
    # The most prolific (shared works, truncated slices, ties) and a spread of the rest.
    await assert_summaries_match_live(empty_graph, settings, ids[:25] + ids[25::40])


async def test_refresh_all_rebuilds_every_summary(seeded: AsyncDriver, settings: Settings) -> None:
    # As after an offline bulk load: no summaries, no copies on AUTHORED for the index.
    await run(
        seeded,
        settings,
        "MATCH (r:Researcher) "
        "REMOVE r.summaryCoauthors, r.summaryTopicIds, r.summaryCollaboratorIds, "
        "r.summarySlicePaperIds "
        "WITH r MATCH (r)-[a:AUTHORED]->() REMOVE a.researcher, a.sortDate",
        {},
    )
    seen: list[int] = []
    report = await summaries.refresh_all(
        seeded,
        settings.neo4j.database,
        batch_size=4,
        progress=lambda r: seen.append(r.researchers),
    )
    assert report.researchers == 19
    assert seen == [4, 8, 12, 16, 19]  # pages of four ids, each its own transaction
    await assert_summaries_match_live(seeded, settings, await researcher_ids(seeded, settings))


def work(work_id: str, authors: list[str], year: int = 2023, **extra: Any) -> Item:
    record = {
        "id": f"https://openalex.org/{work_id}",
        "display_name": f"Work {work_id}",
        "publication_year": year,
        "publication_date": f"{year}-06-01",
        "authorships": [
            {
                "author_position": "middle",
                "author": {"id": f"https://openalex.org/{a}", "display_name": f"Person {a}"},
                "institutions": [],
                "raw_affiliation_strings": [],
            }
            for a in authors
        ],
        **extra,
    }
    return Item(where=work_id, record=record)


async def figures(driver: AsyncDriver, settings: Settings, rid: str) -> dict[str, Any]:
    found = await card(driver, settings, CARDS, rid, sections=FULL)
    return {
        "works": found["counts"]["works"],
        "coauthors": found["counts"]["coauthors"],
        "collaborators": [c["researcher"]["id"] for c in found["coauthors"]],
        "claimedCoauthors": found["trustInputs"]["claimedCoauthors"],
    }


async def test_a_changed_byline_refreshes_removed_and_added_authors(
    empty_graph: AsyncDriver, settings: Settings
) -> None:
    database = settings.neo4j.database
    await import_items(empty_graph, database, [work("W1", ["A1", "A2"]), work("W2", ["A1"])])
    assert (await figures(empty_graph, settings, "A2"))["collaborators"] == ["A1"]
    # W1 is re-imported: A2 dropped from its byline, A3 added.
    summary = await import_items(empty_graph, database, [work("W1", ["A1", "A3"])])
    assert summary.refreshed.researchers == 3  # A1, A3 on it now, A2 who left it
    assert await figures(empty_graph, settings, "A2") == {
        "works": 0,
        "coauthors": 0,
        "collaborators": [],
        "claimedCoauthors": 0,
    }
    assert (await figures(empty_graph, settings, "A3"))["collaborators"] == ["A1"]
    assert (await figures(empty_graph, settings, "A1"))["collaborators"] == ["A3"]


async def test_a_merged_author_moves_the_summary(
    empty_graph: AsyncDriver, settings: Settings
) -> None:
    database = settings.neo4j.database
    await import_items(empty_graph, database, [work("W1", ["A1", "A2"]), work("W2", ["A9", "A3"])])
    merge = Item(
        where="merge", record={"id": "A2", "into": "A9", "date": "2024-01-01"}, kind="merged_author"
    )
    summary = await import_items(empty_graph, database, [merge])
    # The survivor and everyone who now shares a work with it.
    assert summary.refreshed.researchers == 3
    survivor = await figures(empty_graph, settings, "A9")
    assert survivor["works"] == 2 and sorted(survivor["collaborators"]) == ["A1", "A3"]
    assert (await figures(empty_graph, settings, "A1"))["collaborators"] == ["A9"]
    await assert_all_match(empty_graph, settings)


async def assert_all_match(driver: AsyncDriver, settings: Settings) -> None:
    await assert_summaries_match_live(driver, settings, await researcher_ids(driver, settings))


async def test_claiming_a_coauthor_counts_without_a_refresh(
    empty_graph: AsyncDriver, settings: Settings
) -> None:
    database = settings.neo4j.database
    await import_items(
        empty_graph, database, [work("W1", ["A1", "A2", "A3"]), work("W2", ["A4", "A5"])]
    )
    claim = (
        "MERGE (u:User {id: $user}) WITH u MATCH (r:Researcher {id: $rid}) "
        "MERGE (u)-[:CLAIMED]->(r)"
    )
    await run(empty_graph, settings, claim, {"user": "u1", "rid": "A2"})
    # One claim on a one-work researcher, cheaper than A1's two co-authors: counted from the
    # claimed researcher's side.
    assert (await figures(empty_graph, settings, "A1"))["claimedCoauthors"] == 1
    # More claims than co-authors: counted over A1's co-authors instead.
    for user, rid in (("u2", "A3"), ("u3", "A4"), ("u4", "A5")):
        await run(empty_graph, settings, claim, {"user": user, "rid": rid})
    assert (await figures(empty_graph, settings, "A1"))["claimedCoauthors"] == 2
    assert (await figures(empty_graph, settings, "A4"))["claimedCoauthors"] == 1
    live = await card(empty_graph, settings, LIVE_CARDS, "A1", sections=FULL)
    assert live["trustInputs"]["claimedCoauthors"] == 2
    await assert_all_match(empty_graph, settings)


async def test_claimed_coauthors_counts_other_owners_not_records(
    empty_graph: AsyncDriver, settings: Settings
) -> None:
    database = settings.neo4j.database
    await import_items(empty_graph, database, [work("W1", ["A1", "A2", "A3"])])
    claim = (
        "MERGE (u:User {id: $user}) WITH u MATCH (r:Researcher {id: $rid}) "
        "MERGE (u)-[:CLAIMED]->(r)"
    )
    # One account owning two of A1's co-authors' records raises A1's signal once.
    for rid in ("A2", "A3"):
        await run(empty_graph, settings, claim, {"user": "u9", "rid": rid})
    assert (await figures(empty_graph, settings, "A1"))["claimedCoauthors"] == 1
    # And never for a record it owns itself.
    await run(empty_graph, settings, claim, {"user": "u9", "rid": "A1"})
    assert (await figures(empty_graph, settings, "A1"))["claimedCoauthors"] == 0
    await assert_all_match(empty_graph, settings)


PROLIFIC_WORKS = 300


@pytest.fixture
async def prolific(empty_graph: AsyncDriver, settings: Settings) -> AsyncDriver:
    """A1 with 300 works (three co-authors each, from a pool of 200), A2 with 25 works."""
    items = [
        work(
            f"W{n}",
            [
                "A1",
                f"A{2000 + n % 200}",
                f"A{2000 + (n * 7) % 200}",
                f"A{2000 + (n * 13 + 1) % 200}",
            ],
            year=2000 + n % 25,
        )
        for n in range(PROLIFIC_WORKS)
    ]
    items += [work(f"W{1000 + n}", ["A2", f"A{3000 + n}"], year=2000 + n) for n in range(25)]
    await import_items(empty_graph, settings.neo4j.database, items)
    return empty_graph


async def test_a_prolific_profile_costs_what_an_ordinary_one_does(
    prolific: AsyncDriver, settings: Settings
) -> None:
    """The profile, collaborators and slice cost about the same for 300 works as for 25."""
    profile = Sections(works_first=20, topics_first=10)
    collaborators = Sections(collaborators_first=10)
    # name -> (query now, the live query before, parameters for a researcher id)
    requests: dict[str, tuple[str, str, Callable[[str], Mapping[str, Any]]]] = {
        "profile": (CARDS, LIVE_CARDS, lambda i: card_params(ids=[i], sections=profile)),
        "collaborators": (
            CARDS,
            LIVE_CARDS,
            lambda i: card_params(ids=[i], sections=collaborators),
        ),
        "slice": (
            SLICE,
            LIVE_SLICE,
            lambda i: {
                "center": i,
                "maxNodes": 30,
                "kinds": None,
                "yearFrom": None,
                "yearTo": None,
                "exclude": None,
            },
        ),
    }
    for name, (text, live, params) in requests.items():
        _, ordinary = await run(prolific, settings, text, params("A2"), profile=True)
        _, busy = await run(prolific, settings, text, params("A1"), profile=True)
        _, before = await run(prolific, settings, live, params("A1"), profile=True)
        # A quarter more, plus a little for the denser neighbourhood of what the page shows.
        bound = ordinary + ordinary // 4 + 300
        print(f"{name}: ordinary {ordinary}, prolific {busy}, live before {before} db hits")
        assert busy <= bound, (name, busy, ordinary)
        # The bound is one the live computation is far outside of.
        assert before > 2 * bound, (name, before, bound)
