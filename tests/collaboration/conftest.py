"""Domain-level fixtures: users made by the account code, records owned through the claim
query, all on the real graph and without GraphQL."""

from __future__ import annotations

import json

from service.calls import claims
from service.graph import Graph
from service.identity import accounts, tokens
from service.identity.clock import utc_now
from service.settings import Settings
from tests.schema.people import account


async def user(graph: Graph, settings: Settings, name: str) -> accounts.User:
    return (await account(graph, settings.auth, f"{name}@example.org", name)).user


async def own(graph: Graph, owner: accounts.User, researcher_id: str) -> None:
    """Make `owner` the record's owner, as an accepted claim would."""
    await claims.claim(
        graph,
        researcherId=researcher_id,
        userId=owner.id,
        claimId=tokens.new_id("claim"),
        auditId=tokens.new_id("audit"),
        evidence=json.dumps([{"kind": "orcid", "orcid": "x", "points": 3}]),
        strength=3,
        level=3,
        now=utc_now(),
    )
