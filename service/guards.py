"""What a request passes before the app reads it: a body-size limit, and for `/graphql` a JSON
body and, when a browser's session cookie is what authenticates it, the CSRF header.

A cross-site page can make a browser send its cookies with a form or a `text/plain` POST, but it
cannot set a custom header or read our CSRF cookie; so a cookie-authenticated POST without
`X-CSRF-Token` equal to that cookie never acts. Bearer-token clients are not exposed to CSRF and
need no header. Only `application/json` bodies are accepted, so no cross-site "simple request"
reaches the GraphQL view at all.
"""

from __future__ import annotations

import hmac
import logging
import secrets

from starlette.datastructures import Headers
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)
CSRF_COOKIE = "scholar_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


def problem(status: int, code: str, message: str) -> JSONResponse:
    """A GraphQL-shaped error answer for requests refused before GraphQL reads them; a client
    error logs one line (a server error is logged, with its traceback, where it is caught)."""
    if status < 500:
        log.info("client error in the request: %s (%s)", message, code)
    return JSONResponse({"errors": [{"message": message, "extensions": {"code": code}}]}, status)


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413 before anything parses them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem(
            413, "PAYLOAD_TOO_LARGE", f"request body is larger than {self.max_bytes} bytes"
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


class GraphQLGuard:
    """POSTs to `path` must be JSON, and carry the CSRF header when a session cookie is what
    authenticates them."""

    def __init__(self, app: ASGIApp, path: str, session_cookie: str) -> None:
        self.app = app
        self.path = path
        self.session_cookie = session_cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == self.path and scope["method"] == "POST":
            refusal = self.refusal(HTTPConnection(scope))
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def refusal(self, request: HTTPConnection) -> JSONResponse | None:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            return problem(
                415, "UNSUPPORTED_MEDIA_TYPE", "send the GraphQL request as application/json"
            )
        bearer = request.headers.get("authorization", "").lower().startswith("bearer ")
        if request.cookies.get(self.session_cookie) and not bearer:
            expected = request.cookies.get(CSRF_COOKIE)
            if not csrf_matches(expected, request.headers.get(CSRF_HEADER)):
                return problem(
                    403,
                    "CSRF",
                    "a request authenticated by the session cookie must send the X-CSRF-Token "
                    "header with the value of the scholar_csrf cookie",
                )
        return None
