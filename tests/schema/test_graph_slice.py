"""The explorer's graph slice around the seed researcher, through the GraphQL schema."""

from __future__ import annotations

from collections import Counter

from service.seed import SEED_RESEARCHER_ID
from tests.conftest import SchemaRunner

SLICE = """
query Slice($id: ID!, $max: Int!, $kinds: [NodeKind!]) {
  graphSlice(center: $id, maxNodes: $max, kinds: $kinds) {
    center truncated nodes { id kind label weight } edges { source target kind weight }
  }
}
"""


async def test_slice_holds_the_whole_seed_neighbourhood(gql: SchemaRunner) -> None:
    result = await gql(SLICE, id=SEED_RESEARCHER_ID, max=150)
    assert result.errors is None, result.errors
    data = result.data["graphSlice"]
    assert data["center"] == SEED_RESEARCHER_ID and data["truncated"] is False
    kinds = Counter(node["kind"] for node in data["nodes"])
    # Him, his 5 works, 18 co-authors, 2 topics and the 3 institutions of the group.
    assert kinds == {"RESEARCHER": 19, "PAPER": 5, "TOPIC": 2, "INSTITUTION": 3}
    ids = {node["id"] for node in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert Counter(e["kind"] for e in data["edges"])["AUTHORED"] == 5 + 28


async def test_slice_is_cut_to_the_budget_and_kinds(gql: SchemaRunner) -> None:
    result = await gql(SLICE, id=SEED_RESEARCHER_ID, max=10, kinds=["PAPER"])
    assert result.errors is None, result.errors
    data = result.data["graphSlice"]
    assert [n["kind"] for n in data["nodes"]] == ["RESEARCHER"] + ["PAPER"] * 5
    assert data["truncated"] is False
    cut = (await gql(SLICE, id=SEED_RESEARCHER_ID, max=4)).data["graphSlice"]
    assert len(cut["nodes"]) == 4 and cut["truncated"] is True
