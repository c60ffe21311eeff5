"""Mapping one work record to rows, without the database: ids, byline, topics."""

from __future__ import annotations

import json

import pytest

from service.importer.entities import topic_levels
from service.importer.ids import taxonomy_id
from service.importer.records import TopicRef
from service.importer.works import batch_params, work_row
from tests.importer.conftest import DATA

OLD = json.loads((DATA / "entities" / "W-api-response.json").read_text())


@pytest.mark.parametrize(
    "raw", ["https://openalex.org/subfields/1702", "subfields/1702", "1702", 1702]
)
def test_taxonomy_ids_normalise_from_every_form(raw: object) -> None:
    assert taxonomy_id(raw, "subfields") == "subfields/1702"


def test_topic_levels_whatever_form_the_ids_come_in() -> None:
    raw: TopicRef = {
        "id": "T1",
        "subfield": {"id": "1702", "display_name": "AI"},
        "field": {"id": "fields/17", "display_name": "CS"},
        "domain": {"id": "https://openalex.org/domains/3", "display_name": "Physical"},
    }
    assert topic_levels(raw) == {
        "subfield": {"id": "subfields/1702", "name": "AI"},
        "field": {"id": "fields/17", "name": "CS"},
        "domain": {"id": "domains/3", "name": "Physical"},
    }


def test_unmatched_authors_keep_their_names_and_positions() -> None:
    record = {
        "id": "https://openalex.org/W1",
        "authorships": [
            {"author": {"id": None, "display_name": "Ghost"}, "raw_author_name": "G. Host"},
            {"author": {"id": "https://openalex.org/A2", "display_name": "Real"}},
            {"author": {"id": "https://openalex.org/A2", "display_name": "Real again"}},
        ],
    }
    row = work_row(record)
    assert [(a["authorId"], a["position"]) for a in row["authorships"]] == [("A2", 1)]
    assert row["props"]["unmatchedAuthors"] == ["G. Host"]


def test_older_records_take_their_venue_from_host_venue() -> None:
    row = work_row({**OLD, "primary_location": None, "locations": []})
    assert [v["id"] for v in row["venues"]] == ["S78458016"]


def test_concepts_stand_in_only_for_missing_topics() -> None:
    concepts = [{"id": "https://openalex.org/C41008148", "display_name": "CS", "score": 0.5}]
    with_topics = work_row({**OLD, "concepts": concepts})
    without = work_row({**OLD, "topics": [], "concepts": concepts})
    assert {t["level"] for t in with_topics["topics"]} == {"topic"}
    assert [(t["id"], t["level"]) for t in without["topics"]] == [("C41008148", "concept")]


def test_a_batch_lists_each_node_once() -> None:
    rows = [work_row(OLD), work_row({**OLD, "id": "https://openalex.org/W2"})]
    params = batch_params(rows)
    assert len(params["works"]) == 2
    assert len(params["researchers"]) == len(rows[0]["authorships"])
    assert len(params["authored"]) == 2 * len(rows[0]["authorships"])
    assert len({t["id"] for t in params["topics"]}) == len(params["topics"])


def test_references_are_kept_in_order_once_and_a_malformed_one_loses_its_edge_only() -> None:
    refs = ["https://openalex.org/W2", "W1", "not an id", "https://openalex.org/W2"]
    assert work_row({**OLD, "referenced_works": refs})["references"] == ["W2", "W1"]
    assert work_row({**OLD, "referenced_works": refs[:2]})["references"] == ["W2", "W1"]
