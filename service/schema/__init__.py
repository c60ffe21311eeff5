"""The GraphQL schema: the contract's types, assembled from one module per area."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)

from service.errors import GraphError
from service.schema.claims import ClaimsMutation, ClaimsQuery
from service.schema.collaboration import CollaborationMutation, CollaborationQuery
from service.schema.explorer import ExplorerQuery
from service.schema.follow import FollowMutation
from service.schema.identity import IdentityMutation, IdentityQuery
from service.schema.problems import PROBLEM_TYPES
from service.schema.researcher import ProfileQuery
from service.schema.saved_queries import SavedQueriesQuery
from service.settings import GraphQLLimits


@strawberry.type
class Query(
    ProfileQuery,
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


def _should_mask(error: GraphQLError) -> bool:
    """Hide everything but our own, already client-safe, errors."""
    original = error.original_error
    if original is None or isinstance(original, GraphError):
        return False
    return not isinstance(original, GraphQLError)


def build_schema(limits: GraphQLLimits | None = None) -> strawberry.Schema:
    limits = limits or GraphQLLimits()
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=PROBLEM_TYPES,
        # Factories, so each request gets fresh extension instances.
        extensions=[
            lambda: QueryDepthLimiter(max_depth=limits.max_depth),
            lambda: MaxAliasesLimiter(max_alias_count=limits.max_aliases),
            lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
            lambda: MaskErrors(should_mask_error=_should_mask),
        ],
    )
