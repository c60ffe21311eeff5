"""Sign up's two steps against the real graph: the same answer and time for any email, codes.

The GraphQL shape of both steps is tested in tests/schema/test_identity.py.
"""

from __future__ import annotations

import io
import time
from datetime import datetime, timedelta

import pytest

from service.graph import Graph
from service.identity import signup
from service.identity.clock import utc_now
from service.identity.mailer import ConsoleSender
from service.identity.throttle import Client
from service.settings import AuthSettings
from tests.conftest import SchemaRunner
from tests.schema.people import PASSWORD, count, person

HERE = Client("198.51.100.7")


async def start(
    graph: Graph,
    auth: AuthSettings,
    sender: ConsoleSender,
    email: str,
    now: datetime | None = None,
) -> signup.Started:
    return await signup.start(
        graph,
        auth,
        sender,
        email=email,
        password=PASSWORD,
        display_name="Ada",
        client=HERE,
        now=now or utc_now(),
    )


async def test_sign_up_takes_the_same_time_whether_or_not_the_email_has_an_account(
    gql: SchemaRunner,
) -> None:
    """Hashing dominates the answer (about 60 ms at this cost), and both cases hash."""
    await person(gql, "taken")
    graph = Graph(gql.driver, gql.settings.neo4j)
    auth = gql.settings.auth.model_copy(
        update={"argon2_time_cost": 2, "argon2_memory_kib": 32 * 1024, "sign_ups_per_client": 100}
    )
    sender = ConsoleSender(stream=io.StringIO())
    times: dict[str, list[float]] = {"taken": [], "new": []}
    for n in range(6):  # interleaved, so load on the machine falls on both alike
        for kind, email in (("taken", "taken@example.org"), ("new", f"new{n}@example.org")):
            began = time.perf_counter()
            await start(graph, auth, sender, email)
            times[kind].append(time.perf_counter() - began)
    taken, new = min(times["taken"]), min(times["new"])
    assert 0.5 < taken / new < 2, times
    assert len(sender.notices) == 6 and len(sender.outbox) == 6


async def test_only_a_new_email_gets_a_pending_sign_up(gql: SchemaRunner) -> None:
    await person(gql, "taken")
    graph = Graph(gql.driver, gql.settings.neo4j)
    sender = ConsoleSender(stream=io.StringIO())
    taken = await start(graph, gql.settings.auth, sender, "Taken@example.org")
    new = await start(graph, gql.settings.auth, sender, "new@example.org")
    assert (taken.email, new.email) == ("taken@example.org", "new@example.org")
    assert await count(gql, "MATCH (s:SignUp) RETURN count(s)") == 1
    assert await count(gql, "MATCH (s:SignUp {email: 'new@example.org'}) RETURN count(s)") == 1


async def test_an_expired_code_is_refused_and_its_sign_up_deleted(gql: SchemaRunner) -> None:
    graph = Graph(gql.driver, gql.settings.neo4j)
    auth = gql.settings.auth
    sender = ConsoleSender(stream=io.StringIO())
    past = utc_now() - timedelta(seconds=auth.email_code_ttl_s + 1)
    await start(graph, auth, sender, "slow@example.org", past)
    code = sender.last_code("slow@example.org")
    assert code is not None
    with pytest.raises(signup.WrongCode):
        await signup.confirm(
            graph,
            auth,
            email="slow@example.org",
            code=code,
            password=PASSWORD,
            client=HERE,
            now=utc_now(),
        )
    assert await count(gql, "MATCH (s:SignUp) RETURN count(s)") == 0
    assert await count(gql, "MATCH (u:User) RETURN count(u)") == 0


async def test_an_account_made_meanwhile_makes_the_code_wrong(gql: SchemaRunner) -> None:
    graph = Graph(gql.driver, gql.settings.neo4j)
    sender = ConsoleSender(stream=io.StringIO())
    await start(graph, gql.settings.auth, sender, "race@example.org")
    await person(gql, "race")
    code = sender.last_code("race@example.org")
    assert code is not None
    with pytest.raises(signup.WrongCode):
        await signup.confirm(
            graph, gql.settings.auth, email="race@example.org", code=code, password=PASSWORD,
            client=HERE, now=utc_now(),
        )  # fmt: skip
    assert await count(gql, "MATCH (u:User {email: 'race@example.org'}) RETURN count(u)") == 1


async def test_confirming_logs_in_and_makes_the_client_known(gql: SchemaRunner) -> None:
    graph = Graph(gql.driver, gql.settings.neo4j)
    sender = ConsoleSender(stream=io.StringIO())
    await start(graph, gql.settings.auth, sender, "ada@example.org")
    code = sender.last_code("ada@example.org")
    assert code is not None
    session = await signup.confirm(
        graph,
        gql.settings.auth,
        email="ada@example.org",
        code=code,
        password=PASSWORD,
        client=HERE,
        now=utc_now(),
    )
    assert session.user.email == "ada@example.org" and session.device
    assert await count(gql, "MATCH (s:SignUp) RETURN count(s)") == 0
    known = "MATCH (:User {email: 'ada@example.org'})-[:KNOWS]->(k:KnownClient) RETURN count(k)"
    assert await count(gql, known) == 2  # the device and the address


async def test_a_later_sign_up_cannot_set_the_owner_of_the_mailbox_s_password(
    gql: SchemaRunner,
) -> None:
    graph = Graph(gql.driver, gql.settings.neo4j)
    auth = gql.settings.auth
    sender = ConsoleSender(stream=io.StringIO())
    await start(graph, auth, sender, "victim@example.org")
    # Someone who cannot read the victim's mail signs up with the same address afterwards.
    await signup.start(
        graph,
        auth,
        sender,
        email="victim@example.org",
        password="the attacker's choice",
        display_name="Mallory",
        client=Client("203.0.113.9"),
        now=utc_now(),
    )
    newest = sender.last_code("victim@example.org")
    assert newest is not None
    # The victim confirms with the newest code and their own password: refused, nothing made.
    with pytest.raises(signup.WrongCode):
        await signup.confirm(
            graph, auth, email="victim@example.org", code=newest, password=PASSWORD,
            client=HERE, now=utc_now(),
        )  # fmt: skip
    assert await count(gql, "MATCH (u:User) RETURN count(u)") == 0
    # Signing up again starts clean; the victim's own password then confirms.
    await start(graph, auth, sender, "victim@example.org")
    code = sender.last_code("victim@example.org")
    assert code is not None
    session = await signup.confirm(
        graph, auth, email="victim@example.org", code=code, password=PASSWORD, client=HERE,
        now=utc_now(),
    )  # fmt: skip
    assert session.user.display_name == "Ada"
