"""The pages' GraphQL documents (`service/web/queries/*.graphql`), run in-process against the
same strawberry schema `/graphql` serves: the pages are the API's first client.

A document that fails is translated once, here: the database unavailable is a 503 page, a bad
argument a 400 page, anything else a 500 page with a fixed sentence (details in the log).

At start-up every read-only document runs once (`warm_up`), so the driver's connections are open
and Neo4j has planned the pages' Cypher before the first visitor comes.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

from graphql import (
    GraphQLError,
    ListTypeNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    OperationType,
    parse,
)
from starlette.datastructures import State
from starlette.requests import Request

from service import errors, request_id
from service.graph import Graph
from service.schema.context import Context, context_for

QUERY_DIR = Path(__file__).parent / "queries"
log = logging.getLogger(__name__)


class DocumentFailed(Exception):
    """A page's document came back with errors; `status` is the page's HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@cache
def document(name: str) -> str:
    return (QUERY_DIR / f"{name}.graphql").read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(path.stem for path in QUERY_DIR.glob("*.graphql"))


def _failure(error: GraphQLError) -> DocumentFailed:
    original = error.original_error
    if isinstance(original, errors.Unavailable | errors.QueryTimeout):
        return DocumentFailed(503, original.message)
    code = (error.extensions or {}).get("code")
    if code == "BAD_USER_INPUT" or isinstance(original, errors.InvalidInput):
        return DocumentFailed(400, error.message)
    if isinstance(original, errors.Missing):
        return DocumentFailed(404, original.message)
    return DocumentFailed(500, "something went wrong on our side; please try again")


async def run(
    request: Request,
    name: str,
    /,
    *,
    context: Context | None = None,
    response: Any = None,
    **variables: Any,
) -> dict[str, Any]:
    """The data of document `name` for this request (its viewer, its cookies), or
    `DocumentFailed`. Pass one `context` to several runs to look the viewer up once."""
    context = context or context_for(request, response)
    result = await request.app.state.schema.execute(
        document(name), variable_values=variables, context_value=context
    )
    if result.errors:
        raise _failure(result.errors[0])
    data: dict[str, Any] = result.data or {}
    return data


def operation(name: str) -> OperationDefinitionNode:
    found = parse(document(name)).definitions[0]
    assert isinstance(found, OperationDefinitionNode)
    return found


def placeholders(definition: OperationDefinitionNode) -> dict[str, Any]:
    """Values for the variables a document requires, naming nothing that exists; booleans are
    true so that every @include'd field runs."""
    values: dict[str, Any] = {}
    for variable in definition.variable_definitions or ():
        wrapped = variable.type
        if variable.default_value is not None or not isinstance(wrapped, NonNullTypeNode):
            continue
        if isinstance(wrapped.type, ListTypeNode):
            values[variable.variable.name.value] = []
        else:
            scalar = wrapped.type.name.value
            placeholder = {"Int": 1, "Float": 1.0, "Boolean": True}.get(scalar, "warm-up")
            values[variable.variable.name.value] = placeholder
    return values


async def warm_up(state: State) -> None:
    """Run every read-only document once as an anonymous visitor; `Unavailable` if Neo4j is
    down (other errors are expected: the placeholders name nothing, and the lines they log say
    `[warm-up]` where a request id would be)."""
    token = request_id.current.set("warm-up")
    try:
        await _run_all(state)
    finally:
        request_id.current.reset(token)


async def _run_all(state: State) -> None:
    for name in names():
        definition = operation(name)
        if definition.operation is not OperationType.QUERY:
            continue
        context = Context(
            graph=Graph(state.driver, state.settings.neo4j, state.availability),
            auth=state.settings.auth,
            sender=state.sender,
            analyst_slots=state.analyst_slots,
        )
        result = await state.schema.execute(
            document(name), variable_values=placeholders(definition), context_value=context
        )
        for error in result.errors or ():
            if isinstance(error.original_error, errors.Unavailable):
                raise error.original_error
