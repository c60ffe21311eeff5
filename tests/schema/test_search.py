"""Search over the seed and the sample works: accents, typos, every kind, bounds."""

from __future__ import annotations

from typing import Any

import pytest

from neo4j import AsyncDriver
from service.settings import Settings
from tests.conftest import SchemaRunner

SEARCH = """query($text: String!, $kinds: [NodeKind!], $first: Int! = 10) {
  search(text: $text, kinds: $kinds, first: $first) { id kind label detail } }"""


@pytest.fixture
def gql(sampled: AsyncDriver, settings: Settings) -> SchemaRunner:
    return SchemaRunner(sampled, settings)


async def hits(gql: SchemaRunner, text: str, **variables: Any) -> list[dict[str, Any]]:
    result = await gql(SEARCH, text=text, **variables)
    assert result.errors is None, result.errors
    found: list[dict[str, Any]] = result.data["search"]
    return found


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Jose Gobbi", "José Gobbi"),
        ("Watzold", "Frank Wätzold"),
        ("Borui Zaho", "Borui Zhao"),
        ("Bórui Zhào", "Borui Zhao"),
        ("borui zh", "Borui Zhao"),
    ],
)
async def test_researchers_are_found_despite_accents_and_typos(
    gql: SchemaRunner, typed: str, name: str
) -> None:
    found = await hits(gql, typed, kinds=["RESEARCHER"])
    assert found[0]["label"] == name
    assert gql.round_trips == 1


async def test_every_kind_is_searchable(gql: SchemaRunner) -> None:
    assert (await hits(gql, "decoupled knowledge", kinds=["PAPER"]))[0] == {
        "id": "W4226426325",
        "kind": "PAPER",
        "label": "Decoupled Knowledge Distillation",
        "detail": "2022",
    }
    topic = (await hits(gql, "neural network applications", kinds=["TOPIC"]))[0]
    assert (topic["id"], topic["detail"]) == ("T10036", "topic")
    place = (await hits(gql, "megvi", kinds=["INSTITUTION"]))[0]
    assert (place["label"], place["detail"]) == ("Megvii Technology", "CN")


async def test_mixed_results_are_bounded_and_ranked(gql: SchemaRunner) -> None:
    found = await hits(gql, "biodiversity", first=5)
    assert len(found) == 5
    assert {h["kind"] for h in found} <= {"PAPER", "TOPIC", "RESEARCHER", "INSTITUTION"}
    assert "Biodiversity" in found[0]["label"]


async def test_search_researchers_forgives_typos_too(gql: SchemaRunner) -> None:
    result = await gql('query { searchResearchers(text: "Frank Watzold") { name } }')
    assert result.errors is None
    assert result.data["searchResearchers"][0]["name"] == "Frank Wätzold"


@pytest.mark.parametrize(
    ("text", "first", "message"),
    [
        ("()", 10, "at least one letter or digit"),
        ("x" * 201, 10, "at most 200 characters"),
        ("zhao", 101, "first must be between 1 and 100"),
    ],
)
async def test_bad_searches_are_clear_errors(
    gql: SchemaRunner, text: str, first: int, message: str
) -> None:
    result = await gql(SEARCH, text=text, first=first)
    assert result.errors is not None
    assert message in result.errors[0].message
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"
