"""Invitations and answers, decided by the domain without GraphQL."""

from __future__ import annotations

import pytest

from service import errors
from service.collaboration import invitations, preferences
from service.collaboration.records import Invitation
from service.collaboration.refusal import Refusal
from service.graph import Graph
from service.identity.accounts import User
from service.identity.clock import utc_now
from service.seed import SEED_RESEARCHER_ID
from service.settings import AuthSettings, Settings
from tests.collaboration.conftest import own, user


async def invite(
    graph: Graph, auth: AuthSettings, sender: User | None, topic: str = "DKD"
) -> Invitation | invitations.Pending | Refusal:
    return await invitations.invite(
        graph, auth, sender, SEED_RESEARCHER_ID, topic, "Shall we?", utc_now()
    )


async def test_who_may_invite_whom(graph: Graph, settings: Settings) -> None:
    auth = settings.auth
    owner, guest = await user(graph, settings, "owner"), await user(graph, settings, "guest")
    assert await invite(graph, auth, None) is Refusal.LOGIN
    assert await invite(graph, auth, guest) is Refusal.UNCLAIMED
    await own(graph, owner, SEED_RESEARCHER_ID)
    assert await invite(graph, auth, guest) is Refusal.CLOSED
    assert await preferences.set_preferences(graph, owner, SEED_RESEARCHER_ID, True, []) is None
    assert await invite(graph, auth, owner) is Refusal.SELF
    sent = await invite(graph, auth, guest)
    assert isinstance(sent, Invitation) and sent.status == "pending"
    again = await invite(graph, auth, guest)
    assert again == invitations.Pending(sent.id)
    missing = await invitations.invite(graph, auth, guest, "seed:nobody", "t", "m", utc_now())
    assert missing is Refusal.MISSING


async def test_the_daily_limit_and_the_text_bounds(graph: Graph, settings: Settings) -> None:
    owner, guest = await user(graph, settings, "owner"), await user(graph, settings, "guest")
    await own(graph, owner, SEED_RESEARCHER_ID)
    await preferences.set_preferences(graph, owner, SEED_RESEARCHER_ID, True, [])
    with pytest.raises(errors.Invalid) as caught:
        await invite(graph, settings.auth, guest, topic="  ")
    assert caught.value.field == "topic"
    none_a_day = settings.auth.model_copy(update={"invitations_per_day": 1})
    first = await invite(graph, none_a_day, guest)
    assert isinstance(first, Invitation)
    assert (await invitations.answer(graph, owner, first.id, False, False, utc_now())) is not None
    assert await invite(graph, none_a_day, guest) is Refusal.INVITATION_LIMIT
    assert Refusal.INVITATION_LIMIT.text(none_a_day) == "at most 1 invitations a day"
    assert Refusal.INVITATION_LIMIT.retry_after_s == 24 * 3600


async def test_only_the_recipient_answers_once(graph: Graph, settings: Settings) -> None:
    owner, guest = await user(graph, settings, "owner"), await user(graph, settings, "guest")
    await own(graph, owner, SEED_RESEARCHER_ID)
    await preferences.set_preferences(graph, owner, SEED_RESEARCHER_ID, True, [])
    sent = await invite(graph, settings.auth, guest)
    assert isinstance(sent, Invitation)
    now = utc_now()
    assert await invitations.answer(graph, None, sent.id, True, False, now) is Refusal.LOGIN
    assert (
        await invitations.answer(graph, guest, sent.id, True, False, now) is Refusal.NOT_RECIPIENT
    )
    assert await invitations.answer(graph, owner, "nope", True, False, now) is Refusal.MISSING
    done = await invitations.answer(graph, owner, sent.id, True, False, now)
    assert isinstance(done, invitations.Answered)
    assert done.invitation.status == "accepted" and done.conversation is not None
    assert [m.body for m in done.conversation.messages] == ["Shall we?"]
    assert await invitations.answer(graph, owner, sent.id, False, False, now) is Refusal.ANSWERED
    received = await invitations.of(graph, owner, received=True, status=None, first=10)
    assert [i.id for i in received] == [sent.id]
