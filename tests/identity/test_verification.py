"""Email codes against the real graph: expiry, the wrong-guess limit, and the admin command."""

from __future__ import annotations

from datetime import timedelta

import pytest

from service.calls import identity
from service.graph import Graph
from service.identity import accounts, admin, verification
from service.identity.clock import utc_now
from service.identity.mailer import ConsoleSender
from service.settings import Settings
from tests.conftest import SchemaRunner
from tests.schema.people import person


async def user_of(gql: SchemaRunner, name: str) -> tuple[Graph, accounts.User]:
    me = await person(gql, name)
    graph = Graph(gql.driver, gql.settings.neo4j)
    user = await accounts.user_for_token(graph, me.token, utc_now())
    assert user is not None
    return graph, user


async def test_expired_code_is_refused(gql: SchemaRunner) -> None:
    graph, user = await user_of(gql, "slow")
    sender = ConsoleSender()
    auth = gql.settings.auth
    past = utc_now() - timedelta(seconds=auth.email_code_ttl_s + 60)
    started = await verification.start(graph, auth, sender, user, "slow@megvii.com", past)
    code = sender.last_code("slow@megvii.com")
    assert code is not None
    with pytest.raises(accounts.Refused, match="expired"):
        await verification.confirm(graph, auth, user, started.id, code, utc_now())


async def test_too_many_wrong_codes_lock_the_verification(gql: SchemaRunner) -> None:
    graph, user = await user_of(gql, "guesser")
    sender = ConsoleSender()
    auth = gql.settings.auth
    started = await verification.start(graph, auth, sender, user, "g@megvii.com", utc_now())
    code = sender.last_code("g@megvii.com")
    assert code is not None
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(auth.email_code_max_attempts):
        with pytest.raises(accounts.Refused, match="does not match"):
            await verification.confirm(graph, auth, user, started.id, wrong, utc_now())
    with pytest.raises(accounts.Refused, match="too many wrong codes"):
        await verification.confirm(graph, auth, user, started.id, code, utc_now())


async def test_admin_role_changes(gql: SchemaRunner, settings: Settings) -> None:
    await person(gql, "boss")
    assert await admin.change_role(settings, "boss@example.org", accounts.ADMIN)
    graph = Graph(gql.driver, gql.settings.neo4j)
    found = await identity.user_for_login(
        graph,
        email="boss@example.org",
        device=None,
        address="local",
        since=utc_now(),
    )
    assert found["user"] is not None
    assert found["user"]["role"] == accounts.ADMIN
    assert await admin.change_role(settings, "boss@example.org", "user")
    assert not await admin.change_role(settings, "nobody@example.org", accounts.ADMIN)


def test_admin_command_names_a_missing_account(settings: Settings) -> None:
    assert admin.main(["grant", "nobody@example.org"], settings) == 1
