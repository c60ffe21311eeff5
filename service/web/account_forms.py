"""Log in, sign up and log out: the pages and their forms, on the API's cookie session."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from service.web.actions import action, back, copy_cookies, outcome, safe_next
from service.web.documents import run
from service.web.pages import page
from service.web.render import render


@page
async def log_in_page(request: Request) -> Response:
    data = await run(request, "viewer")
    return render(
        request,
        "log_in.html",
        {"viewer": data["viewer"], "next": safe_next(request.query_params.get("next"))},
    )


@action
async def log_in(request: Request, fields: dict[str, str]) -> Response:
    there = safe_next(fields.get("next"))
    cookies = Response()
    done = outcome(
        await run(
            request,
            "log_in",
            response=cookies,
            email=fields.get("email", ""),
            password=fields.get("password", ""),
        ),
        "logIn",
    )
    if done["__typename"] != "AuthPayload":
        return back(request, "/login?" + urlencode({"next": there}), done["message"], error=True)
    name = done["viewer"]["displayName"]
    return copy_cookies(cookies, back(request, there, f"Welcome back, {name}."))


@action
async def log_out(request: Request, fields: dict[str, str]) -> Response:
    cookies = Response()
    await run(request, "log_out", response=cookies)
    return copy_cookies(cookies, RedirectResponse("/", status_code=303))
