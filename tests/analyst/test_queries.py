"""Every catalogue query against the real Neo4j: EXPLAIN for syntax, then results on real data.

The data is the seed plus a real OpenAlex works page. Seed answers are written out by hand
(they are small and known); answers over the OpenAlex page are recomputed in Python from the
same records (`work_rows`), so they hold whatever page is imported.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import pytest

from neo4j import AsyncDriver, RoutingControl
from service.analyst.catalogue import default_catalogue
from service.analyst.runner import Runner, bind
from service.settings import Settings
from tests.analyst.conftest import work_rows

NAMES = sorted(q.name for q in default_catalogue())
BORUI, SHIHAO, OSAMU = "seed:borui-zhao", "seed:shihao-zhou", "seed:osamu-yoshie"
MEGVII, NANKAI, NJUST = "seed:megvii-technology", "seed:nankai-university", "seed:njust"


async def records(runner: Runner, name: str, **params: Any) -> list[dict[str, Any]]:
    result = await runner.run(name, params)
    assert not result.truncated
    return result.records()


def pick(rows: Iterable[dict[str, Any]], *columns: str) -> list[tuple[Any, ...]]:
    return [tuple(row[c] for c in columns) for row in rows]


def field_of(topic: dict[str, Any], level: str = "field") -> str | None:
    found = topic["levels"].get(level)
    return found["id"] if found else None


@pytest.mark.parametrize("name", NAMES)
async def test_explain(analyst_graph: AsyncDriver, settings: Settings, name: str) -> None:
    """The planner accepts the file as written and its columns are the header's."""
    query = default_catalogue().get(name)
    result = await analyst_graph.execute_query(
        "EXPLAIN " + query.text,
        bind(query, query.example),
        routing_=RoutingControl.READ,
        database_=settings.neo4j.database,
    )
    assert result.keys == [c.name for c in query.columns]
    assert result.summary.plan is not None


@pytest.mark.parametrize("name", NAMES)
async def test_example_runs(runner: Runner, name: str) -> None:
    """The header's example is valid and answers something on the seed plus OpenAlex data."""
    query = default_catalogue().get(name)
    assert (await runner.run(name, query.example)).rows


async def test_coauthor_network(runner: Runner) -> None:
    rows = await records(runner, "coauthor_network", researcher=BORUI)
    assert len(rows) == 18
    assert pick(rows[:2], "coauthorName", "sharedWorks", "strength", "lastYear") == [
        ("Renjie Song", 4, 0.7857, 2022),  # 1/4 + 1/4 + 1/7 + 1/7
        ("Jiajun Liang", 4, 0.7024, 2022),  # 1/4 + 1/7 + 1/7 + 1/6
    ]
    # Bylines of 5, 8, 8, 5 and 7 authors: 28 co-author slots besides him.
    assert sum(row["sharedWorks"] for row in rows) == 28
    small = await records(runner, "coauthor_network", researcher=BORUI, maxByline=5, limit=3)
    assert pick(small, "coauthorName", "sharedWorks", "strength") == [
        ("Renjie Song", 2, 0.5),
        ("Jiajun Liang", 1, 0.25),
        ("Jian Yang", 1, 0.25),
    ]


async def test_coauthor_network_strength_is_the_profiles(
    runner: Runner, analyst_graph: AsyncDriver, settings: Settings
) -> None:
    """One meaning of strength (service/collaborators.py): with the profile's byline cap, the
    saved query ranks and weighs a researcher's co-authors as the stored summary the profile
    reads, decay over the years included."""
    found, _, _ = await analyst_graph.execute_query(
        "MATCH (r:Researcher) WHERE size(r.summaryCollaboratorIds) > 2 "
        "WITH r, COLLECT { MATCH (r)-[:AUTHORED]->(p) RETURN DISTINCT p.year } AS years "
        "WHERE size(years) > 1 "
        "RETURN r.id AS id, r.summaryCollaboratorIds AS ids, "
        "r.summaryCollaboratorStrength AS strengths ORDER BY id",
        routing_=RoutingControl.READ,
        database_=settings.neo4j.database,
    )
    assert len(found) > 3  # researchers whose works span years, so the decay shows
    for stored in found:
        rows = await records(
            runner, "coauthor_network", researcher=stored["id"], maxByline=200, limit=1000
        )
        strength = {row["coauthorId"]: row["strength"] for row in rows}
        for coauthor, expected in zip(stored["ids"], stored["strengths"], strict=True):
            # The query rounds to 4 places.
            assert abs(strength[coauthor] - expected) <= 5.1e-5, (stored["id"], coauthor)


async def test_collaboration_path(runner: Runner) -> None:
    (row,) = await records(runner, "collaboration_path", **{"from": SHIHAO, "to": OSAMU})
    assert row["hops"] == 2
    ids = row["researcherIds"]
    assert ids[0] == SHIHAO and ids[-1] == OSAMU and len(ids) == 3
    assert ids[1] in {BORUI, "seed:renjie-song", "seed:jiajun-liang"}
    assert row["researcherNames"][0] == "Shihao Zhou"
    assert row["paperIds"] == ["arxiv:2203.03253", "arxiv:2203.03871"]
    # Too far for one hop; and the seed and the OpenAlex page share no author at all.
    assert (
        await records(runner, "collaboration_path", **{"from": SHIHAO, "to": OSAMU, "maxHops": 1})
        == []
    )
    assert await records(runner, "collaboration_path", **{"from": BORUI, "to": "A5003862560"}) == []


async def test_collaboration_path_in_openalex_data(runner: Runner) -> None:
    (row,) = await records(
        runner, "collaboration_path", **{"from": "A5003862560", "to": "A5083878833"}
    )
    # Stefano Pagiola and Elías Ramírez wrote together: one hop.
    assert row["hops"] == 1 and row["researcherIds"] == ["A5003862560", "A5083878833"]


def by_field_and_year(level: str, first: int, last: int) -> dict[str, Counter[int]]:
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    for row in work_rows():
        year = row["props"]["year"]
        if year is None or not first <= year <= last:
            continue
        for area in {field_of(t, level) for t in row["topics"]} - {None}:
            counts[str(area)][year] += 1
    return counts


async def test_topic_trends(runner: Runner) -> None:
    rows = await records(runner, "topic_trends", level="field", fromYear=2000, toYear=2022)
    counts = by_field_and_year("field", 2000, 2022)
    top = sorted(counts, key=lambda f: (-sum(counts[f].values()), f))[:10]
    expected = [
        (f, year, counts[f][year], sum(counts[f].values()))
        for f in top
        for year in sorted(counts[f])
    ]
    assert pick(rows, "topicId", "year", "works", "totalWorks") == expected
    seed_year = await records(runner, "topic_trends", level="subfield", fromYear=2022, toYear=2022)
    assert pick(seed_year, "topicId", "topicName", "year", "works") == [
        ("subfields/1702", "Artificial Intelligence", 2022, 5),
        ("subfields/1707", "Computer Vision and Pattern Recognition", 2022, 5),
    ]


async def test_rising_topics(runner: Runner) -> None:
    rows = await records(runner, "rising_topics", endYear=2009, window=3, level="field")
    counts = by_field_and_year("field", 2004, 2009)
    recent = {f: sum(c[y] for y in (2007, 2008, 2009)) for f, c in counts.items()}
    previous = {f: sum(c[y] for y in (2004, 2005, 2006)) for f, c in counts.items()}
    expected = sorted(
        ((f, recent[f], previous[f], recent[f] - previous[f]) for f in counts if recent[f] >= 1),
        key=lambda r: (-r[3], -r[1], r[0]),
    )
    assert pick(rows, "topicId", "recent", "previous", "growth") == expected
    for row in rows:
        ratio = None if row["previous"] == 0 else round(row["recent"] / row["previous"], 3)
        assert row["ratio"] == ratio
    # The seed's two subfields appear from nothing in 2022.
    seed = await records(runner, "rising_topics", endYear=2022, window=1, level="subfield")
    assert pick(seed, "topicId", "recent", "previous", "growth", "ratio") == [
        ("subfields/1702", 5, 0, 5, None),
        ("subfields/1707", 5, 0, 5, None),
    ]


async def test_institution_network(runner: Runner) -> None:
    china = await records(runner, "institution_network", country="CN", limit=1000)
    triples = pick(china, "institutionA", "institutionB", "sharedWorks")
    assert triples[0] == (MEGVII, NJUST, 2)
    assert {(MEGVII, NANKAI, 1), (NANKAI, NJUST, 1)} <= set(triples)
    shared: Counter[tuple[str, str]] = Counter()
    for row in work_rows():
        ids = sorted({i["id"] for a in row["authorships"] for i in a["institutions"]})
        shared.update((x, y) for n, x in enumerate(ids) for y in ids[n + 1 :])
    expected = sorted(
        ((x, y, n) for (x, y), n in shared.items() if n >= 2), key=lambda r: (-r[2], r[0], r[1])
    )
    strong = await records(runner, "institution_network", minShared=2)
    assert pick(strong, "institutionA", "institutionB", "sharedWorks") == expected


async def test_bridging_researchers(runner: Runner) -> None:
    rows = await records(runner, "bridging_researchers", a="subfields/1707", b="subfields/1702")
    # Every seed work carries both subfields, so all 19 seed authors bridge them.
    assert len(rows) == 19
    assert pick(rows[:3], "researcherId", "worksInA", "worksInB", "worksInBoth") == [
        (BORUI, 5, 5, 5),
        ("seed:jiajun-liang", 4, 4, 4),
        ("seed:renjie-song", 4, 4, 4),
    ]
    fields = await records(runner, "bridging_researchers", a="fields/23", b="fields/20", limit=1)
    # The oracle: Stefano Pagiola's works in the page, by the fields of their topics.
    his = [
        {field_of(t) for t in w["topics"]}
        for w in work_rows()
        if any(a["name"] == "Stefano Pagiola" for a in w["authorships"])
    ]
    in_a = sum("fields/23" in f for f in his)
    in_b = sum("fields/20" in f for f in his)
    both = sum({"fields/23", "fields/20"} <= f for f in his)
    assert (in_a, in_b, both) == (6, 5, 5)
    assert pick(fields, "name", "worksInA", "worksInB", "worksInBoth") == [
        ("Stefano Pagiola", in_a, in_b, both)
    ]


async def test_most_cited_in_topic(runner: Runner) -> None:
    rows = await records(runner, "most_cited_in_topic", topic="fields/23", limit=5)
    cited = sorted(
        (-(row["props"]["citedByCount"] or 0), row["id"])
        for row in work_rows()
        if any(field_of(t) == "fields/23" for t in row["topics"])
    )
    assert pick(rows, "paperId", "citedByCount") == [(i, -c) for c, i in cited[:5]]
    recent = await records(runner, "most_cited_in_topic", topic="fields/23", fromYear=2008)
    assert recent and all(row["year"] >= 2008 for row in recent)
    # Seed works have no citation count: null, not zero.
    seed = await records(runner, "most_cited_in_topic", topic="T11307")
    assert {row["paperId"] for row in seed} >= {"W4226426325"}
    assert {row["citedByCount"] for row in seed if row["paperId"].startswith("arxiv:")} == {None}


async def test_institution_top_researchers(runner: Runner) -> None:
    rows = await records(runner, "institution_top_researchers", institution=MEGVII)
    assert pick(rows, "researcherId", "works", "citations", "firstYear", "lastYear") == [
        (BORUI, 2, 0, 2022, 2022),
        ("seed:renjie-song", 2, 0, 2022, 2022),
        ("seed:jiajun-liang", 1, 0, 2022, 2022),
        (SHIHAO, 1, 0, 2022, 2022),
    ]
    assert await records(runner, "institution_top_researchers", institution="nowhere") == []


async def test_suggested_collaborators(runner: Runner) -> None:
    rows = await records(runner, "suggested_collaborators", researcher=SHIHAO)
    assert len(rows) == 11
    topics = ["Advanced Neural Network Applications", "Domain Adaptation and Few-Shot Learning"]
    assert all(row["sharedTopics"] == 2 and row["topicNames"] == topics for row in rows)
    assert pick(rows[:6], "researcherId", "mutualCoauthors") == [
        (f"seed:{n}", 3)
        for n in [
            "bingchen-zhao",
            "boyan-zhou",
            "osamu-yoshie",
            "quan-cui",
            "yiyu-qiu",
            "zhao-min-chen",
        ]
    ]
    assert rows[0]["via"] == ["Borui Zhao", "Jiajun Liang", "Renjie Song"]
    assert {row["mutualCoauthors"] for row in rows[6:]} == {2}
    # Borui Zhao already wrote with everyone in his network.
    assert await records(runner, "suggested_collaborators", researcher=BORUI) == []


async def test_venues_by_topic(runner: Runner) -> None:
    rows = await records(runner, "venues_by_topic", topic="T10036")
    assert pick(rows, "venueName", "venueType", "works") == [
        ("arXiv", "repository", 5),
        ("CVPR 2022", "conference", 2),
        ("ECCV 2022", "conference", 2),
        ("NeurIPS 2022", "conference", 1),
    ]
    primary = await records(runner, "venues_by_topic", topic="T10036", primaryOnly=True)
    assert pick(primary, "venueName", "works") == [("arXiv", 5)]


async def test_citation_flows(runner: Runner) -> None:
    rows = await records(runner, "citation_flows", level="field")
    works = {row["id"]: row for row in work_rows()}

    def primary_field(work: dict[str, Any]) -> str | None:
        if not work["topics"]:
            return None
        top = sorted(work["topics"], key=lambda t: (-(t["score"] or 0), t["id"]))[0]
        return field_of(top)

    flows: Counter[tuple[str, str]] = Counter()
    for work in works.values():
        for ref in work["references"]:
            if ref in works:
                a, b = primary_field(work), primary_field(works[ref])
                if a and b:
                    flows[(a, b)] += 1
    expected = sorted(((a, b, n) for (a, b), n in flows.items()), key=lambda r: (-r[2], r[0], r[1]))
    assert pick(rows, "fromId", "toId", "citations") == expected
    assert rows[0]["fromName"] == "Environmental Science"


async def test_conflicting_affiliations(runner: Runner) -> None:
    rows = await records(runner, "conflicting_affiliations", limit=1000)
    found = {(r["researcherId"], r["year"]): r["institutionIds"] for r in rows}
    assert found[("seed:xiang-li", 2022)] == [NANKAI, NJUST]
    assert found[("A5003862560", 2005)] == ["I1334329717", "I55633929"]
    places: dict[tuple[str, int], set[str]] = defaultdict(set)
    for work in work_rows():
        year = work["props"]["year"]
        for a in work["authorships"]:
            for i in a["institutions"]:
                if year is not None:
                    places[(a["authorId"], year)].add(i["id"])
    assert found == {key: sorted(ids) for key, ids in places.items() if len(ids) >= 2}
    three = await records(runner, "conflicting_affiliations", minInstitutions=3)
    assert three and all(row["institutions"] >= 3 for row in three)


async def test_works_without_authors(runner: Runner) -> None:
    rows = await records(runner, "works_without_authors")
    expected = sorted(w["id"] for w in work_rows() if not w["authorships"])
    assert [row["paperId"] for row in rows] == expected
    # 4 works list no authorships at all, 7 list only authors OpenAlex did not match to an id.
    assert len(expected) == 11
    assert {row["source"] for row in rows} == {"openalex"}


async def test_duplicate_names(runner: Runner) -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for work in work_rows():
        for a in work["authorships"]:
            for i in a["institutions"]:
                names[i["name"].strip().lower()].add(i["id"])
    expected = sorted(
        ((n, len(ids), sorted(ids)) for n, ids in names.items() if len(ids) > 1),
        key=lambda r: (-r[1], r[0]),
    )
    rows = await records(runner, "duplicate_names", label="Institution")
    assert pick(rows, "name", "records", "ids") == expected
    assert ("centro agronomico tropical de investigacion y ensenanza catie", 2) in pick(
        rows, "name", "records"
    )
    people = await records(runner, "duplicate_names", label="Researcher")
    wei_zhang = {
        a["authorId"] for w in work_rows() for a in w["authorships"] if a["name"] == "Wei Zhang"
    }
    assert len(wei_zhang) == 3  # three distinct OpenAlex authors share the name in the page
    assert ("wei zhang", 3) in pick(people, "name", "records")
