"""Delivering email verification codes through a pluggable sender.

Development and tests use `LoggingSender`, which logs the code and keeps it in `outbox` so a
test (or a developer reading the log) can complete the flow; production plugs in an SMTP or
API sender with the same `send` method.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Protocol

log = logging.getLogger(__name__)


class CodeSender(Protocol):
    async def send(self, email: str, code: str) -> None: ...


@dataclass
class Sent:
    email: str
    code: str


@dataclass
class LoggingSender:
    """Logs every code instead of mailing it; never use in production."""

    outbox: list[Sent] = field(default_factory=list)

    async def send(self, email: str, code: str) -> None:
        self.outbox.append(Sent(email, code))
        log.info("verification code for %s: %s", email, code)

    def last_code(self, email: str) -> str | None:
        found = [s.code for s in self.outbox if s.email == email]
        return found[-1] if found else None
