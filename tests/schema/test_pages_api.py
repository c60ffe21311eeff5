"""What the paper, topic and institution pages and the home page read, over the real graph."""

from __future__ import annotations

import json
from typing import Any

import pytest

from neo4j import AsyncDriver
from service.seed import SAMPLE
from service.settings import Settings
from tests.conftest import SchemaRunner


@pytest.fixture
def gql(sampled: AsyncDriver, settings: Settings) -> SchemaRunner:
    return SchemaRunner(sampled, settings)


async def data(gql: SchemaRunner, document: str, **variables: Any) -> dict[str, Any]:
    result = await gql(document, **variables)
    assert result.errors is None, result.errors
    found: dict[str, Any] = result.data
    return found


def sample_work_citing_sample_work() -> tuple[str, str]:
    """A pair (citing, cited) of sample works, found in the JSON, not the graph."""
    works = json.loads(SAMPLE.read_text())["results"]
    ids = {w["id"].rsplit("/", 1)[-1] for w in works}
    for w in works:
        for ref in w.get("referenced_works") or []:
            if ref.rsplit("/", 1)[-1] in ids:
                return w["id"].rsplit("/", 1)[-1], ref.rsplit("/", 1)[-1]
    raise AssertionError("the sample has no internal citation")


async def test_paper_page_fields(gql: SchemaRunner) -> None:
    found = await data(
        gql,
        """{ paper(id: "W4226426325") { title year venue type authorCount stub
             authors { name } topics { id level } } }""",
    )
    paper = found["paper"]
    assert paper["title"] == "Decoupled Knowledge Distillation"
    assert (paper["year"], paper["venue"], paper["type"]) == (2022, "arXiv", "preprint")
    assert [a["name"] for a in paper["authors"]][:2] == ["Borui Zhao", "Quan Cui"]
    assert paper["authorCount"] == 5 and paper["stub"] is False
    assert paper["topics"][0] == {"id": "T10036", "level": "topic"}


async def test_citations_link_papers_both_ways(gql: SchemaRunner) -> None:
    citing, cited = sample_work_citing_sample_work()
    found = await data(
        gql,
        """query($a: ID!, $b: ID!) {
             a: paper(id: $a) { referenceCount references { id } }
             b: paper(id: $b) { citedByInGraph citedBy { id } } }""",
        a=citing,
        b=cited,
    )
    assert cited in [r["id"] for r in found["a"]["references"]]
    assert found["a"]["referenceCount"] >= 1
    assert citing in [c["id"] for c in found["b"]["citedBy"]]


async def test_unknown_ids_are_null(gql: SchemaRunner) -> None:
    found = await data(
        gql, '{ paper(id: "W0") { id } topic(id: "T0") { id } institution(id: "I0") { id } }'
    )
    assert found == {"paper": None, "topic": None, "institution": None}


async def test_topic_page_fields(gql: SchemaRunner) -> None:
    found = await data(
        gql,
        """{ topic(id: "T10036") { name level broader { id level } workCount
             works(first: 3) { title } researchers(first: 2) { researcher { name } works } } }""",
    )
    topic = found["topic"]
    assert topic["name"] == "Advanced Neural Network Applications"
    assert [b["level"] for b in topic["broader"]] == ["subfield", "field", "domain"]
    assert topic["broader"][0]["id"] == "subfields/1707"
    assert topic["workCount"] == 5 and len(topic["works"]) == 3
    assert topic["researchers"][0] == {"researcher": {"name": "Borui Zhao"}, "works": 5}


async def test_a_field_lists_its_narrower_topics(gql: SchemaRunner) -> None:
    found = await data(
        gql, '{ topic(id: "subfields/1707") { level narrowerCount narrower { id } } }'
    )
    assert found["topic"]["level"] == "subfield"
    assert "T10036" in [n["id"] for n in found["topic"]["narrower"]]


async def test_institution_page_fields(gql: SchemaRunner) -> None:
    found = await data(
        gql,
        """{ institution(id: "seed:megvii-technology") { name type countryCode researcherCount
             researchers(first: 10) { researcher { name } works lastYear } } }""",
    )
    place = found["institution"]
    assert (place["name"], place["type"], place["countryCode"]) == (
        "Megvii Technology",
        "company",
        "CN",
    )
    names = [r["researcher"]["name"] for r in place["researchers"]]
    assert place["researcherCount"] == len(names) and "Borui Zhao" in names


async def test_most_connected_researchers_come_first(gql: SchemaRunner) -> None:
    found = await data(gql, "{ mostConnectedResearchers(first: 5) { name counts { coauthors } } }")
    counts = [r["counts"]["coauthors"] for r in found["mostConnectedResearchers"]]
    assert len(counts) == 5 and counts == sorted(counts, reverse=True)
    assert gql.round_trips == 2  # the ranking, then the five cards in one batch


async def test_nested_page_fields_are_batched(gql: SchemaRunner) -> None:
    await data(
        gql,
        """{ researcher(id: "seed:borui-zhao") { works { edges { node {
             citedByCount topics { level } } } } } }""",
    )
    # The profile, every paper's details in one batch, every topic's in one more.
    assert gql.round_trips == 3


async def test_an_unclaimed_record_has_no_public_claim(gql: SchemaRunner) -> None:
    found = await data(
        gql, '{ researcher(id: "seed:borui-zhao") { activeClaim { id } viewerMayVouch } }'
    )
    assert found["researcher"] == {"activeClaim": None, "viewerMayVouch": False}
