"""Rendering pages: the Jinja2 templates, the CSRF token every form carries, one-time notices
after a form posts, and asset URLs that change when the built file does.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from service.guards import CSRF_COOKIE, new_csrf_token

HERE = Path(__file__).parent
STATIC = HERE / "static"
NOTICE_COOKIE = "scholar_notice"
templates = Jinja2Templates(directory=HERE / "templates")


@cache
def _version(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.is_file() else "missing"


def asset(name: str) -> str:
    """`/static/<name>?v=<content hash>`, so browsers cache a file until it changes."""
    return f"/static/{name}?v={_version(STATIC / name)}"


def link(kind: str, id: str) -> str:
    """The page of a node of `kind` (RESEARCHER, PAPER, TOPIC, INSTITUTION)."""
    folder = {"RESEARCHER": "researchers", "PAPER": "papers", "TOPIC": "topics"}.get(
        kind, "institutions"
    )
    return f"/{folder}/{quote(id, safe=':/')}"


def doi_url(doi: str | None) -> str | None:
    if not doi:
        return None
    return doi if doi.startswith("http") else f"https://doi.org/{doi}"


templates.env.globals.update(asset=asset, link=link, doi_url=doi_url)
templates.env.filters["plural"] = lambda n, one, many=None: one if n == 1 else (many or one + "s")


def csrf_token(request: Request) -> str:
    """This browser's CSRF token: the cookie's, or a new one `render` will set."""
    token = request.cookies.get(CSRF_COOKIE) or request.state.__dict__.get("csrf")
    if not token:
        token = request.state.csrf = new_csrf_token()
    return str(token)


def notice(response: Response, text: str, *, error: bool = False, section: str = "") -> None:
    """Show `text` once on the next page (after the redirect that follows a form)."""
    value = json.dumps({"text": text[:500], "error": error, "section": section})
    response.set_cookie(NOTICE_COOKIE, quote(value), max_age=60, httponly=True, samesite="lax")


def _notice(request: Request) -> dict[str, Any] | None:
    raw = request.cookies.get(NOTICE_COOKIE)
    if not raw:
        return None
    try:
        found = json.loads(unquote(raw))
    except ValueError:
        return None
    return found if isinstance(found, dict) and isinstance(found.get("text"), str) else None


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    """The page, with the CSRF cookie set when the browser has none and a pending notice shown
    (and cleared)."""
    token = csrf_token(request)
    shown = _notice(request)
    response = templates.TemplateResponse(
        request,
        template,
        {"csrf": token, "notice": shown, **context},
        status_code=status_code,
    )
    settings = request.app.state.settings
    if request.cookies.get(CSRF_COOKIE) != token:
        # Readable by our scripts (they send it as X-CSRF-Token), never sent cross-site.
        response.set_cookie(
            CSRF_COOKIE,
            token,
            max_age=settings.auth.session_ttl_s,
            httponly=False,
            secure=settings.auth.cookie_secure,
            samesite="strict",
            path="/",
        )
    if shown is not None:
        response.delete_cookie(NOTICE_COOKIE)
    response.headers["Cache-Control"] = "no-store"
    return response
