"""Invariants over the whole project: the exported schema and the query files."""

from __future__ import annotations

from service import queries
from service.schema import build_schema
from service.settings import ROOT


def test_schema_file_matches_code() -> None:
    exported = build_schema().as_str() + "\n"
    assert (ROOT / "schema.graphql").read_text() == exported, "run `make schema`"


def test_every_query_file_parses() -> None:
    names = set(queries.catalogue())
    assert "researcher/cards" in names
    for query in queries.catalogue().values():
        assert query.doc and query.text


def test_every_query_file_was_run() -> None:
    """Runs last (see conftest): every .cypher file was handed to the driver by some test."""
    unused = sorted(set(queries.catalogue()) - queries.USED)
    assert not unused, f"query files no test ran: {unused}"
