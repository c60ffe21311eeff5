"""A request id on every log line a request causes, uvicorn's access line included, and on its
answer as `X-Request-Id`.

The id is the caller's `X-Request-Id` when it is a plain token (a gateway's, to follow a request
across services), else a new random one. It lives in a context variable: tasks the request
starts copy it, and uvicorn writes its access line from inside the app's `send`, so that line
carries it too. Lines outside any request (start-up, the Neo4j probe) carry "-".
"""

from __future__ import annotations

import logging
import re
import secrets
from contextvars import ContextVar

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Request-Id"
NONE = "-"
# Plain tokens only: the id is written into log lines, so no spaces, quotes or line breaks.
_ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{1,64}")
current: ContextVar[str] = ContextVar("request_id", default=NONE)


class RequestIds:
    """Gives each HTTP request its id for the length of its handling."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get(HEADER, "")
        request_id = given if _ACCEPTED.fullmatch(given) else secrets.token_hex(8)

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                MutableHeaders(scope=message)[HEADER] = request_id
            await send(message)

        token = current.set(request_id)
        try:
            await self.app(scope, receive, tagged)
        finally:
            current.reset(token)


class WithRequestId(logging.Filter):
    """Adds `request_id` to every record a handler writes."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current.get()
        return True
