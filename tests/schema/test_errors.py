"""Unexpected failures reach clients as a stable message, never as internals."""

from __future__ import annotations

import logging
from typing import Any, cast

import pytest

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


async def test_only_unexpected_errors_log_a_traceback(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    broken = Context(graph=Graph(cast(Any, None), settings.neo4j))
    schema = build_schema()
    with caplog.at_level(logging.INFO, logger="service.schema"):
        await schema.execute('query Bad { researcher(id: "x") { id } }', context_value=broken)
        await schema.execute(
            'query Big { graphSlice(center: "x", maxNodes: 0) { center } }', context_value=broken
        )
        await schema.execute("query Typo { researcher { nope } }", context_value=broken)
    unexpected, big, typo = (
        [r for r in caplog.records if f" {name}" in r.getMessage()]
        for name in ("Bad", "Big", "Typo")
    )
    assert len(unexpected) == 1 and unexpected[0].exc_info is not None
    assert unexpected[0].levelno == logging.ERROR
    assert len(big) == 1 and big[0].exc_info is None and "maxNodes" in big[0].getMessage()
    assert typo and all(r.exc_info is None and r.levelno == logging.INFO for r in typo)
