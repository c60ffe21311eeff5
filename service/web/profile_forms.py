"""The profile page's forms: follow, claim (institutional email and its code, with an optional
ORCID iD), release, vouch, collaboration settings and invitations."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from service.schema.context import context_for
from service.web.actions import action, back, outcome, profile, to_login
from service.web.documents import run

AUTH = "NotAuthenticated"


def _rid(request: Request) -> str:
    return str(request.path_params["id"])


async def _follow(request: Request, name: str, field: str) -> Response:
    rid = _rid(request)
    done = outcome(await run(request, name, id=rid), field)
    if done["__typename"] == AUTH:
        return to_login(request, profile(rid, "actions"), "Log in to follow researchers.")
    if done["__typename"] != "FollowSuccess":
        return back(request, profile(rid, "actions"), done["message"], error=True)
    following = done["following"]
    return back(
        request,
        profile(rid, "actions"),
        "You follow this researcher." if following else "You no longer follow this researcher.",
        section="actions",
        following=following,
        followers=done["researcher"]["counts"]["followers"],
    )


@action
async def follow(request: Request, fields: dict[str, str]) -> Response:
    return await _follow(request, "follow", "followResearcher")


@action
async def unfollow(request: Request, fields: dict[str, str]) -> Response:
    return await _follow(request, "unfollow", "unfollowResearcher")


def _claimed(request: Request, rid: str, done: dict[str, Any]) -> Response:
    kind = done["__typename"]
    if kind == AUTH:
        return to_login(request, profile(rid, "claim"), "Log in to claim this record.")
    if kind == "ClaimSuccess":
        return back(request, profile(rid, "claim"), "The record is yours.", section="claim")
    if kind == "EvidenceRejected":
        reasons = done.get("reasons") or []
        text = str(done["message"]) + (": " + "; ".join(map(str, reasons)) if reasons else "")
        return back(request, profile(rid, "claim"), text, error=True, section="claim")
    return back(request, profile(rid, "claim"), str(done["message"]), error=True, section="claim")


@action
async def claim_email_start(request: Request, fields: dict[str, str]) -> Response:
    rid = _rid(request)
    email = fields.get("email", "")
    done = outcome(await run(request, "start_email", email=email), "startEmailVerification")
    if done["__typename"] == AUTH:
        return to_login(request, profile(rid, "claim"), "Log in to claim this record.")
    if done["__typename"] != "EmailVerificationStarted":
        return back(request, profile(rid, "claim"), done["message"], error=True, section="claim")
    return back(
        request,
        profile(rid, "claim", verification=done["verificationId"], email=done["email"]),
        f"We sent a code to {done['email']}; enter it below to finish the claim.",
        section="claim",
    )


@action
async def claim_email_code(request: Request, fields: dict[str, str]) -> Response:
    rid = _rid(request)
    verification = fields.get("verification", "")
    step = profile(rid, "claim", verification=verification, email=fields.get("email", ""))
    context = context_for(request)
    checked = outcome(
        await run(
            request,
            "confirm_email",
            context=context,
            verification=verification,
            code=fields.get("code", "").strip(),
        ),
        "confirmEmailVerification",
    )
    if checked["__typename"] == AUTH:
        return to_login(request, step, "Log in to claim this record.")
    if checked["__typename"] != "EmailVerified":
        return back(request, step, checked["message"], error=True, section="claim")
    orcid = fields.get("orcid", "").strip() or None
    done = outcome(
        await run(
            request, "claim", context=context, id=rid, verification=verification, orcid=orcid
        ),
        "claimResearcher",
    )
    return _claimed(request, rid, done)


@action
async def release(request: Request, fields: dict[str, str]) -> Response:
    rid = _rid(request)
    done = outcome(await run(request, "release", id=rid), "releaseClaim")
    if done["__typename"] == "ClaimSuccess":
        return back(request, profile(rid, "claim"), "You released the record.", section="claim")
    return back(request, profile(rid, "claim"), done["message"], error=True, section="claim")


@action
async def vouch(request: Request, fields: dict[str, str]) -> Response:
    rid = _rid(request)
    done = outcome(await run(request, "vouch", claim=fields.get("claim", "")), "vouchForClaim")
    if done["__typename"] == "ClaimUpdated":
        return back(request, profile(rid, "claim"), "Thank you for vouching.", section="claim")
    return back(request, profile(rid, "claim"), done["message"], error=True, section="claim")


@action
async def preferences(request: Request, fields: dict[str, str]) -> Response:
    rid = _rid(request)
    interests = [i.strip() for i in fields.get("interests", "").split(",") if i.strip()]
    done = outcome(
        await run(
            request, "preferences", id=rid, open=fields.get("open") == "on", interests=interests
        ),
        "setCollaborationPreferences",
    )
    if done["__typename"] == "PreferencesSaved":
        return back(
            request, profile(rid, "collaboration"), "Settings saved.", section="collaboration"
        )
    return back(
        request, profile(rid, "collaboration"), done["message"], error=True, section="collaboration"
    )


@action
async def invite(request: Request, fields: dict[str, str]) -> Response:
    rid = _rid(request)
    done = outcome(
        await run(
            request,
            "invite",
            id=rid,
            topic=fields.get("topic", ""),
            message=fields.get("message", ""),
        ),
        "sendInvitation",
    )
    if done["__typename"] == AUTH:
        return to_login(request, profile(rid, "collaboration"), "Log in to send invitations.")
    if done["__typename"] == "InvitationSent":
        return back(
            request,
            profile(rid, "collaboration"),
            "Invitation sent. You will find the conversation in your inbox once it is accepted.",
            section="collaboration",
        )
    return back(
        request, profile(rid, "collaboration"), done["message"], error=True, section="collaboration"
    )
