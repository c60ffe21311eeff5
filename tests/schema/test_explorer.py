"""graphSlice: the explorer's ranked, budgeted neighbourhood of any node, its filters, and
incremental expansion."""

from __future__ import annotations

from typing import Any

from service.seed import SEED_RESEARCHER_ID
from tests.conftest import SchemaRunner

SLICE = """query($center: ID!, $max: Int! = 150, $kinds: [NodeKind!], $years: YearRange,
  $exclude: [ID!]) {
  graphSlice(center: $center, maxNodes: $max, kinds: $kinds, years: $years, exclude: $exclude) {
    center truncated total nodes { id kind label weight year }
    edges { source target kind weight } } }"""


async def graph_slice(gql: SchemaRunner, center: str, **variables: Any) -> dict[str, Any]:
    result = await gql(SLICE, center=center, **variables)
    assert result.errors is None, result.errors
    data: dict[str, Any] = result.data["graphSlice"]
    return data


def count_kinds(data: dict[str, Any]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for node in data["nodes"]:
        kinds[node["kind"]] = kinds.get(node["kind"], 0) + 1
    return kinds


def connected(data: dict[str, Any]) -> bool:
    """Every node reaches the center along the returned edges."""
    links: dict[str, set[str]] = {}
    for e in data["edges"]:
        links.setdefault(e["source"], set()).add(e["target"])
        links.setdefault(e["target"], set()).add(e["source"])
    seen, todo = {data["center"]}, [data["center"]]
    while todo:
        for other in links.get(todo.pop(), set()) - seen:
            seen.add(other)
            todo.append(other)
    return seen == {n["id"] for n in data["nodes"]}


async def test_full_slice_has_every_neighbour(gql: SchemaRunner) -> None:
    data = await graph_slice(gql, SEED_RESEARCHER_ID, max=1000)
    # Borui plus 18 co-authors; 5 papers; 2 topics; Megvii, NJUST, Nankai.
    assert count_kinds(data) == {"RESEARCHER": 19, "PAPER": 5, "TOPIC": 2, "INSTITUTION": 3}
    assert data["truncated"] is False and data["total"] == 28
    assert data["nodes"][0] == {
        "id": SEED_RESEARCHER_ID,
        "kind": "RESEARCHER",
        "label": "Borui Zhao",
        "weight": 1.0,
        "year": None,
    }
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    authored = [e for e in data["edges"] if e["kind"] == "AUTHORED"]
    assert len(authored) == 33  # every byline slot of the five papers
    assert connected(data)
    assert gql.round_trips == 1


async def test_slice_is_cut_to_budget_by_weight(gql: SchemaRunner) -> None:
    data = await graph_slice(gql, SEED_RESEARCHER_ID, max=10)
    assert len(data["nodes"]) == 10
    assert data["truncated"] is True and data["total"] > 9
    weights = [n["weight"] for n in data["nodes"]]
    assert weights == sorted(weights, reverse=True)
    names = {n["label"] for n in data["nodes"]}
    assert {"Renjie Song", "Jiajun Liang"} <= names  # 4 of 5 works each: the top co-authors


async def test_a_kind_filter_keeps_the_slice_connected(gql: SchemaRunner) -> None:
    topics = await graph_slice(gql, SEED_RESEARCHER_ID, kinds=["TOPIC"])
    assert [n["kind"] for n in topics["nodes"]] == ["RESEARCHER", "TOPIC", "TOPIC"]
    # Topics hang off papers, which are hidden: each gets a derived edge to the center.
    assert {e["kind"] for e in topics["edges"]} == {"VIA_PAPER"}
    assert connected(topics)
    people = await graph_slice(gql, SEED_RESEARCHER_ID, kinds=["RESEARCHER", "INSTITUTION"])
    assert count_kinds(people) == {"RESEARCHER": 19, "INSTITUTION": 3}
    kinds = {e["kind"] for e in people["edges"]}
    assert kinds == {"VIA_PAPER", "AFFILIATED_WITH"}  # co-authorship, and real affiliations
    assert connected(people)


async def test_a_budget_of_one_or_no_kinds_is_the_center_alone(gql: SchemaRunner) -> None:
    alone = await graph_slice(gql, SEED_RESEARCHER_ID, max=1)
    assert [n["id"] for n in alone["nodes"]] == [SEED_RESEARCHER_ID]
    assert alone["edges"] == [] and alone["truncated"] is True
    nothing = await graph_slice(gql, SEED_RESEARCHER_ID, kinds=[])
    assert [n["id"] for n in nothing["nodes"]] == [SEED_RESEARCHER_ID]
    assert nothing["truncated"] is False and nothing["total"] == 0


async def test_any_kind_of_node_can_be_the_center(gql: SchemaRunner) -> None:
    paper = await graph_slice(gql, "W4226426325")
    assert paper["nodes"][0]["kind"] == "PAPER" and paper["nodes"][0]["year"] == 2022
    assert count_kinds(paper) == {"PAPER": 1, "RESEARCHER": 5, "TOPIC": 2}
    assert next(n["label"] for n in paper["nodes"] if n["kind"] == "RESEARCHER") == "Borui Zhao"
    topic = await graph_slice(gql, "T10036")
    assert count_kinds(topic)["PAPER"] == 5
    assert {"subfields/1707", "fields/17", "domains/3"} <= {n["id"] for n in topic["nodes"]}
    place = await graph_slice(gql, "seed:megvii-technology")
    assert "seed:borui-zhao" in {n["id"] for n in place["nodes"]}
    for data in (paper, topic, place):
        assert connected(data)


async def test_a_year_range_keeps_papers_of_those_years(gql: SchemaRunner) -> None:
    inside = await graph_slice(gql, SEED_RESEARCHER_ID, years={"from": 2022, "to": 2022})
    assert count_kinds(inside)["PAPER"] == 5
    before = await graph_slice(gql, SEED_RESEARCHER_ID, years={"to": 2021})
    # Nothing of his is older: no papers, and nothing that connects through them.
    assert [n["id"] for n in before["nodes"]] == [SEED_RESEARCHER_ID]


async def test_expansion_returns_only_what_is_new_with_its_edges_to_the_screen(
    gql: SchemaRunner,
) -> None:
    first = await graph_slice(gql, SEED_RESEARCHER_ID, max=8)
    on_screen = [n["id"] for n in first["nodes"]]
    more = await graph_slice(gql, "seed:renjie-song", max=10, exclude=on_screen)
    new_ids = [n["id"] for n in more["nodes"]]
    assert new_ids[0] == "seed:renjie-song"  # the center comes back, to anchor the edges
    assert not set(new_ids[1:]) & set(on_screen)
    assert len(new_ids) <= 10
    everything = set(on_screen) | set(new_ids)
    assert all(e["source"] in everything and e["target"] in everything for e in more["edges"])
    # Edges from new nodes to ones already drawn come along.
    assert any(e["source"] in on_screen or e["target"] in on_screen for e in more["edges"])


async def test_bad_arguments_are_clear_errors(gql: SchemaRunner) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"max": 5000}, "maxNodes must be between 1 and 1000, got 5000"),
        ({"years": {"from": 2023, "to": 2020}}, "years.from must not be after years.to"),
        ({"years": {"from": 99}}, "years must be between 1000 and 3000"),
        ({"exclude": ["x"] * 1001}, "exclude takes at most 1000 ids"),
    ]
    for variables, message in cases:
        result = await gql(SLICE, center=SEED_RESEARCHER_ID, **variables)
        assert result.errors is not None
        assert message in result.errors[0].message
        assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"


async def test_slice_of_unknown_center(gql: SchemaRunner) -> None:
    result = await gql(SLICE, center="seed:nobody")
    assert result.errors is not None
    assert result.errors[0].message == (
        "no researcher, paper, topic or institution has id seed:nobody"
    )
