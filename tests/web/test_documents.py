"""The pages' GraphQL documents are valid against the schema `/graphql` serves."""

from __future__ import annotations

import pytest
from graphql import parse, validate

from service.schema import build_schema
from service.web import documents


@pytest.mark.parametrize("name", documents.names())
def test_every_document_is_valid_against_the_schema(name: str) -> None:
    schema = build_schema()._schema
    errors = validate(schema, parse(documents.document(name)))
    assert errors == [], [e.message for e in errors]


def test_documents_exist_for_every_page_and_script() -> None:
    assert {"profile", "owner", "home", "paper", "topic", "institution", "slice", "suggest"} <= set(
        documents.names()
    )
