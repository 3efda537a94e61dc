"""A real SMTP server for the tests (aiosmtpd on loopback), with STARTTLS and a login, and a
certificate made for it that the test may choose to trust."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from holdmetight.domain.enums import MailSecurity

USER = "wijkteam"
PASSWORD = "geheim-wachtwoord"


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(IPv4Address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "server.pem", folder / "server.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@dataclass
class Received:
    """What the server took: one entry per message, with its envelope's recipients."""

    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # these recipients: 550, for good
    later: set[str] = field(default_factory=set)  # these recipients: 450, try again later
    sender_reply: str = ""  # a reply to MAIL FROM other than 250
    data_reply: str = ""  # a reply to the message's data other than 250


class _Handler:
    def __init__(self, received: Received) -> None:
        self.received = received

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.received.sender_reply:
            return self.received.sender_reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.received.refuse:
            return "550 5.1.1 mailbox unavailable"
        if address in self.received.later:
            return "450 4.2.0 greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.received.data_reply:
            return self.received.data_reply
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        self.received.messages.append((list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


def _login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USER.encode()
        and auth_data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(folder: Path) -> Iterator[tuple[int, Received, Path]]:
    """A server on loopback that requires STARTTLS before the login; yields its port, what it
    received and its certificate (to trust, or not)."""
    cert_file, key_file = make_certificate(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    received = Received()
    port = free_port()
    controller = Controller(
        _Handler(received),
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=_login,
        auth_required=True,
        auth_require_tls=True,
        ready_timeout=10,
    )
    controller.start()
    try:
        yield port, received, cert_file
    finally:
        controller.stop()


def use_mail_server(
    run: Callable[..., Any],
    *,
    host: str,
    port: int = 587,
    user: str = "",
    security: MailSecurity = MailSecurity.STARTTLS,
    reminders_on: bool = False,
    reminder_days: int = 2,
) -> Any:
    """Save the organisation's mail settings through ``run(service, **arguments)``: a session's
    way of calling a service, or the window's (``context.call``)."""
    from holdmetight.services import mail_server

    settings = run(mail_server.mail_settings)
    return run(
        mail_server.save_mail_settings,
        version=settings.version,
        host=host,
        port=port,
        security=security,
        user=user,
        sender_address="",
        reminders_on=reminders_on,
        reminder_days=reminder_days,
        window_left_mm=20,
        window_top_mm=50,
    )


def through(session: Any) -> Callable[..., Any]:
    """``run`` for :func:`use_mail_server` with a test's session."""
    return lambda service, **arguments: service(session, **arguments)
