"""Test users: made through the real account code, optionally as admin, with their tokens.

`person` skips the mailed code of sign up (tests/identity/test_signup.py covers that flow) but
stores the account and opens the session exactly as confirming a sign-up does.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.graph import Graph
from service.identity import accounts, passwords
from service.identity.clock import utc_now
from service.settings import AuthSettings
from tests.conftest import SchemaRunner

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Person:
    id: str
    email: str
    token: str


async def account(graph: Graph, auth: AuthSettings, email: str, name: str) -> accounts.Session:
    """A stored account with an open session, as confirming a sign-up leaves them."""
    user = await accounts.create_account(
        graph,
        email=email,
        # Straight through the hasher: tests make fifty people at once, more than the service's
        # hashing queue takes (tests/identity/test_passwords.py covers that queue).
        password_hash=passwords.hasher(auth).hash(PASSWORD),
        display_name=name,
        now=utc_now(),
    )
    return await accounts.open_session(graph, auth, user, utc_now())


async def person(gql: SchemaRunner, name: str, *, admin: bool = False) -> Person:
    graph = Graph(gql.driver, gql.settings.neo4j)
    email = f"{name}@example.org"
    session = await account(graph, gql.settings.auth, email, name)
    if admin:
        assert await accounts.set_role(graph, email, accounts.ADMIN)
    return Person(id=session.user.id, email=email, token=session.token)


async def set_orcid(gql: SchemaRunner, researcher_id: str, orcid: str) -> None:
    """Give an imported record an ORCID iD (the seed has none) as an import from OpenAlex would."""
    async with gql.driver.session(database=gql.settings.neo4j.database) as session:
        await (
            await session.run(
                "MATCH (r:Researcher {id: $id}) SET r.orcid = $orcid", id=researcher_id, orcid=orcid
            )
        ).consume()


async def count(gql: SchemaRunner, cypher: str, **params: object) -> int:
    """One number from an ad-hoc read, to check the graph behind the API."""
    async with gql.driver.session(database=gql.settings.neo4j.database) as session:
        record = await (await session.run(cypher, params)).single()
    assert record is not None
    return int(record[0])


START = """mutation($email: String!) { startEmailVerification(email: $email) {
  ... on EmailVerificationStarted { verificationId } } }"""
CONFIRM = """mutation($id: ID!, $code: String!) { confirmEmailVerification(verificationId: $id,
  code: $code) { __typename } }"""


async def verified_email(gql: SchemaRunner, who: Person, address: str = "") -> str:
    """Prove an address at one of the seed's institutions (Megvii) with the code it got; the
    verification's id is the claim evidence (an ORCID iD alone is not enough)."""
    address = address or who.email.replace("@example.org", "@megvii.com")
    started = await gql(START, as_token=who.token, email=address)
    verification = str(started.data["startEmailVerification"]["verificationId"])
    code = gql.sender.last_code(address)
    assert code is not None
    confirmed = await gql(CONFIRM, as_token=who.token, id=verification, code=code)
    assert confirmed.data["confirmEmailVerification"]["__typename"] == "EmailVerified"
    return verification
