"""Verification codes reach people: a real SMTP server on loopback, the console in development."""

from __future__ import annotations

import email
import io
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from pydantic import SecretStr

from service.identity.mailer import (
    ConsoleSender,
    MailNotConfigured,
    SmtpSender,
    sender_for,
)
from service.settings import MailSettings, ServerSettings, Settings

EXPIRES = datetime(2026, 12, 1, 13, 30, tzinfo=UTC)


@dataclass
class Inbox:
    """What the SMTP server accepted, and the logins it saw."""

    messages: list[Message] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_DATA(  # noqa: N802 (the name aiosmtpd calls)
        self, server: Any, session: Session, envelope: Envelope
    ) -> str:
        assert isinstance(envelope.content, bytes)
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def authenticate(
        self, server: Any, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        # handled=False: the server answers 535 itself when the password is wrong.
        return AuthResult(success=auth_data.password == b"mail-secret", handled=False)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with openssl."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def smtp(certificate: tuple[Path, Path]) -> Iterator[tuple[Inbox, int]]:
    """An SMTP server on a free loopback port that requires STARTTLS and a password."""
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    with socket.socket() as probe:  # a free port: the controller checks it can connect to it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=inbox.authenticate,
        auth_required=True,
    )
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def mail_settings(port: int, ca: Path, password: str = "mail-secret") -> MailSettings:  # noqa: S107
    return MailSettings(
        sender="smtp",
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security="starttls",
        smtp_user="scholar",
        smtp_password=SecretStr(password),
        smtp_ca_file=str(ca),
        from_address="codes@scholar.example",
    )


async def test_smtp_sender_mails_the_code_over_starttls(
    smtp: tuple[Inbox, int], certificate: tuple[Path, Path]
) -> None:
    inbox, port = smtp
    await SmtpSender(mail_settings(port, certificate[0])).send("ada@uni.edu", "424242", EXPIRES)
    assert inbox.logins == [("scholar", "mail-secret")]
    [message] = inbox.messages
    assert message["To"] == "ada@uni.edu"
    assert message["From"] == "codes@scholar.example"
    assert "424242" in message["Subject"]
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert b"424242" in body and b"2026-12-01 13:30 UTC" in body


async def test_smtp_sender_mails_a_notice(
    smtp: tuple[Inbox, int], certificate: tuple[Path, Path]
) -> None:
    inbox, port = smtp
    sender = SmtpSender(mail_settings(port, certificate[0]))
    await sender.send_notice("ada@uni.edu", "This address already has an account.")
    [message] = inbox.messages
    assert message["To"] == "ada@uni.edu"
    assert message["From"] == "codes@scholar.example"
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert b"This address already has an account." in body


async def test_smtp_sender_reports_a_refused_login(
    smtp: tuple[Inbox, int], certificate: tuple[Path, Path]
) -> None:
    inbox, port = smtp
    with pytest.raises(Exception, match="535"):
        await SmtpSender(mail_settings(port, certificate[0], "wrong")).send(
            "ada@uni.edu", "1", EXPIRES
        )
    assert inbox.messages == []


async def test_console_sender_prints_one_line() -> None:
    out = io.StringIO()
    sender = ConsoleSender(stream=out)
    await sender.send("ada@uni.edu", "123456", EXPIRES)
    assert out.getvalue() == (
        "[dev mail] verification code for ada@uni.edu: 123456 (expires 2026-12-01 13:30:00 UTC)\n"
    )
    assert sender.last_code("ada@uni.edu") == "123456"


async def test_console_sender_prints_a_notice_as_one_line() -> None:
    out = io.StringIO()
    sender = ConsoleSender(stream=out)
    await sender.send_notice("ada@uni.edu", "This address already has an account.")
    assert out.getvalue() == (
        "[dev mail] notice for ada@uni.edu: This address already has an account.\n"
    )
    assert [(n.email, n.text) for n in sender.notices] == [
        ("ada@uni.edu", "This address already has an account.")
    ]
    assert sender.last_code("ada@uni.edu") is None


def test_production_refuses_to_start_without_mail() -> None:
    with pytest.raises(MailNotConfigured, match="MAIL_SENDER=smtp"):
        sender_for(Settings(server=ServerSettings(environment="production")))


def test_smtp_needs_a_host_and_a_from_address() -> None:
    with pytest.raises(MailNotConfigured, match="MAIL_SMTP_HOST and MAIL_FROM_ADDRESS"):
        sender_for(Settings(mail=MailSettings(sender="smtp")))


def test_development_and_an_explicit_console_print_codes() -> None:
    dev = Settings(server=ServerSettings(environment="development"))
    assert isinstance(sender_for(dev), ConsoleSender)
    told = Settings(mail=MailSettings(sender="console"))
    assert isinstance(sender_for(told), ConsoleSender)
    smtp = Settings(mail=MailSettings(sender="smtp", smtp_host="h", from_address="a@b.org"))
    assert isinstance(sender_for(smtp), SmtpSender)
