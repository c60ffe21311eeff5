"""The GraphQL schema: the contract's types, assembled from one module per area."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaxTokensLimiter, ParserCache, SchemaExtension
from strawberry.types import ExecutionResult

from service import metrics
from service.errors import GraphError, QueryTimeout, ScholarError, Unavailable
from service.schema.claims import ClaimsMutation, ClaimsQuery
from service.schema.collaboration import CollaborationMutation, CollaborationQuery
from service.schema.document_limits import DocumentLimits
from service.schema.explorer import ExplorerQuery
from service.schema.follow import FollowMutation
from service.schema.identity import IdentityMutation, IdentityQuery
from service.schema.institution import InstitutionQuery
from service.schema.paper import PaperQuery
from service.schema.problems import PROBLEM_TYPES
from service.schema.researcher import ProfileQuery
from service.schema.saved_queries import SavedQueriesQuery
from service.schema.search import SearchQuery
from service.schema.topic import TopicQuery
from service.settings import GraphQLLimits

if TYPE_CHECKING:
    from strawberry.types import ExecutionContext


@strawberry.type
class Query(
    ProfileQuery,
    SearchQuery,
    PaperQuery,
    TopicQuery,
    InstitutionQuery,
    ExplorerQuery,
    SavedQueriesQuery,
    IdentityQuery,
    ClaimsQuery,
    CollaborationQuery,
):
    """Every top-level read; each area adds its own base class."""


@strawberry.type
class Mutation(IdentityMutation, FollowMutation, ClaimsMutation, CollaborationMutation):
    """Every write; each returns a union of its success type and the expected problems."""


log = logging.getLogger(__name__)
GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,99}")


class Schema(strawberry.Schema):
    """The strawberry schema, logging client errors as one line and only the rest in full, and
    answering only client-safe messages."""

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        result = await super().execute(*args, **kwargs)
        # Masked here, on the way out, rather than by an extension: an exception that escapes
        # the extensions (one raised by a validation rule, say) still reaches this point.
        if result.errors:
            result.errors = [
                _masked(error) if _kind(error) == "error" else error for error in result.errors
            ]
        return result

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        operation = _name(execution_context)
        for error in errors:
            original = error.original_error
            kind = _kind(error)
            if isinstance(original, GraphError) and kind in ("unavailable", "timeout"):
                log.warning("%s in %s: %s", original.code, operation, original.message)
            elif kind == "client_error":
                # Syntax, validation, bounds, unknown ids: the client's mistake, not ours.
                code = (error.extensions or {}).get("code") or getattr(original, "code", None)
                log.info(
                    "client error in %s: %s%s",
                    operation,
                    error.message,
                    f" ({code})" if code else "",
                )
            else:
                log.error("unexpected error in %s at %s", operation, error.path, exc_info=original)


# Worst first: an operation's outcome is the worst of its errors' kinds.
OUTCOMES = ("error", "unavailable", "timeout", "client_error")


def _kind(error: GraphQLError) -> str:
    """unavailable, timeout, client_error (safe to show as it is) or error (to be masked)."""
    original = error.original_error
    if isinstance(original, Unavailable):
        return "unavailable"
    if isinstance(original, QueryTimeout):
        return "timeout"
    if original is None or isinstance(original, GraphQLError | ScholarError):
        return "client_error"
    return "error"


def _name(execution_context: ExecutionContext | None) -> str:
    """The operation's name for a log line; a client's operationName may be any JSON value."""
    name = execution_context.operation_name if execution_context else None
    if name is None:
        return "anonymous"
    return name if isinstance(name, str) and GRAPHQL_NAME.fullmatch(name) else "invalid-name"


def _masked(error: GraphQLError) -> GraphQLError:
    return GraphQLError(
        "Unexpected error.",
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
    )


class OperationMetrics(SchemaExtension):
    """Counts and times each operation by name and outcome (`service/metrics.py`)."""

    def on_operation(self) -> Iterator[None]:
        began = time.perf_counter()
        try:
            yield
        finally:
            context = self.execution_context
            kinds = {_kind(e) for e in context.pre_execution_errors or ()}
            outcome = next((o for o in OUTCOMES if o in kinds), "ok")
            metrics.operation_done(context.operation_name, outcome, time.perf_counter() - began)


def build_schema(limits: GraphQLLimits | None = None) -> Schema:
    limits = limits or GraphQLLimits()
    return Schema(
        query=Query,
        mutation=Mutation,
        types=PROBLEM_TYPES,
        # Factories, so each request gets fresh extension instances.
        extensions=[
            lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
            # Bounded (strawberry's LRU, keyed by the text and the token limit): repeated
            # documents skip the parser; see DocumentLimits for validation.
            lambda: ParserCache(maxsize=256),
            lambda: DocumentLimits(limits),
            OperationMetrics,
        ],
    )
