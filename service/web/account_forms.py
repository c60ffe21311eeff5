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


@page
async def sign_up_page(request: Request) -> Response:
    data = await run(request, "viewer")
    return render(
        request,
        "sign_up.html",
        {
            "viewer": data["viewer"],
            "next": safe_next(request.query_params.get("next")),
            "email": request.query_params.get("email", "")[:254]
            if "code" in request.url.path
            else "",
        },
    )


@action
async def sign_up(request: Request, fields: dict[str, str]) -> Response:
    there = safe_next(fields.get("next"))
    done = outcome(
        await run(
            request,
            "sign_up",
            email=fields.get("email", ""),
            password=fields.get("password", ""),
            name=fields.get("name", ""),
        ),
        "signUp",
    )
    if done["__typename"] != "SignUpStarted":
        return back(request, "/signup?" + urlencode({"next": there}), done["message"], error=True)
    return back(
        request,
        "/signup/code?" + urlencode({"email": done["email"], "next": there}),
        f"We sent a code to {done['email']}.",
    )


@action
async def confirm_sign_up(request: Request, fields: dict[str, str]) -> Response:
    there = safe_next(fields.get("next"))
    email = fields.get("email", "")
    cookies = Response()
    done = outcome(
        await run(
            request,
            "confirm_sign_up",
            response=cookies,
            email=email,
            code=fields.get("code", "").strip(),
            password=fields.get("password", ""),
        ),
        "confirmSignUp",
    )
    if done["__typename"] != "AuthPayload":
        again = "/signup/code?" + urlencode({"email": email, "next": there})
        return back(request, again, done["message"], error=True)
    name = done["viewer"]["displayName"]
    return copy_cookies(cookies, back(request, there, f"Welcome, {name}."))


@action
async def log_out(request: Request, fields: dict[str, str]) -> Response:
    cookies = Response()
    await run(request, "log_out", response=cookies)
    return copy_cookies(cookies, RedirectResponse("/", status_code=303))
