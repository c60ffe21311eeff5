"""Claiming author records: evidence, the seed researcher's trust, disputes, review, races."""

from __future__ import annotations

import asyncio
from typing import Any

from service import trust
from service.seed import SEED_RESEARCHER_ID
from tests.conftest import SchemaRunner
from tests.schema.people import Person, count, person, set_orcid, verified_email

ORCID = "0000-0002-1825-0097"
CO_AUTHOR = "seed:renjie-song"
CO_AUTHOR_ORCID = "0000-0001-5109-3700"

CLAIM = """mutation($id: ID!, $orcid: String, $email: ID) {
  claimResearcher(researcherId: $id, evidence: {orcid: $orcid, emailVerificationId: $email}) {
    __typename
    ... on ClaimSuccess { claim { id status verificationLevel evidenceStrength
                                  evidence { kind detail points } }
                          researcher { id claimed trust { score label verificationLevel } } }
    ... on AlreadyClaimed { message disputeId ownedByViewer }
    ... on EvidenceRejected { message reasons }
    ... on NotAuthenticated { message }
    ... on NotFound { id }
  } }"""
RELEASE = """mutation($id: ID!) { releaseClaim(researcherId: $id) {
  __typename
  ... on ClaimSuccess { claim { status } researcher { claimed } }
  ... on Problem { message }
} }"""
TRUST = """query($id: ID!) { researcher(id: $id) { claimed trust {
  score label verificationLevel modelVersion
  signals { name value contribution explanation } } } }"""
HISTORY = """query($id: ID!) { claimHistory(researcherId: $id) {
  __typename
  ... on ClaimHistory { events { action decision actorId claimId evidence { kind detail } note } }
} }"""
REVIEW = """mutation($id: ID!, $decision: ReviewDecision!) {
  reviewClaim(claimId: $id, decision: $decision, note: "checked") {
    __typename ... on ClaimUpdated { claim { status verificationLevel reviewed } }
  } }"""
VOUCH = """mutation($id: ID!) { vouchForClaim(claimId: $id) {
  __typename ... on ClaimUpdated { claim { verificationLevel evidenceStrength } }
} }"""
VOUCHED_EVIDENCE = """mutation($id: ID!) { vouchForClaim(claimId: $id) {
  ... on ClaimUpdated { claim { evidence { kind detail points } } } } }"""
START = """mutation($email: String!) { startEmailVerification(email: $email) {
  __typename ... on EmailVerificationStarted { verificationId email }
  ... on RateLimited { retryAfterSeconds }
} }"""
CONFIRM = """mutation($id: ID!, $code: String!) { confirmEmailVerification(verificationId: $id,
  code: $code) { __typename ... on EvidenceRejected { message } } }"""


async def trust_of(gql: SchemaRunner, researcher_id: str) -> dict[str, Any]:
    result = await gql(TRUST, id=researcher_id)
    assert result.errors is None, result.errors
    data: dict[str, Any] = result.data["researcher"]
    signals = data["trust"]["signals"]
    assert data["trust"]["score"] == round(sum(s["contribution"] for s in signals))
    return data


async def claim(gql: SchemaRunner, who: Person | None, **variables: Any) -> dict[str, Any]:
    variables.setdefault("id", SEED_RESEARCHER_ID)
    result = await gql(CLAIM, as_token=who.token if who else None, **variables)
    assert result.errors is None, result.errors
    data: dict[str, Any] = result.data["claimResearcher"]
    return data


async def test_seed_claim_with_orcid_then_release(gql: SchemaRunner) -> None:
    await set_orcid(gql, SEED_RESEARCHER_ID, ORCID)
    before = await trust_of(gql, SEED_RESEARCHER_ID)
    assert before["claimed"] is False
    assert before["trust"]["score"] == 19
    assert before["trust"]["label"] == "Unverified"
    assert before["trust"]["verificationLevel"] == 1
    assert before["trust"]["modelVersion"] == trust.MODEL_VERSION

    borui = await person(gql, "borui")
    done = await claim(
        gql, borui, orcid=f"https://orcid.org/{ORCID}", email=await verified_email(gql, borui)
    )
    assert done["__typename"] == "ClaimSuccess"
    assert done["claim"]["status"] == "ACTIVE"
    assert done["claim"]["evidence"] == [
        {"kind": "orcid", "detail": ORCID, "points": 1},
        {"kind": "email", "detail": "borui@megvii.com", "points": 2},
    ]
    after = await trust_of(gql, SEED_RESEARCHER_ID)
    assert after["claimed"] is True
    assert after["trust"]["verificationLevel"] == 3
    assert after["trust"]["label"] == "Verified"
    assert after["trust"]["score"] > before["trust"]["score"]
    gained = {
        s["name"]: s["contribution"] - b["contribution"]
        for s, b in zip(after["trust"]["signals"], before["trust"]["signals"], strict=True)
        if s["contribution"] != b["contribution"]
    }
    assert gained == {"verification": 20.0, "claimed": 15.0, "evidence_strength": 6.0}
    assert after["trust"]["score"] == 19 + 41

    owns = "query($id: ID!) { researcher(id: $id) { viewerOwns } }"
    for who, expected in ((borui, True), (await person(gql, "fan"), False), (None, False)):
        seen = await gql(owns, as_token=who.token if who else None, id=SEED_RESEARCHER_ID)
        assert seen.data["researcher"]["viewerOwns"] is expected

    released = await gql(RELEASE, as_token=borui.token, id=SEED_RESEARCHER_ID)
    assert released.data["releaseClaim"] == {
        "__typename": "ClaimSuccess",
        "claim": {"status": "RELEASED"},
        "researcher": {"claimed": False},
    }
    assert await trust_of(gql, SEED_RESEARCHER_ID) == before
    history = await gql(HISTORY, as_token=borui.token, id=SEED_RESEARCHER_ID)
    # Released: the former owner no longer reads the record's history.
    assert history.data["claimHistory"]["__typename"] == "NotAllowed"


async def test_evidence_is_required_and_checked(gql: SchemaRunner) -> None:
    await set_orcid(gql, SEED_RESEARCHER_ID, ORCID)
    anonymous = await claim(gql, None, orcid=ORCID)
    assert anonymous["__typename"] == "NotAuthenticated"
    assert "log in" in anonymous["message"]
    someone = await person(gql, "someone")
    bare = await claim(gql, someone)
    assert bare["__typename"] == "EvidenceRejected"
    assert bare["reasons"] == [
        "a claim needs evidence: a verified email at one of the record's institutions"
    ]
    public = await claim(gql, someone, orcid=ORCID)
    assert public["__typename"] == "EvidenceRejected"  # an iD anyone can read proves nothing
    assert "only adds to a verified email" in public["reasons"][0]
    wrong = await claim(gql, someone, orcid="0000-0003-1415-9269")
    assert wrong["reasons"] == ["the ORCID iD does not match the record's"]
    garbage = await claim(gql, someone, orcid="0000-0002-1825-0098")
    assert garbage["reasons"] == ["orcid is not a valid ORCID iD"]
    none_on_record = await claim(gql, someone, id=CO_AUTHOR, orcid=ORCID)
    assert none_on_record["reasons"] == ["the record has no ORCID iD to compare with"]
    missing = await claim(gql, someone, id="seed:nobody", orcid=ORCID)
    assert missing == {"__typename": "NotFound", "id": "seed:nobody"}
    assert (await trust_of(gql, SEED_RESEARCHER_ID))["trust"]["score"] == 19


async def test_second_claim_is_a_dispute_and_admin_decides(gql: SchemaRunner) -> None:
    await set_orcid(gql, SEED_RESEARCHER_ID, ORCID)
    first, second = await person(gql, "first"), await person(gql, "second")
    admin = await person(gql, "admin", admin=True)
    assert (await claim(gql, first, orcid=ORCID, email=await verified_email(gql, first)))[
        "__typename"
    ] == "ClaimSuccess"
    again = await claim(gql, first, orcid=ORCID, email=await verified_email(gql, first))
    assert again == {
        "__typename": "AlreadyClaimed",
        "message": "you already own this record",
        "disputeId": None,
        "ownedByViewer": True,
    }
    dispute = await claim(gql, second, orcid=ORCID, email=await verified_email(gql, second))
    assert dispute["__typename"] == "AlreadyClaimed"
    assert dispute["ownedByViewer"] is False and dispute["disputeId"]
    repeat = await claim(gql, second, orcid=ORCID, email=await verified_email(gql, second))
    assert repeat["disputeId"] == dispute["disputeId"]
    queue = await gql(
        "query { claimsForReview { ... on ReviewQueue { claims { id status } } } }",
        as_token=admin.token,
    )
    assert {(c["id"], c["status"]) for c in queue.data["claimsForReview"]["claims"]} >= {
        (dispute["disputeId"], "DISPUTED")
    }
    approved = await gql(REVIEW, as_token=admin.token, id=dispute["disputeId"], decision="APPROVE")
    assert approved.data["reviewClaim"] == {
        "__typename": "ClaimUpdated",
        "claim": {"status": "ACTIVE", "verificationLevel": 4, "reviewed": True},
    }
    owners = await count(
        gql,
        "MATCH (u:User {id: $user})-[:CLAIMED]->(:Researcher {id: $id}) RETURN count(u)",
        user=second.id,
        id=SEED_RESEARCHER_ID,
    )
    assert owners == 1
    assert (await trust_of(gql, SEED_RESEARCHER_ID))["trust"]["label"] == "Reviewed"
    history = await gql(HISTORY, as_token=second.token, id=SEED_RESEARCHER_ID)
    events = history.data["claimHistory"]["events"]
    assert [(e["action"], e["decision"]) for e in events] == [
        ("review", "approve"),
        ("claim", "disputed"),
        ("claim", "active"),
    ]
    assert events[0]["actorId"] == admin.id and events[0]["note"] == "checked"
    # The new owner sees their own evidence, not the former owner's; an admin sees both.
    assert events[1]["evidence"] == [
        {"kind": "orcid", "detail": ORCID},
        {"kind": "email", "detail": "second@megvii.com"},
    ]
    assert events[2]["evidence"] == [
        {"kind": "orcid", "detail": ""},
        {"kind": "email", "detail": ""},
    ]
    as_admin = await gql(HISTORY, as_token=admin.token, id=SEED_RESEARCHER_ID)
    assert as_admin.data["claimHistory"]["events"][2]["evidence"][0]["detail"] == ORCID
    own = await claim(
        gql, admin, id=SEED_RESEARCHER_ID, orcid=ORCID, email=await verified_email(gql, admin)
    )
    assert own["__typename"] == "AlreadyClaimed"
    self_review = await gql(REVIEW, as_token=admin.token, id=own["disputeId"], decision="APPROVE")
    assert self_review.data["reviewClaim"]["__typename"] == "NotAllowed"
    closed = await gql(REVIEW, as_token=admin.token, id=dispute["disputeId"], decision="REJECT")
    assert closed.data["reviewClaim"]["__typename"] == "ClaimUpdated"
    assert closed.data["reviewClaim"]["claim"]["status"] == "REJECTED"
    assert (await trust_of(gql, SEED_RESEARCHER_ID))["claimed"] is False


async def test_a_dispute_author_can_claim_after_the_owner_releases(gql: SchemaRunner) -> None:
    await set_orcid(gql, SEED_RESEARCHER_ID, ORCID)
    first, second = await person(gql, "first"), await person(gql, "second")
    assert (await claim(gql, first, orcid=ORCID, email=await verified_email(gql, first)))[
        "__typename"
    ] == "ClaimSuccess"
    dispute = await claim(gql, second, orcid=ORCID, email=await verified_email(gql, second))
    assert dispute["__typename"] == "AlreadyClaimed"
    await gql(RELEASE, as_token=first.token, id=SEED_RESEARCHER_ID)
    taken = await claim(gql, second, orcid=ORCID, email=await verified_email(gql, second))
    assert taken["__typename"] == "ClaimSuccess"
    superseded = await count(
        gql,
        "MATCH (c:Claim {id: $id, status: 'superseded'}) RETURN count(c)",
        id=dispute["disputeId"],
    )
    assert superseded == 1


async def test_institutional_email_then_a_co_author_vouch(gql: SchemaRunner) -> None:
    colleague = await person(gql, "colleague")
    await set_orcid(gql, CO_AUTHOR, CO_AUTHOR_ORCID)
    assert (
        await claim(
            gql,
            colleague,
            id=CO_AUTHOR,
            orcid=CO_AUTHOR_ORCID,
            email=await verified_email(gql, colleague),
        )
    )["__typename"] == "ClaimSuccess"

    borui = await person(gql, "borui")
    started = await gql(START, as_token=borui.token, email="borui@megvii.com")
    verification = started.data["startEmailVerification"]["verificationId"]
    early = await claim(gql, borui, email=verification)
    assert early["reasons"] == ["the email address has not been verified with its code yet"]
    wrong = await gql(CONFIRM, as_token=borui.token, id=verification, code="not-it")
    assert wrong.data["confirmEmailVerification"]["__typename"] == "EvidenceRejected"
    code = gql.sender.last_code("borui@megvii.com")
    assert code is not None
    stolen = await gql(CONFIRM, as_token=colleague.token, id=verification, code=code)
    assert stolen.data["confirmEmailVerification"]["__typename"] == "NotFound"
    right = await gql(CONFIRM, as_token=borui.token, id=verification, code=code)
    assert right.data["confirmEmailVerification"]["__typename"] == "EmailVerified"

    done = await claim(gql, borui, email=verification)
    assert done["__typename"] == "ClaimSuccess"
    assert done["claim"]["evidenceStrength"] == 2
    assert done["researcher"]["trust"]["label"] == "Self-claimed"
    assert done["researcher"]["trust"]["verificationLevel"] == 2

    self_vouch = await gql(VOUCH, as_token=borui.token, id=done["claim"]["id"])
    assert self_vouch.data["vouchForClaim"]["__typename"] == "NotAllowed"
    stranger = await person(gql, "stranger")
    outsider = await gql(VOUCH, as_token=stranger.token, id=done["claim"]["id"])
    assert outsider.data["vouchForClaim"]["__typename"] == "NotAllowed"
    for _ in range(2):
        vouched = await gql(VOUCH, as_token=colleague.token, id=done["claim"]["id"])
        assert vouched.data["vouchForClaim"] == {
            "__typename": "ClaimUpdated",
            "claim": {"verificationLevel": 3, "evidenceStrength": 3},
        }
    assert (await trust_of(gql, SEED_RESEARCHER_ID))["trust"]["label"] == "Verified"
    # The voucher learns what kind of evidence there is, not the claimant's email address.
    seen = await gql(VOUCHED_EVIDENCE, as_token=colleague.token, id=done["claim"]["id"])
    assert seen.data["vouchForClaim"]["claim"]["evidence"] == [
        {"kind": "email", "detail": "", "points": 2}
    ]


async def test_email_outside_the_institutions_is_rejected(gql: SchemaRunner) -> None:
    user = await person(gql, "outsider")
    for address in ("me@gmail.com", "me@example.org"):
        started = await gql(START, as_token=user.token, email=address)
        verification = started.data["startEmailVerification"]["verificationId"]
        code = gql.sender.last_code(address)
        assert code is not None
        await gql(CONFIRM, as_token=user.token, id=verification, code=code)
        rejected = await claim(gql, user, email=verification)
        assert rejected["__typename"] == "EvidenceRejected"
        assert "institution" in rejected["reasons"][0]


async def test_email_codes_are_rate_limited(gql: SchemaRunner) -> None:
    user = await person(gql, "spammer")
    limit = gql.settings.auth.email_codes_per_hour
    for _ in range(limit):
        ok = await gql(START, as_token=user.token, email="x@megvii.com")
        assert ok.data["startEmailVerification"]["__typename"] == "EmailVerificationStarted"
    refused = await gql(START, as_token=user.token, email="x@megvii.com")
    assert refused.data["startEmailVerification"]["__typename"] == "RateLimited"


async def test_50_concurrent_claims_make_exactly_one_owner(gql: SchemaRunner) -> None:
    await set_orcid(gql, SEED_RESEARCHER_ID, ORCID)
    people = await asyncio.gather(*(person(gql, f"claimant{i}") for i in range(50)))
    emails = await asyncio.gather(*(verified_email(gql, p) for p in people))
    results = await asyncio.gather(
        *(claim(gql, p, orcid=ORCID, email=e) for p, e in zip(people, emails, strict=True))
    )
    kinds = [r["__typename"] for r in results]
    assert kinds.count("ClaimSuccess") == 1
    assert kinds.count("AlreadyClaimed") == 49
    assert all(r["disputeId"] for r in results if r["__typename"] == "AlreadyClaimed")
    owners = await count(
        gql,
        "MATCH (:User)-[c:CLAIMED]->(:Researcher {id: $id}) RETURN count(c)",
        id=SEED_RESEARCHER_ID,
    )
    assert owners == 1
    active = await count(
        gql,
        "MATCH (c:Claim {researcherId: $id, status: 'active'}) RETURN count(c)",
        id=SEED_RESEARCHER_ID,
    )
    assert active == 1


async def test_the_active_claim_is_public_and_co_authors_see_they_may_vouch(
    gql: SchemaRunner,
) -> None:
    public = """query($id: ID!) { researcher(id: $id) {
      activeClaim { id level vouches } viewerMayVouch } }"""
    colleague = await person(gql, "colleague")
    await set_orcid(gql, CO_AUTHOR, CO_AUTHOR_ORCID)
    await claim(
        gql,
        colleague,
        id=CO_AUTHOR,
        orcid=CO_AUTHOR_ORCID,
        email=await verified_email(gql, colleague),
    )
    borui = await person(gql, "borui")
    await set_orcid(gql, SEED_RESEARCHER_ID, ORCID)
    done = await claim(gql, borui, orcid=ORCID, email=await verified_email(gql, borui))
    claim_id = done["claim"]["id"]
    expected = {"id": claim_id, "level": 3, "vouches": 0}

    seen = {}
    for who in (None, borui.token, colleague.token):
        result = await gql(public, as_token=who, id=SEED_RESEARCHER_ID)
        assert result.errors is None, result.errors
        seen[who] = result.data["researcher"]
    assert all(s["activeClaim"] == expected for s in seen.values())
    # Only the co-author who owns a record may vouch; not the owner, not anonymous visitors.
    assert [s["viewerMayVouch"] for s in seen.values()] == [False, False, True]

    await gql(VOUCH, as_token=colleague.token, id=claim_id)
    after = await gql(public, as_token=colleague.token, id=SEED_RESEARCHER_ID)
    assert after.data["researcher"] == {
        "activeClaim": {"id": claim_id, "level": 3, "vouches": 1},
        "viewerMayVouch": False,  # already vouched
    }
