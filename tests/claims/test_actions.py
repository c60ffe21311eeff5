"""Claims decided by the domain without GraphQL: evidence needed, disputes, release, vouching,
review, and who sees what."""

from __future__ import annotations

import io

from service.claims import actions
from service.claims.records import Claim, Refusal, sees_details
from service.graph import Graph
from service.identity import accounts, verification
from service.identity.clock import utc_now
from service.identity.mailer import ConsoleSender
from service.seed import SEED_RESEARCHER_ID
from service.settings import Settings
from tests.collaboration.conftest import user

CO_AUTHOR = "seed:renjie-song"


async def verified(graph: Graph, settings: Settings, who: accounts.User, address: str) -> str:
    sender = ConsoleSender(stream=io.StringIO())
    started = await verification.start(graph, settings.auth, sender, who, address, utc_now())
    code = sender.last_code(address)
    assert code is not None
    await verification.confirm(graph, settings.auth, who, started.id, code, utc_now())
    return started.id


async def test_a_claim_needs_an_institutional_email(graph: Graph, settings: Settings) -> None:
    borui = await user(graph, settings, "borui")
    now = utc_now()
    assert await actions.claim(graph, None, SEED_RESEARCHER_ID, None, None, now) is Refusal.LOGIN
    rejected = await actions.claim(graph, borui, SEED_RESEARCHER_ID, None, None, now)
    assert isinstance(rejected, actions.Rejected)
    email = await verified(graph, settings, borui, "borui@megvii.com")
    assert await actions.claim(graph, borui, "seed:nobody", None, email, now) is Refusal.MISSING
    done = await actions.claim(graph, borui, SEED_RESEARCHER_ID, None, email, now)
    assert isinstance(done, Claim) and (done.status, done.level, done.strength) == ("active", 2, 2)
    assert await actions.claim(graph, borui, SEED_RESEARCHER_ID, None, email, now) == (
        actions.Taken(None)
    )


async def test_someone_else_disputes_and_only_admins_review(
    graph: Graph, settings: Settings
) -> None:
    owner, other = await user(graph, settings, "owner"), await user(graph, settings, "other")
    admin = await user(graph, settings, "admin")
    await accounts.set_role(graph, admin.email, accounts.ADMIN)
    admin = accounts.User(
        admin.id, admin.email, admin.display_name, accounts.ADMIN, admin.created_at
    )
    mine = await verified(graph, settings, owner, "owner@megvii.com")
    first = await actions.claim(graph, owner, SEED_RESEARCHER_ID, None, mine, utc_now())
    assert isinstance(first, Claim)
    theirs = await verified(graph, settings, other, "other@megvii.com")
    taken = await actions.claim(graph, other, SEED_RESEARCHER_ID, None, theirs, utc_now())
    assert isinstance(taken, actions.Taken) and taken.dispute is not None
    dispute = taken.dispute
    assert (
        await actions.review(graph, other, dispute.id, True, None, utc_now()) is Refusal.NOT_ADMIN
    )
    assert await actions.review(graph, admin, "nope", True, None, utc_now()) is Refusal.MISSING
    rejected = await actions.review(graph, admin, dispute.id, False, "no", utc_now())
    assert isinstance(rejected, Claim) and rejected.status == "rejected"
    assert await actions.review(graph, admin, dispute.id, True, None, utc_now()) is Refusal.CLOSED
    assert await actions.history(graph, other, SEED_RESEARCHER_ID, 10) is Refusal.HISTORY
    events = await actions.history(graph, owner, SEED_RESEARCHER_ID, 10)
    assert not isinstance(events, Refusal)
    assert [e.action for e in events] == ["review", "claim", "claim"]
    # The owner sees their own evidence in full, not the disputer's address.
    assert events[2].evidence[0].detail == "owner@megvii.com"
    assert events[1].evidence[0].detail == ""
    assert await actions.release(graph, other, SEED_RESEARCHER_ID, utc_now()) is Refusal.NOT_OWNER
    assert await actions.release(graph, owner, "seed:nobody", utc_now()) is Refusal.MISSING
    released = await actions.release(graph, owner, SEED_RESEARCHER_ID, utc_now())
    assert isinstance(released, Claim) and released.status == "released"


async def test_only_a_co_author_who_owns_a_record_vouches(graph: Graph, settings: Settings) -> None:
    borui, colleague = (
        await user(graph, settings, "borui"),
        await user(graph, settings, "colleague"),
    )
    stranger = await user(graph, settings, "stranger")
    now = utc_now()
    theirs = await verified(graph, settings, colleague, "colleague@megvii.com")
    assert isinstance(await actions.claim(graph, colleague, CO_AUTHOR, None, theirs, now), Claim)
    email = await verified(graph, settings, borui, "borui@megvii.com")
    done = await actions.claim(graph, borui, SEED_RESEARCHER_ID, None, email, now)
    assert isinstance(done, Claim)
    assert await actions.vouch(graph, borui, done.id, now) is Refusal.NO_VOUCH
    assert await actions.vouch(graph, stranger, done.id, now) is Refusal.NO_VOUCH
    assert await actions.vouch(graph, colleague, "nope", now) is Refusal.MISSING
    vouched = await actions.vouch(graph, colleague, done.id, now)
    assert isinstance(vouched, Claim) and (vouched.strength, vouched.level) == (3, 3)


def test_evidence_details_are_for_the_claimant_and_admins() -> None:
    now = utc_now()
    claimant = accounts.User("u1", "a@x.org", "A", "user", now)
    admin = accounts.User("u2", "b@x.org", "B", accounts.ADMIN, now)
    other = accounts.User("u3", "c@x.org", "C", "user", now)
    assert [sees_details(v, "u1") for v in (claimant, admin, other, None)] == [
        True,
        True,
        False,
        False,
    ]
