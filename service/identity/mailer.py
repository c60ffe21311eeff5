"""Mail to people: verification codes and notices, on the console in development, SMTP otherwise.

`sender_for(settings)` is the one place the choice is made; it refuses a production service
that has no way to mail codes, since claims by email would then silently never work.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import Protocol, TextIO

import aiosmtplib

from service.settings import MailSettings, Settings


class CodeSender(Protocol):
    async def send(self, email: str, code: str, expires_at: datetime) -> None: ...

    async def send_notice(self, email: str, text: str) -> None:
        """A short message that carries no code (such as: this address already has an account)."""
        ...


class MailNotConfigured(ValueError):
    """The settings name no usable way to deliver codes; the message says what to set."""


@dataclass
class Sent:
    email: str
    code: str
    expires_at: datetime


@dataclass
class Notice:
    email: str
    text: str


@dataclass
class ConsoleSender:
    """Prints every code or notice as one line on the console instead of mailing it (development).

    The outbox and notices keep what was sent so in-process tests can complete the flow.
    """

    stream: TextIO | None = None
    outbox: list[Sent] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    async def send(self, email: str, code: str, expires_at: datetime) -> None:
        self.outbox.append(Sent(email, code, expires_at))
        expiry = expires_at.strftime("%Y-%m-%d %H:%M:%S UTC")
        print(
            f"[dev mail] verification code for {email}: {code} (expires {expiry})",
            file=self.stream or sys.stdout,
            flush=True,
        )

    async def send_notice(self, email: str, text: str) -> None:
        self.notices.append(Notice(email, text))
        print(f"[dev mail] notice for {email}: {text}", file=self.stream or sys.stdout, flush=True)

    def last_code(self, email: str) -> str | None:
        found = [s.code for s in self.outbox if s.email == email]
        return found[-1] if found else None


def message_for(
    settings: MailSettings, email: str, code: str, expires_at: datetime
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.from_address
    message["To"] = email
    message["Subject"] = f"Your verification code: {code}"
    expiry = expires_at.strftime("%Y-%m-%d %H:%M UTC")
    message.set_content(
        f"Your code to verify {email} is {code}.\n\n"
        f"It expires at {expiry}. If you did not ask for it, ignore this message.\n"
    )
    return message


def notice_for(settings: MailSettings, email: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.from_address
    message["To"] = email
    message["Subject"] = "About your account"
    message.set_content(f"{text}\n")
    return message


@dataclass
class SmtpSender:
    """Mails each code or notice through an SMTP server (`MAIL_SMTP_*`)."""

    settings: MailSettings

    async def send(self, email: str, code: str, expires_at: datetime) -> None:
        await self._mail(message_for(self.settings, email, code, expires_at))

    async def send_notice(self, email: str, text: str) -> None:
        await self._mail(notice_for(self.settings, email, text))

    async def _mail(self, message: EmailMessage) -> None:
        s = self.settings
        await aiosmtplib.send(
            message,
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_user or None,
            password=s.smtp_password.get_secret_value() or None,
            use_tls=s.smtp_security == "tls",
            start_tls=s.smtp_security == "starttls",
            timeout=s.smtp_timeout_s,
            cert_bundle=s.smtp_ca_file or None,
        )


def sender_for(settings: Settings) -> CodeSender:
    """The sender the settings ask for, or `MailNotConfigured` saying what is missing."""
    mail = settings.mail
    choice = mail.sender
    if choice is None:
        if settings.server.environment != "development":
            raise MailNotConfigured(
                "no way to mail verification codes: set MAIL_SENDER=smtp with MAIL_SMTP_HOST and "
                "MAIL_FROM_ADDRESS, or MAIL_SENDER=console to print codes on the console, or "
                "SERVER_ENVIRONMENT=development"
            )
        choice = "console"
    if choice == "console":
        return ConsoleSender()
    missing = [
        name
        for name, value in (
            ("MAIL_SMTP_HOST", mail.smtp_host),
            ("MAIL_FROM_ADDRESS", mail.from_address),
        )
        if not value
    ]
    if missing:
        raise MailNotConfigured(f"MAIL_SENDER=smtp needs {' and '.join(missing)}")
    return SmtpSender(mail)
