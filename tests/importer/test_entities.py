"""One record of every entity type maps to the graph model (data/openalex/entities)."""

from __future__ import annotations

import csv
import json
from collections.abc import Awaitable, Callable
from typing import Any

from service.importer.entities import publisher_row
from tests.importer.conftest import DATA, Load, Query

ENTITIES = DATA / "entities"
TAXONOMY = DATA / "topics" / "topics.csv"
Counts = Callable[[], Awaitable[dict[str, Any]]]


async def test_every_entity_sample_imports(load: Load) -> None:
    summary = await load(ENTITIES)
    assert summary.by_entity == {
        "work": 2,
        "author": 3,
        "institution": 1,
        "source": 1,
        "topic": 1,
        "concept": 1,
        "publisher": 1,
        "funder": 1,
    }
    assert summary.skipped == {"unsupported entity type": 1}  # the keyword record


async def test_author_names_orcid_and_institutions(load: Load, cypher: Query) -> None:
    await load(ENTITIES / "A5023888391.json", ENTITIES / "A-api-response.json")
    rows = await cypher(
        """
        MATCH (r:Researcher) RETURN r.id AS id, r.name AS name, r.orcid AS orcid,
          r.alternativeNames AS alt,
          COLLECT { MATCH (r)-[a:AFFILIATED_WITH {lastKnown: true}]->(i) RETURN i.id } AS last,
          COLLECT { MATCH (r)-[a:AFFILIATED_WITH]->(i:Institution {id: 'I145311948'})
                    RETURN a.years } AS jhu
        ORDER BY id
        """
    )
    assert rows == [
        {
            "id": "A2150889177",
            "name": "B. P. Abbott",
            "orcid": "0000-0002-3666-1234",
            "alt": ["Barry P. Abbott", "B.P. Abbott", "Abbott, B.P."],
            "last": ["I157725225"],  # the older schema's single last_known_institution
            "jhu": [],
        },
        {
            "id": "A5023888391",
            "name": "Jason Priem",
            "orcid": "0000-0001-6187-6610",
            "alt": ["Priem Jason", "Jason Priem"],
            "last": ["I4200000001"],
            "jhu": [[2020]],
        },
    ]


async def test_institution_source_publisher_funder(load: Load, cypher: Query) -> None:
    await load(
        ENTITIES / "I27837315.json",
        ENTITIES / "S137773608.json",
        ENTITIES / "P4310319965.json",
        ENTITIES / "F4320332161.json",
    )
    rows = await cypher(
        """
        MATCH (i:Institution {id: 'I27837315'}), (v:Venue {id: 'S137773608'}),
              (p:Publisher {id: 'P4310319965'}), (f:Funder {id: 'F4320332161'})
        RETURN i {.ror, .countryCode, .type, .name} AS institution,
               v {.name, .issnL, .type} AS venue,
               COLLECT { MATCH (v)-[:PUBLISHED_BY]->(x) RETURN x.id } AS venuePublisher,
               p {.name, .hierarchyLevel, .ror} AS publisher,
               f {.name, .countryCode, .ror} AS funder
        """
    )
    assert rows == [
        {
            "institution": {
                "ror": "https://ror.org/00jmfr291",
                "countryCode": "US",
                "type": "funder",
                "name": "University of Michigan",
            },
            "venue": {"name": "Nature", "issnL": "0028-0836", "type": "journal"},
            "venuePublisher": ["P4310319908"],
            "publisher": {
                "name": "Springer Nature",
                "hierarchyLevel": 0,
                "ror": "https://ror.org/0117jxy09",
            },
            "funder": {
                "name": "National Institutes of Health",
                "countryCode": "US",
                "ror": "https://ror.org/01cwqze88",
            },
        }
    ]


async def test_topic_hierarchy_and_concepts(load: Load, cypher: Query) -> None:
    await load(ENTITIES / "T11636.json", ENTITIES / "C71924100.json")
    rows = await cypher(
        """
        MATCH path = (t:Topic {id: 'T11636'})-[:PART_OF]->(s)-[:PART_OF]->(f)-[:PART_OF]->(d)
        RETURN [n IN nodes(path) | [n.id, n.level]] AS chain
        """
    )
    assert rows == [
        {
            "chain": [
                ["T11636", "topic"],
                ["subfields/2718", "subfield"],
                ["fields/27", "field"],
                ["domains/4", "domain"],
            ]
        }
    ]
    concept = await cypher(
        "MATCH (c:Topic {id: 'C71924100'}) RETURN c.level AS level, c.name AS name"
    )
    assert concept == [{"level": "concept", "name": "Medicine"}]


async def test_the_taxonomy_table_imports_every_topic_with_its_levels(
    load: Load, cypher: Query
) -> None:
    with TAXONOMY.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Counted from the table: each level once, each link of a chain once.
    subfields = {r["id_subfield"] for r in rows}
    fields = {r["id_field"] for r in rows}
    domains = {r["id_domain"] for r in rows}
    links = len(rows) + len({(r["id_subfield"], r["id_field"]) for r in rows})
    links += len({(r["id_field"], r["id_domain"]) for r in rows})
    summary = await load(TAXONOMY)
    assert not summary.skipped and summary.by_entity == {"topic": len(rows)}
    found = await cypher(
        """
        MATCH (t:Topic) WITH t.level AS level, count(*) AS n ORDER BY level
        RETURN collect([level, n]) AS levels, COUNT { ()-[:PART_OF]->() } AS links
        """
    )
    assert found == [
        {
            "levels": [
                ["domain", len(domains)],
                ["field", len(fields)],
                ["subfield", len(subfields)],
                ["topic", len(rows)],
            ],
            "links": links,
        }
    ]
    first = rows[0]
    chain = await cypher(
        """
        MATCH path = (t:Topic {id: $id})-[:PART_OF]->(s)-[:PART_OF]->(f)-[:PART_OF]->(d)
        RETURN t.description AS description, [n IN nodes(path) | [n.id, n.name]] AS chain
        """,
        id=first["id_topic"],
    )
    assert chain == [
        {
            "description": first["description"],
            "chain": [
                [first["id_topic"], first["topic"]],
                [first["id_subfield"], first["subfield"]],  # `subfields/2505` as every form
                [first["id_field"], first["field"]],
                [first["id_domain"], first["domain"]],
            ],
        }
    ]


async def test_a_taxonomy_row_keeps_what_the_full_topic_record_wrote(
    load: Load, cypher: Query
) -> None:
    await load(ENTITIES / "T11636.json", TAXONOMY)
    topic = await cypher(
        "MATCH (t:Topic {id: 'T11636'}) RETURN t.worksCount AS works, size(t.keywords) AS words"
    )
    assert topic == [{"works": 42324, "words": 10}]


async def test_older_schema_work_keeps_its_venue(load: Load, cypher: Query) -> None:
    await load(ENTITIES / "W-api-response.json")
    rows = await cypher(
        "MATCH (p:Paper {id: 'W2755950973'})-[:PUBLISHED_IN {primary: true}]->(v) RETURN v.id AS id"
    )
    assert rows == [{"id": "S78458016"}]


def test_a_parent_publisher_is_kept_whether_named_by_id_or_as_an_object() -> None:
    record = json.loads((ENTITIES / "P4310319965.json").read_text())
    parent = "https://openalex.org/P4310319908"
    by_id = publisher_row({**record, "parent_publisher": parent})
    as_object = publisher_row(
        {**record, "parent_publisher": {"id": parent, "display_name": "Nature Portfolio"}}
    )
    assert by_id["parentId"] == as_object["parentId"] == "P4310319908"
