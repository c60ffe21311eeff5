"""Unexpected failures reach clients as a stable message, never as internals."""

from __future__ import annotations

from typing import Any, cast

from service.graph import Graph
from service.schema import build_schema
from service.schema.context import Context
from service.settings import Settings


async def test_unexpected_errors_are_masked(settings: Settings) -> None:
    # A context whose graph has no driver: the resolver fails with an AttributeError.
    broken = Context(graph=Graph(cast(Any, None), settings.neo4j))
    result = await build_schema().execute(
        'query { researcher(id: "x") { id } }', context_value=broken
    )
    assert result.errors is not None
    assert [e.message for e in result.errors] == ["Unexpected error."]
    assert "NoneType" not in str(result.errors[0].formatted)
