"""The seed researcher's profile through the GraphQL schema, against the real graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from service.seed import SEED_RESEARCHER_ID
from service.settings import ROOT
from tests.conftest import SchemaRunner

REFERENCE = ROOT / "seed" / "reference" / "borui_zhao_2022.json"

PROFILE = """
query Profile($id: ID!) {
  researcher(id: $id) {
    id name headline claimed openToCollaborate
    affiliation { id name countryCode }
    trust { score label verificationLevel modelVersion
            signals { name value contribution explanation } }
    counts { works followers topics coauthors closeCollaborators }
    works(first: 20) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id title abstract year type venue doi
                            authors { id name } topics { id name } } }
    }
    topics { topic { id name } works }
    closeCollaborators(first: 20) { researcher { id name } sharedWorks strength lastYear }
    coauthors(first: 20) { researcher { id name } sharedWorks strength lastYear }
  }
}
"""


def page_titles() -> list[str]:
    lines = (REFERENCE.parent / "seed-profile-page.txt").read_text()
    rows = lines.splitlines()
    return [rows[i + 2] for i, row in enumerate(rows) if row == "preprint2022arXiv"]


def reference_coauthors() -> dict[str, int]:
    shared: dict[str, int] = {}
    for work in json.loads(Path(REFERENCE).read_text())["works"]:
        for name in set(work["authors"]) - {"Borui Zhao"}:
            shared[name] = shared.get(name, 0) + 1
    return shared


async def profile(gql: SchemaRunner) -> dict[str, Any]:
    result = await gql(PROFILE, id=SEED_RESEARCHER_ID)
    assert result.errors is None, result.errors
    data: dict[str, Any] = result.data["researcher"]
    return data


async def test_profile_matches_seed_page(gql: SchemaRunner) -> None:
    data = await profile(gql)
    assert data["name"] == "Borui Zhao"
    works = [edge["node"] for edge in data["works"]["edges"]]
    assert [w["title"] for w in works] == page_titles()
    assert {(w["type"], w["year"], w["venue"]) for w in works} == {("preprint", 2022, "arXiv")}
    assert all(w["abstract"] and len(w["abstract"]) > 200 for w in works)
    assert data["works"]["totalCount"] == 5
    assert data["works"]["pageInfo"]["hasNextPage"] is False
    assert data["claimed"] is False
    assert data["trust"]["label"] == "Unverified"
    assert data["trust"]["verificationLevel"] == 1
    assert data["counts"]["followers"] == 0
    assert data["counts"]["works"] == 5


async def test_authors_in_byline_order(gql: SchemaRunner) -> None:
    data = await profile(gql)
    expected = {w["title"]: w["authors"] for w in json.loads(REFERENCE.read_text())["works"]}
    for edge in data["works"]["edges"]:
        node = edge["node"]
        assert [a["name"] for a in node["authors"]] == expected[node["title"]]


async def test_coauthors_are_the_real_coauthors(gql: SchemaRunner) -> None:
    data = await profile(gql)
    shared = reference_coauthors()
    assert len(shared) == 18
    coauthors = data["coauthors"]
    assert data["counts"]["coauthors"] == 18
    assert len(coauthors) == 18
    assert {c["researcher"]["name"]: c["sharedWorks"] for c in coauthors} == shared
    assert [c["researcher"]["name"] for c in coauthors[:2]] == ["Renjie Song", "Jiajun Liang"]
    assert coauthors[0]["sharedWorks"] == coauthors[1]["sharedWorks"] == 4
    strengths = [c["strength"] for c in coauthors]
    assert strengths == sorted(strengths, reverse=True)


async def test_close_collaborators_share_two_works_or_more(gql: SchemaRunner) -> None:
    data = await profile(gql)
    repeated = {name: n for name, n in reference_coauthors().items() if n >= 2}
    assert len(repeated) == 6  # Song, Liang (4 each); Cui, L. Yang, J. Yang, Li (2 each)
    close = data["closeCollaborators"]
    assert data["counts"]["closeCollaborators"] == 6
    assert {c["researcher"]["name"]: c["sharedWorks"] for c in close} == repeated
    assert [c["strength"] for c in close] == sorted((c["strength"] for c in close), reverse=True)
    # The same people and figures as in the full co-author list, in the same order.
    assert close == [c for c in data["coauthors"] if c["sharedWorks"] >= 2]


async def test_trust_signals_add_up(gql: SchemaRunner) -> None:
    trust = (await profile(gql))["trust"]
    assert trust["score"] == round(sum(s["contribution"] for s in trust["signals"]))
    assert 0 <= trust["score"] <= 100
    assert trust["modelVersion"] == "trust-v3"
    by_name = {s["name"]: s for s in trust["signals"]}
    assert by_name["claimed"]["contribution"] == 0
    assert by_name["publication_record"]["value"] == 5


async def test_profile_is_one_round_trip(gql: SchemaRunner) -> None:
    await profile(gql)
    assert gql.round_trips == 1


async def test_nested_researchers_are_batched(gql: SchemaRunner) -> None:
    result = await gql(
        """query($id: ID!) { researcher(id: $id) {
        works { edges { node { authors { counts { works } trust { score } } } } } } }""",
        id=SEED_RESEARCHER_ID,
    )
    assert result.errors is None
    authors = [a for e in result.data["researcher"]["works"]["edges"] for a in e["node"]["authors"]]
    assert len(authors) == 33
    # The profile, then every author's card in one batch: not one query per author.
    assert gql.round_trips == 2


async def test_works_pages_with_cursor(gql: SchemaRunner) -> None:
    query = """query($id: ID!, $after: String) { researcher(id: $id) {
      works(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor }
                                       edges { node { title } } } } }"""
    titles: list[str] = []
    after = None
    for _ in range(3):
        result = await gql(query, id=SEED_RESEARCHER_ID, after=after)
        assert result.errors is None, result.errors
        works = result.data["researcher"]["works"]
        titles += [e["node"]["title"] for e in works["edges"]]
        after = works["pageInfo"]["endCursor"]
        if not works["pageInfo"]["hasNextPage"]:
            break
    assert titles == page_titles()


async def test_topics(gql: SchemaRunner) -> None:
    data = await profile(gql)
    assert data["counts"]["topics"] == 2
    assert {t["topic"]["name"] for t in data["topics"]} == {
        "Advanced Neural Network Applications",
        "Domain Adaptation and Few-Shot Learning",
    }


async def test_unknown_researcher_is_null(gql: SchemaRunner) -> None:
    result = await gql('query { researcher(id: "seed:nobody") { id name } }')
    assert result.errors is None
    assert result.data == {"researcher": None}


@pytest.mark.parametrize(
    "field",
    [
        "works(first: 10000) { totalCount }",
        "topics(first: 10000) { works }",
        "closeCollaborators(first: 10000) { strength }",
    ],
)
async def test_first_is_bounded(gql: SchemaRunner, field: str) -> None:
    result = await gql(f'query {{ researcher(id: "{SEED_RESEARCHER_ID}") {{ {field} }} }}')
    assert result.errors is not None
    assert "must be between 1 and 100, got 10000" in result.errors[0].message
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"


async def test_a_nullable_variable_as_first(gql: SchemaRunner) -> None:
    """`$f: Int` may stand where `first: Int! = 20` is taken: unset means the default, null a
    clear error on the field, never an unexpected one."""
    query = """query($id: ID!, $f: Int) { researcher(id: $id) {
      works(first: $f) { totalCount edges { node { title } } }
      topics(first: $f) { works } coauthors(first: $f) { sharedWorks } } }"""
    unset = await gql(query, id=SEED_RESEARCHER_ID)
    assert unset.errors is None, unset.errors
    assert len(unset.data["researcher"]["works"]["edges"]) == 5
    null = await gql(query, id=SEED_RESEARCHER_ID, f=None)
    assert null.errors is not None
    assert {e.message for e in null.errors} == {
        "Argument 'first' has invalid value: Expected variable '$f' provided to non-null type"
        " 'Int!' not to be None."
    }


async def test_bad_cursor_is_a_clear_error(gql: SchemaRunner) -> None:
    result = await gql(
        f'query {{ researcher(id: "{SEED_RESEARCHER_ID}") '
        '{ works(after: "not-a-cursor") { totalCount } } }'
    )
    assert result.errors is not None
    assert "is not a cursor this API returned" in result.errors[0].message


async def test_search_finds_by_name_prefix(gql: SchemaRunner) -> None:
    result = await gql('query { searchResearchers(text: "renjie so") { id name } }')
    assert result.errors is None
    assert [r["name"] for r in result.data["searchResearchers"]] == ["Renjie Song"]
    assert gql.round_trips == 1


async def test_search_rejects_empty_text(gql: SchemaRunner) -> None:
    result = await gql('query { searchResearchers(text: "()") { id } }')
    assert result.errors is not None
    assert "at least one letter or digit" in result.errors[0].message


async def test_search_first_is_bounded(gql: SchemaRunner) -> None:
    result = await gql('query { searchResearchers(text: "zhao", first: 10000) { id } }')
    assert result.errors is not None
    assert "first must be between 1 and 100" in result.errors[0].message


async def test_sections_of_many_researchers_are_batched(gql: SchemaRunner) -> None:
    result = await gql(
        'query { searchResearchers(text: "zhao") { name '
        "works(first: 1) { totalCount } closeCollaborators(first: 1) { strength } } }"
    )
    assert result.errors is None, result.errors
    found = result.data["searchResearchers"]
    assert len(found) >= 3  # Borui Zhao, Bingchen Zhao, Zhao-Min Chen, Zhaodong Bing
    # The search, then one batch per distinct set of section arguments: not one per researcher.
    assert gql.round_trips == 3
