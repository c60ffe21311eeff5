"""Test users: sign up through the real account code, optionally as admin, return their tokens."""

from __future__ import annotations

from dataclasses import dataclass

from service.graph import Graph
from service.identity import accounts
from service.identity.clock import utc_now
from tests.conftest import SchemaRunner

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Person:
    id: str
    email: str
    token: str


async def person(gql: SchemaRunner, name: str, *, admin: bool = False) -> Person:
    graph = Graph(gql.driver, gql.settings.neo4j)
    email = f"{name}@example.org"
    session = await accounts.sign_up(
        graph, gql.settings.auth, email=email, password=PASSWORD, display_name=name, now=utc_now()
    )
    if admin:
        assert await accounts.set_role(graph, email, accounts.ADMIN)
    return Person(id=session.user.id, email=email, token=session.token)
