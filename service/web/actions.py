"""What the pages' forms do. Each POST checks the form's CSRF token and the request's origin,
runs one mutation document, and redirects back with a one-time notice; the page's script can
ask for JSON instead (`Accept: application/json`) to update in place.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from service.guards import CSRF_COOKIE, CSRF_FIELD, csrf_matches
from service.web.documents import DocumentFailed
from service.web.pages import error_page
from service.web.render import notice

MAX_FIELDS = 20


class Refused(Exception):
    """A form that failed the CSRF or origin check."""


def same_origin(request: Request) -> bool:
    """True unless the browser says the form came from another site."""
    origin = request.headers.get("origin")
    if origin is None:
        return True  # older browsers and non-browser clients; the CSRF token still decides
    return origin == f"{request.url.scheme}://{request.url.netloc}"


async def form(request: Request) -> dict[str, str]:
    fields = await request.form(max_files=0, max_fields=MAX_FIELDS)
    given = {k: v for k, v in fields.items() if isinstance(v, str)}
    if not same_origin(request) or not csrf_matches(
        request.cookies.get(CSRF_COOKIE), given.get(CSRF_FIELD)
    ):
        raise Refused
    return given


def safe_next(value: str | None, default: str = "/") -> str:
    """A path on this site to go back to; anything else (another host, `//x`) is not followed."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default


def profile(rid: str, section: str = "", **query: str) -> str:
    path = f"/researchers/{quote(rid, safe=':')}"
    if query:
        path += "?" + urlencode(query)
    return path + (f"#{section}" if section else "")


def back(
    request: Request, to: str, text: str, *, error: bool = False, section: str = "", **data: Any
) -> Response:
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"ok": not error, "message": text, **data}, 200 if not error else 400)
    response = RedirectResponse(to, status_code=303)
    notice(response, text, error=error, section=section)
    return response


def to_login(request: Request, next_path: str, text: str) -> Response:
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"ok": False, "message": text, "login": True}, 401)
    response = RedirectResponse("/login?" + urlencode({"next": next_path}), status_code=303)
    notice(response, text, error=True)
    return response


def action(handler: Any) -> Any:
    """Refuse forged forms with 403 and failed documents with their error page."""

    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request, await form(request))  # type: ignore[no-any-return]
        except Refused:
            return error_page(
                request, 403, "This form is out of date or came from another site; reload the "
                "page and send it again."
            )  # fmt: skip
        except DocumentFailed as exc:
            return error_page(request, exc.status, exc.message)

    return wrapped


def outcome(data: dict[str, Any], field: str) -> dict[str, Any]:
    found: dict[str, Any] = data[field]
    return found


def copy_cookies(source: Response, target: Response) -> Response:
    """Set-Cookie headers a mutation set on its sub-response (log in, log out)."""
    headers = MutableHeaders(raw=target.raw_headers)
    for key, value in source.raw_headers:
        if key.lower() == b"set-cookie":
            headers.append("set-cookie", value.decode("latin-1"))
    return target
