"""Direct collaboration: openness, invitations (limits, blocking, races), conversations."""

from __future__ import annotations

import asyncio
from typing import Any

from service.collaboration.refusal import Refusal
from service.seed import SEED_RESEARCHER_ID
from service.settings import Settings
from tests.conftest import SchemaRunner
from tests.schema.people import Person, count, person, verified_email

CLOSED, UNCLAIMED = Refusal.CLOSED.value, Refusal.UNCLAIMED.value

CLAIM = """mutation($id: ID!, $email: ID) {
  claimResearcher(researcherId: $id, evidence: {emailVerificationId: $email}) { __typename } }"""
PREFS = """mutation($id: ID!, $open: Boolean!, $interests: [String!]) {
  setCollaborationPreferences(researcherId: $id, openToCollaborate: $open, interests: $interests) {
    __typename
    ... on PreferencesSaved { researcher { openToCollaborate collaborationInterests } }
    ... on Problem { message }
  } }"""
INVITE = """mutation($id: ID!, $topic: String!, $message: String!) {
  sendInvitation(researcherId: $id, topic: $topic, message: $message) {
    __typename
    ... on InvitationSent { invitation { id status topic sender { id displayName } } }
    ... on AlreadyPending { invitationId }
    ... on ValidationError { field }
    ... on Problem { message }
  } }"""
ANSWER = """mutation($id: ID!, $accept: Boolean!, $block: Boolean! = false) {
  respondToInvitation(invitationId: $id, accept: $accept, blockSender: $block) {
    __typename
    ... on InvitationAnswered { invitation { status } conversation { id participants { id }
                                                                   messages { body } } }
    ... on Problem { message }
  } }"""
INBOX = """query($box: InvitationBox!) { viewer { invitations(box: $box) { id status topic } } }"""
SEND = """mutation($id: ID!, $body: String!) { sendMessage(conversationId: $id, body: $body) {
  __typename ... on MessageSent { message { body authorId } } } }"""
THREAD = """query($id: ID!) { conversation(id: $id) {
  __typename ... on Conversation { topic messages { body authorId } } } }"""
CONVERSATIONS = "query { viewer { conversations { id topic messages { body } } } }"


async def owned_and_open(gql: SchemaRunner) -> Person:
    owner = await person(gql, "borui")
    email = await verified_email(gql, owner)
    claimed = await gql(CLAIM, as_token=owner.token, id=SEED_RESEARCHER_ID, email=email)
    assert claimed.data["claimResearcher"]["__typename"] == "ClaimSuccess"
    opened = await gql(
        PREFS, as_token=owner.token, id=SEED_RESEARCHER_ID, open=True, interests=["distillation"]
    )
    assert opened.data["setCollaborationPreferences"] == {
        "__typename": "PreferencesSaved",
        "researcher": {"openToCollaborate": True, "collaborationInterests": ["distillation"]},
    }
    return owner


async def invite(gql: SchemaRunner, who: Person, topic: str = "KD") -> dict[str, Any]:
    result = await gql(
        INVITE, as_token=who.token, id=SEED_RESEARCHER_ID, topic=topic, message="Shall we?"
    )
    assert result.errors is None, result.errors
    data: dict[str, Any] = result.data["sendInvitation"]
    return data


async def test_unclaimed_and_closed_records_refuse_with_the_page_reason(gql: SchemaRunner) -> None:
    sender = await person(gql, "sender")
    unclaimed = await invite(gql, sender)
    assert unclaimed == {"__typename": "NotOpenToCollaborate", "message": UNCLAIMED}
    owner = await owned_and_open(gql)
    await gql(PREFS, as_token=owner.token, id=SEED_RESEARCHER_ID, open=False)
    closed = await invite(gql, sender)
    assert closed == {"__typename": "NotOpenToCollaborate", "message": CLOSED}
    own = await invite(gql, owner)
    assert own["__typename"] == "NotAllowed"


async def test_invite_accept_and_talk(gql: SchemaRunner) -> None:
    owner = await owned_and_open(gql)
    sender = await person(gql, "sender")
    sent = await invite(gql, sender)
    assert sent["__typename"] == "InvitationSent"
    assert sent["invitation"]["sender"] == {"id": sender.id, "displayName": "sender"}
    again = await invite(gql, sender, topic="another")
    assert again["__typename"] == "AlreadyPending"
    assert again["invitationId"] == sent["invitation"]["id"]
    inbox = await gql(INBOX, as_token=owner.token, box="RECEIVED")
    assert [i["id"] for i in inbox.data["viewer"]["invitations"]] == [sent["invitation"]["id"]]
    outbox = await gql(INBOX, as_token=sender.token, box="SENT")
    assert len(outbox.data["viewer"]["invitations"]) == 1
    by_sender = await gql(ANSWER, as_token=sender.token, id=sent["invitation"]["id"], accept=True)
    assert by_sender.data["respondToInvitation"]["__typename"] == "NotAllowed"
    answered = await gql(ANSWER, as_token=owner.token, id=sent["invitation"]["id"], accept=True)
    result = answered.data["respondToInvitation"]
    assert result["invitation"]["status"] == "ACCEPTED"
    conversation = result["conversation"]
    assert {p["id"] for p in conversation["participants"]} == {owner.id, sender.id}
    assert conversation["messages"] == [{"body": "Shall we?"}]
    twice = await gql(ANSWER, as_token=owner.token, id=sent["invitation"]["id"], accept=False)
    assert twice.data["respondToInvitation"]["__typename"] == "ValidationError"

    reply = await gql(SEND, as_token=owner.token, id=conversation["id"], body="Gladly.")
    assert reply.data["sendMessage"]["message"] == {"body": "Gladly.", "authorId": owner.id}
    thread = await gql(THREAD, as_token=sender.token, id=conversation["id"])
    assert [m["body"] for m in thread.data["conversation"]["messages"]] == ["Gladly.", "Shall we?"]
    listed = await gql(CONVERSATIONS, as_token=sender.token)
    assert listed.data["viewer"]["conversations"][0]["messages"] == [{"body": "Gladly."}]
    # Accepted, so no longer pending: a new invitation may follow.
    assert (await invite(gql, sender, topic="next"))["__typename"] == "InvitationSent"


async def test_declined_with_block_refuses_the_sender(gql: SchemaRunner) -> None:
    owner = await owned_and_open(gql)
    pest = await person(gql, "pest")
    sent = await invite(gql, pest)
    declined = await gql(
        ANSWER, as_token=owner.token, id=sent["invitation"]["id"], accept=False, block=True
    )
    assert declined.data["respondToInvitation"]["invitation"]["status"] == "DECLINED"
    assert declined.data["respondToInvitation"]["conversation"] is None
    refused = await invite(gql, pest)
    assert refused["__typename"] == "NotAllowed"


async def test_daily_limit_per_sender(gql: SchemaRunner) -> None:
    owner = await owned_and_open(gql)
    busy = await person(gql, "busy")
    limit = gql.settings.auth.invitations_per_day
    for i in range(limit):
        sent = await invite(gql, busy, topic=f"t{i}")
        assert sent["__typename"] == "InvitationSent"
        await gql(ANSWER, as_token=owner.token, id=sent["invitation"]["id"], accept=False)
    assert (await invite(gql, busy))["__typename"] == "RateLimited"


async def test_validation(gql: SchemaRunner) -> None:
    owner = await owned_and_open(gql)
    sender = await person(gql, "terse")
    empty = await gql(INVITE, as_token=sender.token, id=SEED_RESEARCHER_ID, topic=" ", message="x")
    assert empty.data["sendInvitation"]["field"] == "topic"
    many = await gql(
        PREFS,
        as_token=owner.token,
        id=SEED_RESEARCHER_ID,
        open=True,
        interests=[f"i{n}" for n in range(6)],
    )
    assert many.data["setCollaborationPreferences"]["__typename"] == "ValidationError"


async def test_concurrent_invitations_never_two_pending(gql: SchemaRunner) -> None:
    await owned_and_open(gql)
    sender = await person(gql, "eager")
    results = await asyncio.gather(*(invite(gql, sender, topic=f"t{i}") for i in range(20)))
    kinds = [r["__typename"] for r in results]
    assert kinds.count("InvitationSent") == 1
    assert kinds.count("AlreadyPending") == 19
    pending = await count(
        gql,
        "MATCH (i:Invitation {senderId: $sender, status: 'pending'}) RETURN count(i)",
        sender=sender.id,
    )
    assert pending == 1


async def test_release_closes_the_record(gql: SchemaRunner) -> None:
    owner = await owned_and_open(gql)
    await gql(
        "mutation($id: ID!) { releaseClaim(researcherId: $id) { __typename } }",
        as_token=owner.token,
        id=SEED_RESEARCHER_ID,
    )
    result = await gql(
        "query($id: ID!) { researcher(id: $id) { openToCollaborate collaborationInterests } }",
        id=SEED_RESEARCHER_ID,
    )
    assert result.data["researcher"] == {"openToCollaborate": False, "collaborationInterests": []}


async def test_messages_are_rate_limited(gql: SchemaRunner, settings: Settings) -> None:
    owner = await owned_and_open(gql)
    sender = await person(gql, "chatty")
    sent = await invite(gql, sender)
    answered = await gql(ANSWER, as_token=owner.token, id=sent["invitation"]["id"], accept=True)
    conversation = answered.data["respondToInvitation"]["conversation"]["id"]
    strict = SchemaRunner(
        gql.driver,
        settings.model_copy(
            update={"auth": settings.auth.model_copy(update={"messages_per_hour": 2})}
        ),
    )
    # The invitation's text already counts as the sender's first message this hour.
    first = await strict(SEND, as_token=sender.token, id=conversation, body="one")
    assert first.data["sendMessage"]["__typename"] == "MessageSent"
    second = await strict(SEND, as_token=sender.token, id=conversation, body="two")
    assert second.data["sendMessage"]["__typename"] == "RateLimited"
    reply = await strict(SEND, as_token=owner.token, id=conversation, body="still fine")
    assert reply.data["sendMessage"]["__typename"] == "MessageSent"


async def test_a_claim_and_an_invitation_name_their_researcher(gql: SchemaRunner) -> None:
    # Both types resolve `researcher` through the one shared resolver (record_researcher).
    owner = await owned_and_open(gql)
    await invite(gql, await person(gql, "asker"))
    mine = await gql(
        "{ viewer { claims { researcher { id claimed } }"
        " invitations(box: RECEIVED) { researcher { id openToCollaborate } } } }",
        as_token=owner.token,
    )
    assert mine.errors is None, mine.errors
    viewer = mine.data["viewer"]
    assert viewer["claims"] == [{"researcher": {"id": SEED_RESEARCHER_ID, "claimed": True}}]
    assert viewer["invitations"] == [
        {"researcher": {"id": SEED_RESEARCHER_ID, "openToCollaborate": True}}
    ]
