"""The merge rules both import paths apply to nodes many works share (service/importer/nodes.py).
The graphs they build are compared whole by tests/importer/bulk/test_load.py; these pin the
rules themselves."""

from __future__ import annotations

from service.importer.nodes import Nodes, authorships, resolver


def person(rid: str, name: str, orcid: str | None = None) -> dict[str, str | None]:
    return {"id": rid, "name": name, "orcid": orcid}


def test_the_fuller_byline_name_wins_in_any_order() -> None:
    spellings = ["J. Smith", "John Smith", "J Smith", "Jon Smith"]
    for order in (spellings, spellings[::-1]):
        nodes = Nodes()
        for name in order:
            nodes.researcher(person("A1", name))
        assert nodes.researchers["A1"]["name"] == "John Smith"


def test_an_author_records_name_stands_and_orcid_is_filled_in_once() -> None:
    nodes = Nodes.stored(
        {
            "researchers": [{**person("A1", "J. S."), "fromRecord": True}],
            "institutions": [],
            "venues": [],
            "topics": [],
            "funders": [],
            "affiliations": [{"author": "A1", "institution": "I1", "years": [2019]}],
        }
    )
    nodes.researcher(person("A1", "Jonathan Smith", "0000-0001"))
    nodes.researcher(person("A1", "Jonathan Smith", "0000-0002"))
    assert nodes.researchers["A1"] == {
        **person("A1", "J. S.", "0000-0001"),
        "fromRecord": True,
    }
    nodes.affiliation(("A1", "I1"), [2021, 2019])
    assert nodes.affiliations[("A1", "I1")] == {2019, 2021}


def test_institutions_keep_their_first_name_and_fill_in_what_they_lack() -> None:
    nodes = Nodes()
    nodes.institution({"id": "I1", "name": "First", "ror": None, "countryCode": "FR", "type": None})
    nodes.institution({"id": "I1", "name": "Later", "ror": "r1", "countryCode": "DE", "type": "x"})
    assert nodes.institutions["I1"] == {
        "id": "I1",
        "name": "First",
        "ror": "r1",
        "countryCode": "FR",
        "type": "x",
    }


def test_merged_ids_resolve_through_chains_and_stop_at_a_cycle() -> None:
    resolve = resolver({"A1": "A2", "A2": "A3", "B1": "B2", "B2": "B1"})
    assert [resolve(a) for a in ("A1", "A2", "A3", "X")] == ["A3", "A3", "A3", "X"]
    assert resolve("B1") in {"B1", "B2"}


def test_two_merged_ids_on_one_byline_make_one_authorship_the_first() -> None:
    authored = [
        {"paper": "W1", "author": "A1", "props": {"position": 0}},
        {"paper": "W1", "author": "A2", "props": {"position": 1}},
        {"paper": "W2", "author": "A2", "props": {"position": 0}},
    ]
    found = authorships(authored, resolver({"A1": "A2"}))
    assert [(a["paper"], a["author"], a["props"]["position"]) for a in found] == [
        ("W1", "A2", 0),
        ("W2", "A2", 0),
    ]
