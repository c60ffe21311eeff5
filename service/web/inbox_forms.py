"""The owner's inbox: answering invitations and writing in conversations."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from service.web.actions import action, back, outcome, safe_next, to_login
from service.web.documents import run


@action
async def respond(request: Request, fields: dict[str, str]) -> Response:
    answer = fields.get("answer", "")
    there = safe_next(fields.get("next"))
    done = outcome(
        await run(
            request,
            "respond",
            invitation=str(request.path_params["id"]),
            accept=answer == "accept",
            block=answer == "block",
        ),
        "respondToInvitation",
    )
    if done["__typename"] == "NotAuthenticated":
        return to_login(request, there, "Log in to answer invitations.")
    if done["__typename"] != "InvitationAnswered":
        return back(request, there, done["message"], error=True, section="inbox")
    conversation = done.get("conversation")
    if conversation:
        return back(
            request,
            f"/conversations/{conversation['id']}",
            "You accepted; this conversation is open now.",
        )
    text = "Declined; the sender cannot invite you again." if answer == "block" else "Declined."
    return back(request, there, text, section="inbox")


@action
async def send_message(request: Request, fields: dict[str, str]) -> Response:
    cid = str(request.path_params["id"])
    there = f"/conversations/{cid}"
    done = outcome(
        await run(request, "send_message", conversation=cid, body=fields.get("body", "")),
        "sendMessage",
    )
    if done["__typename"] == "NotAuthenticated":
        return to_login(request, there, "Log in to write.")
    if done["__typename"] != "MessageSent":
        return back(request, there, done["message"], error=True)
    return back(request, there + "#latest", "Sent.")
