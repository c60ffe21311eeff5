"""graphSlice: the explorer's ranked, budgeted neighbourhood of a researcher."""

from __future__ import annotations

from service.seed import SEED_RESEARCHER_ID
from tests.conftest import SchemaRunner

SLICE = """query($center: ID!, $max: Int!, $kinds: [NodeKind!]) {
  graphSlice(center: $center, maxNodes: $max, kinds: $kinds) {
    center truncated nodes { id kind label weight } edges { source target kind weight } } }"""


async def test_full_slice_has_every_neighbour(gql: SchemaRunner) -> None:
    result = await gql(SLICE, center=SEED_RESEARCHER_ID, max=1000, kinds=None)
    assert result.errors is None, result.errors
    data = result.data["graphSlice"]
    kinds: dict[str, int] = {}
    for node in data["nodes"]:
        kinds[node["kind"]] = kinds.get(node["kind"], 0) + 1
    # Borui plus 18 co-authors; 5 papers; 2 topics; Megvii, NJUST, Nankai.
    assert kinds == {"RESEARCHER": 19, "PAPER": 5, "TOPIC": 2, "INSTITUTION": 3}
    assert data["truncated"] is False
    assert data["nodes"][0] == {
        "id": SEED_RESEARCHER_ID,
        "kind": "RESEARCHER",
        "label": "Borui Zhao",
        "weight": 1.0,
    }
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    authored = [e for e in data["edges"] if e["kind"] == "AUTHORED"]
    assert len(authored) == 33  # every byline slot of the five papers
    assert gql.round_trips == 1


async def test_slice_is_cut_to_budget_by_weight(gql: SchemaRunner) -> None:
    result = await gql(SLICE, center=SEED_RESEARCHER_ID, max=10, kinds=None)
    data = result.data["graphSlice"]
    assert len(data["nodes"]) == 10
    assert data["truncated"] is True
    weights = [n["weight"] for n in data["nodes"]]
    assert weights == sorted(weights, reverse=True)
    names = {n["label"] for n in data["nodes"]}
    assert {"Renjie Song", "Jiajun Liang"} <= names  # 4 of 5 works each: the top co-authors


async def test_slice_filters_kinds(gql: SchemaRunner) -> None:
    result = await gql(SLICE, center=SEED_RESEARCHER_ID, max=100, kinds=["TOPIC"])
    data = result.data["graphSlice"]
    assert [n["kind"] for n in data["nodes"]] == ["RESEARCHER", "TOPIC", "TOPIC"]
    assert data["edges"] == []  # topics hang off papers, which were filtered out


async def test_slice_budget_is_bounded(gql: SchemaRunner) -> None:
    result = await gql(SLICE, center=SEED_RESEARCHER_ID, max=5000, kinds=None)
    assert result.errors is not None
    assert "maxNodes must be between 1 and 1000, got 5000" in result.errors[0].message


async def test_slice_of_unknown_center(gql: SchemaRunner) -> None:
    result = await gql(SLICE, center="seed:nobody", max=10, kinds=None)
    assert result.errors is not None
    assert result.errors[0].message == "no researcher has id seed:nobody"
