"""Conversations and openness, decided by the domain without GraphQL."""

from __future__ import annotations

import pytest

from service import errors
from service.collaboration import conversations, invitations, preferences
from service.collaboration.records import Invitation, Message
from service.collaboration.refusal import Refusal
from service.graph import Graph
from service.identity.clock import utc_now
from service.seed import SEED_RESEARCHER_ID
from service.settings import Settings
from tests.collaboration.conftest import own, user


async def test_only_participants_read_and_write(graph: Graph, settings: Settings) -> None:
    owner, guest = await user(graph, settings, "owner"), await user(graph, settings, "guest")
    outsider = await user(graph, settings, "outsider")
    await own(graph, owner, SEED_RESEARCHER_ID)
    await preferences.set_preferences(graph, owner, SEED_RESEARCHER_ID, True, [])
    sent = await invitations.invite(
        graph, settings.auth, guest, SEED_RESEARCHER_ID, "t", "hello", utc_now()
    )
    assert isinstance(sent, Invitation)
    done = await invitations.answer(graph, owner, sent.id, True, False, utc_now())
    assert isinstance(done, invitations.Answered) and done.conversation is not None
    cid = done.conversation.id
    auth, now = settings.auth, utc_now()
    assert await conversations.read(graph, outsider, cid, 10) is Refusal.NOT_PARTICIPANT
    assert await conversations.read(graph, None, cid, 10) is Refusal.LOGIN
    assert await conversations.read(graph, owner, "nope", 10) is Refusal.MISSING
    reply = await conversations.send(graph, auth, owner, cid, " thanks ", now)
    assert isinstance(reply, Message) and reply.body == "thanks"
    assert (
        await conversations.send(graph, auth, outsider, cid, "hi", now) is Refusal.NOT_PARTICIPANT
    )
    assert await conversations.send(graph, auth, owner, "nope", "hi", now) is Refusal.MISSING
    with pytest.raises(errors.Invalid):
        await conversations.send(graph, auth, owner, cid, "x" * 2001, now)
    one_an_hour = auth.model_copy(update={"messages_per_hour": 1})
    assert await conversations.send(graph, one_an_hour, owner, cid, "again", now) is (
        Refusal.MESSAGE_LIMIT
    )
    thread = await conversations.read(graph, guest, cid, 10)
    assert not isinstance(thread, Refusal)
    assert [m.body for m in thread.messages] == ["thanks", "hello"]
    assert [c.id for c in await conversations.of(graph, guest, 10)] == [cid]


async def test_only_the_owner_sets_openness(graph: Graph, settings: Settings) -> None:
    owner, guest = await user(graph, settings, "owner"), await user(graph, settings, "guest")
    await own(graph, owner, SEED_RESEARCHER_ID)
    set_ = preferences.set_preferences
    assert await set_(graph, None, SEED_RESEARCHER_ID, True, []) is Refusal.LOGIN
    assert await set_(graph, guest, SEED_RESEARCHER_ID, True, []) is Refusal.NOT_OWNER
    assert await set_(graph, owner, "seed:nobody", True, []) is Refusal.MISSING
    with pytest.raises(errors.Invalid) as caught:
        await set_(graph, owner, SEED_RESEARCHER_ID, True, ["a"] * 6)
    assert caught.value.field == "interests"
    assert await set_(graph, owner, SEED_RESEARCHER_ID, True, [" vision ", " "]) is None
