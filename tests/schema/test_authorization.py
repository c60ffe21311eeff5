"""The authorization matrix: every mutation and private field x anonymous, another user, the
record's owner and an admin, each with the result type it must get.

Per operation, a fresh world: the seed record claimed (by ORCID) and opened by `owner`, a
conversation between `owner` and `other`, a pending invitation from a third user, and an email
verification the owner started. Actors run in the order listed, the owner last, so one actor's
allowed write cannot change what an earlier one sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from service.seed import SEED_RESEARCHER_ID
from tests.conftest import SchemaRunner
from tests.schema.people import Person, person, set_orcid, verified_email

ORCID = "0000-0002-1825-0097"
ACTORS = ("anonymous", "other", "admin", "owner")


@dataclass
class World:
    people: dict[str, Person]
    claim_id: str
    invitation_id: str
    conversation_id: str
    verification_id: str
    code: str


async def run(gql: SchemaRunner, who: Person | None, document: str, **variables: Any) -> Any:
    result = await gql(document, as_token=who.token if who else None, **variables)
    assert result.errors is None, result.errors
    return result.data


async def build_world(gql: SchemaRunner) -> World:
    await set_orcid(gql, SEED_RESEARCHER_ID, ORCID)
    owner, other = await person(gql, "owner"), await person(gql, "other")
    admin, third = await person(gql, "admin", admin=True), await person(gql, "third")
    claimed = await run(
        gql,
        owner,
        """mutation($id: ID!, $orcid: String, $email: ID) { claimResearcher(researcherId: $id,
           evidence: {orcid: $orcid, emailVerificationId: $email}) {
             ... on ClaimSuccess { claim { id } } } }""",
        id=SEED_RESEARCHER_ID,
        orcid=ORCID,
        email=await verified_email(gql, owner),
    )
    await run(
        gql,
        owner,
        """mutation($id: ID!) { setCollaborationPreferences(researcherId: $id,
           openToCollaborate: true) { __typename } }""",
        id=SEED_RESEARCHER_ID,
    )
    invite = """mutation($id: ID!) { sendInvitation(researcherId: $id, topic: "t", message: "m")
                { ... on InvitationSent { invitation { id } } } }"""
    first = await run(gql, other, invite, id=SEED_RESEARCHER_ID)
    accepted = await run(
        gql,
        owner,
        """mutation($id: ID!) { respondToInvitation(invitationId: $id, accept: true) {
           ... on InvitationAnswered { conversation { id } } } }""",
        id=first["sendInvitation"]["invitation"]["id"],
    )
    pending = await run(gql, third, invite, id=SEED_RESEARCHER_ID)
    started = await run(
        gql,
        owner,
        """mutation { startEmailVerification(email: "owner@megvii.com") {
           ... on EmailVerificationStarted { verificationId } } }""",
    )
    code = gql.sender.last_code("owner@megvii.com")
    assert code is not None
    return World(
        people={"owner": owner, "other": other, "admin": admin},
        claim_id=claimed["claimResearcher"]["claim"]["id"],
        invitation_id=pending["sendInvitation"]["invitation"]["id"],
        conversation_id=accepted["respondToInvitation"]["conversation"]["id"],
        verification_id=started["startEmailVerification"]["verificationId"],
        code=code,
    )


R = SEED_RESEARCHER_ID


def w_claim(w: World) -> dict[str, Any]:
    return {"id": w.claim_id}


# name -> (document, variables from the world, expected __typename per actor)
MATRIX: dict[str, tuple[str, Any, dict[str, str]]] = {
    "followResearcher": (
        "mutation($id: ID!) { followResearcher(researcherId: $id) { __typename } }",
        lambda w: {"id": R},
        {
            "anonymous": "NotAuthenticated",
            "other": "FollowSuccess",
            "admin": "FollowSuccess",
            "owner": "FollowSuccess",
        },
    ),
    "unfollowResearcher": (
        "mutation($id: ID!) { unfollowResearcher(researcherId: $id) { __typename } }",
        lambda w: {"id": R},
        {
            "anonymous": "NotAuthenticated",
            "other": "FollowSuccess",
            "admin": "FollowSuccess",
            "owner": "FollowSuccess",
        },
    ),
    "claimResearcher": (
        """mutation($id: ID!) { claimResearcher(researcherId: $id,
           evidence: {orcid: "0000-0002-1825-0097"}) { __typename } }""",
        lambda w: {"id": R},
        # Nobody takes a record over with its public ORCID iD alone, admins included (with an
        # email too, others file disputes: tests/schema/test_claims.py).
        {
            "anonymous": "NotAuthenticated",
            "other": "EvidenceRejected",
            "admin": "EvidenceRejected",
            "owner": "EvidenceRejected",
        },
    ),
    "releaseClaim": (
        "mutation($id: ID!) { releaseClaim(researcherId: $id) { __typename } }",
        lambda w: {"id": R},
        {
            "anonymous": "NotAuthenticated",
            "other": "NotAllowed",
            "admin": "NotAllowed",
            "owner": "ClaimSuccess",
        },
    ),
    "vouchForClaim": (
        "mutation($id: ID!) { vouchForClaim(claimId: $id) { __typename } }",
        w_claim,
        # None of them owns a co-author's claimed record; the owner cannot vouch for themself.
        {
            "anonymous": "NotAuthenticated",
            "other": "NotAllowed",
            "admin": "NotAllowed",
            "owner": "NotAllowed",
        },
    ),
    "reviewClaim": (
        "mutation($id: ID!) { reviewClaim(claimId: $id, decision: APPROVE) { __typename } }",
        w_claim,
        {
            "anonymous": "NotAuthenticated",
            "other": "NotAllowed",
            "owner": "NotAllowed",
            "admin": "ClaimUpdated",
        },
    ),
    "setCollaborationPreferences": (
        """mutation($id: ID!) { setCollaborationPreferences(researcherId: $id,
           openToCollaborate: false) { __typename } }""",
        lambda w: {"id": R},
        {
            "anonymous": "NotAuthenticated",
            "other": "NotAllowed",
            "admin": "NotAllowed",
            "owner": "PreferencesSaved",
        },
    ),
    "sendInvitation": (
        """mutation($id: ID!) { sendInvitation(researcherId: $id, topic: "t2", message: "m") {
           __typename } }""",
        lambda w: {"id": R},
        {
            "anonymous": "NotAuthenticated",
            "other": "InvitationSent",
            "admin": "InvitationSent",
            "owner": "NotAllowed",
        },
    ),
    "respondToInvitation": (
        """mutation($id: ID!) { respondToInvitation(invitationId: $id, accept: true) {
           __typename } }""",
        lambda w: {"id": w.invitation_id},
        {
            "anonymous": "NotAuthenticated",
            "other": "NotAllowed",
            "admin": "NotAllowed",
            "owner": "InvitationAnswered",
        },
    ),
    "sendMessage": (
        'mutation($id: ID!) { sendMessage(conversationId: $id, body: "hi") { __typename } }',
        lambda w: {"id": w.conversation_id},
        {
            "anonymous": "NotAuthenticated",
            "admin": "NotAllowed",
            "other": "MessageSent",
            "owner": "MessageSent",
        },
    ),
    "startEmailVerification": (
        """mutation { startEmailVerification(email: "someone@megvii.com") { __typename } }""",
        lambda w: {},
        {
            "anonymous": "NotAuthenticated",
            "other": "EmailVerificationStarted",
            "admin": "EmailVerificationStarted",
            "owner": "EmailVerificationStarted",
        },
    ),
    "confirmEmailVerification": (
        """mutation($id: ID!, $code: String!) { confirmEmailVerification(verificationId: $id,
           code: $code) { __typename } }""",
        lambda w: {"id": w.verification_id, "code": w.code},
        {
            "anonymous": "NotAuthenticated",
            "other": "NotFound",
            "admin": "NotFound",
            "owner": "EmailVerified",
        },
    ),
    "logOut": (
        "mutation { logOut { __typename } }",
        lambda w: {},
        {
            "anonymous": "NotAuthenticated",
            "other": "LoggedOut",
            "admin": "LoggedOut",
            "owner": "LoggedOut",
        },
    ),
    "claimHistory": (
        "query($id: ID!) { claimHistory(researcherId: $id) { __typename } }",
        lambda w: {"id": R},
        {
            "anonymous": "NotAuthenticated",
            "other": "NotAllowed",
            "admin": "ClaimHistory",
            "owner": "ClaimHistory",
        },
    ),
    "claimsForReview": (
        "query { claimsForReview { __typename } }",
        lambda w: {},
        {
            "anonymous": "NotAuthenticated",
            "other": "NotAllowed",
            "owner": "NotAllowed",
            "admin": "ReviewQueue",
        },
    ),
    "conversation": (
        "query($id: ID!) { conversation(id: $id) { __typename } }",
        lambda w: {"id": w.conversation_id},
        {
            "anonymous": "NotAuthenticated",
            "admin": "NotAllowed",
            "other": "Conversation",
            "owner": "Conversation",
        },
    ),
}


@pytest.mark.parametrize("operation", sorted(MATRIX))
async def test_matrix(gql: SchemaRunner, operation: str) -> None:
    document, variables, expected = MATRIX[operation]
    world = await build_world(gql)
    got: dict[str, str] = {}
    for actor in expected:  # in the table's order: the allowed writer last
        data = await run(gql, world.people.get(actor), document, **variables(world))
        got[actor] = data[operation]["__typename"]
    assert got == expected
    assert set(expected) == set(ACTORS)


async def test_every_mutation_is_in_the_matrix(gql: SchemaRunner) -> None:
    mutation = gql.schema._schema.mutation_type
    assert mutation is not None
    public = {"signUp", "confirmSignUp", "logIn"}  # anyone may call them; see test_identity
    assert set(mutation.fields) - public == set(MATRIX) - {
        "claimHistory",
        "claimsForReview",
        "conversation",
    }


async def test_viewer_private_fields(gql: SchemaRunner) -> None:
    world = await build_world(gql)
    query = """query { viewer { id email
      following { totalCount } claims { id } invitations { id } conversations { id } } }"""
    assert (await run(gql, None, query))["viewer"] is None
    for actor in ("other", "admin", "owner"):
        me = world.people[actor]
        viewer = (await run(gql, me, query))["viewer"]
        # Each sees only their own: the owner holds the claim and the invitations to the record.
        assert viewer["id"] == me.id and viewer["email"] == me.email
        assert bool(viewer["claims"]) == (actor == "owner")
        assert bool(viewer["invitations"]) == (actor == "owner")
        assert bool(viewer["conversations"]) == (actor in ("owner", "other"))
