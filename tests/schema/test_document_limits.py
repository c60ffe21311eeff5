"""Document limits: counted once per fragment, refused before validation, validation off the
event loop, and whatever escapes still masked."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

from graphql import get_introspection_query, parse
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from service.schema import Mutation, Query, Schema, build_schema, document_limits
from service.schema.document_limits import CODE, Shape, measure
from service.schema.problems import PROBLEM_TYPES
from service.settings import GraphQLLimits


def chain(levels: int, leaf: str = "id", cycle: bool = False) -> str:
    """A fragment chain whose every link spreads the next one twice: 2^levels fields."""
    links = "".join(
        f"fragment F{i} on Researcher {{ ...F{i + 1} ...F{i + 1} }}\n" for i in range(levels)
    )
    last = f"fragment F{levels} on Researcher {{ {leaf} {'...F0' if cycle else ''} }}\n"
    return 'query Chain { researcher(id: "x") { ...F0 } }\n' + links + last


def test_fragments_are_measured_once_each() -> None:
    assert measure(parse(chain(3))) == {"Chain": Shape(fields=1 + 2**3, depth=1, aliases=0)}
    assert measure(parse(chain(60)))["Chain"].fields == 1 + 2**60
    nested = parse(
        "query Q { a: researcher(id: 1) { ...W } } "
        "fragment W on Researcher { works { edges { node { b: title } } } ...W2 ...W2 } "
        "fragment W2 on Researcher { c: name }"
    )
    assert measure(nested) == {"Q": Shape(fields=7, depth=4, aliases=4)}


def test_unknown_and_cyclic_fragments_count_as_empty() -> None:
    assert measure(parse('{ researcher(id: "x") { ...Missing } }'))["anonymous"].fields == 1
    assert measure(parse(chain(3, cycle=True)))["Chain"].fields == 1 + 2**3


def test_introspection_is_not_deep() -> None:
    shape = measure(parse(get_introspection_query(descriptions=True)))["IntrospectionQuery"]
    assert shape.depth == 0 and shape.fields < GraphQLLimits().max_fields


async def quickest(document: str, tries: int = 3) -> tuple[float, ExecutionResult]:
    """The best of a few runs: a shared machine's hiccups are not the document's cost."""
    schema = build_schema()
    runs = []
    for _ in range(tries):
        began = time.perf_counter()
        result = await schema.execute(document)
        runs.append((time.perf_counter() - began, result))
    return min(runs, key=lambda run: run[0])


async def test_fragment_chains_are_refused_at_once() -> None:
    # Increasing, so a regression fails at 16 levels (seconds) instead of hanging at 40.
    for levels in (16, 20, 40, 60):
        spent, result = await quickest(chain(levels))
        assert result.errors is not None and len(result.errors) == 1
        assert result.errors[0].extensions == {"code": CODE}
        assert "fields once its fragments are expanded; allowed: 500" in result.errors[0].message
        assert spent < 0.1, f"{levels} levels took {spent:.3f}s"


async def test_a_chain_that_also_cycles_is_refused_at_once() -> None:
    spent, result = await quickest(chain(40, cycle=True))
    assert result.errors is not None and result.errors[0].extensions == {"code": CODE}
    assert spent < 0.1


async def test_an_unknown_fragment_is_named_not_a_raw_key() -> None:
    result = await build_schema().execute('{ researcher(id: "x") { ...Missing } }')
    assert result.errors is not None
    assert [e.message for e in result.errors] == ["Unknown fragment 'Missing'."]


async def test_graphiql_introspection_passes() -> None:
    result = await build_schema().execute(get_introspection_query(descriptions=True))
    assert result.errors is None


async def test_validation_leaves_the_event_loop_free() -> None:
    """graphql-core's overlap check on ~330 fields costs ~0.15 s of CPU; requests that need
    no validation (`/healthz`) must not wait for it."""
    fields = " ".join(f"works(first: {i % 3 + 1}) {{ totalCount }}" for i in range(160))
    heavy = f'query {{ researcher(id: "x") {{ {fields} }} }}'
    schema = build_schema()
    gaps: list[float] = []
    done = asyncio.Event()

    async def tick() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    ticker = asyncio.create_task(tick())
    began = time.perf_counter()
    results = await asyncio.gather(*(schema.execute(heavy) for _ in range(3)))
    spent = time.perf_counter() - began
    done.set()
    await ticker
    assert all(r.errors and "conflict" in r.errors[0].message for r in results)
    # On the loop, the three validations would run back to back with the ticker waiting;
    # off it, the ticker keeps turning (counted rather than timed: CI machines are shared).
    assert spent > 0.1 and len(gaps) >= 10, f"{len(gaps)} ticks in {spent:.3f}s"
    assert sorted(gaps)[len(gaps) // 2] < 0.03


class _Raising(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        raise KeyError("internal detail")
        yield


async def test_an_exception_escaping_the_extensions_is_still_masked() -> None:
    schema = Schema(query=Query, mutation=Mutation, types=PROBLEM_TYPES, extensions=[_Raising])
    result = await schema.execute("{ __typename }")
    assert result.errors is not None
    assert [e.message for e in result.errors] == ["Unexpected error."]


async def test_a_document_that_passed_is_remembered_and_a_bad_one_is_not() -> None:
    schema = build_schema()
    good, bad = "query Remembered { __typename }", "query Bad { __typename nope }"
    assert (await schema.execute(good)).errors is None
    assert good in document_limits._passed
    first = await schema.execute(bad)
    assert first.errors is not None and bad not in document_limits._passed
    # Remembered documents are not excused from anything: the bad one fails the same way again,
    # and the good one still runs.
    assert [e.message for e in (await schema.execute(bad)).errors or ()] == [
        e.message for e in first.errors
    ]
    assert (await schema.execute(good)).data == {"__typename": "Query"}


async def test_the_memory_of_passed_documents_is_bounded() -> None:
    schema = build_schema()
    for i in range(document_limits.PASSED_MAX + 10):
        assert (await schema.execute(f"query Q{i} {{ __typename }}")).errors is None
    assert len(document_limits._passed) == document_limits.PASSED_MAX
    assert "query Q0 { __typename }" not in document_limits._passed
