"""The organisation's own mail server: its settings (in the database, shared by every PC), its
password (in each PC's credential store, never in the database or a file), and the server
given to a scheduled task as ``HOLDMETIGHT_SMTP`` (``smtp://user@host:587?starttls=1``)."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from sqlmodel import Session, select

from holdmetight.db import credentials
from holdmetight.domain.enums import MailSecurity
from holdmetight.domain.organisation import Organisation
from holdmetight.errors import NotFoundError, ValidationError
from holdmetight.i18n import _
from holdmetight.services import validation as check
from holdmetight.services.transaction import audit, read_only, unit_of_work

ENVIRONMENT = "HOLDMETIGHT_SMTP"
REMINDER_DAYS = (0, 14)  # the day itself up to two weeks before
WINDOW_LEFT_MM = (0, 150)
WINDOW_TOP_MM = (20, 200)


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    security: MailSecurity
    user: str

    @property
    def login_name(self) -> str:
        """How the password is named in the credential store: "smtp:user@host:port"."""
        return f"smtp:{self.user}@{self.host}:{self.port}"

    @property
    def is_set(self) -> bool:
        return bool(self.host)


@dataclass(frozen=True)
class MailSettings:
    server: MailServer
    sender_name: str  # the organisation
    sender_address: str  # where messages come from and answers go to
    reminders_on: bool
    reminder_days: int
    window_left_mm: int
    window_top_mm: int
    version: int


def _organisation(session: Session) -> Organisation:
    organisation = session.exec(select(Organisation)).first()
    if organisation is None:
        raise NotFoundError(_("Enter the organisation's details first."))
    return organisation


def settings_in(session: Session) -> MailSettings:
    o = _organisation(session)
    return MailSettings(
        server=MailServer(o.smtp_host, o.smtp_port, MailSecurity(o.smtp_security), o.smtp_user),
        sender_name=o.name,
        sender_address=o.mail_from or o.email,
        reminders_on=o.reminders_on,
        reminder_days=o.reminder_days,
        window_left_mm=o.letter_window_left_mm,
        window_top_mm=o.letter_window_top_mm,
        version=o.version,
    )


@read_only
def mail_settings(session: Session, /) -> MailSettings:
    return settings_in(session)


_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST_NAME = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*\.?$")


def checked_host(host: str) -> str:
    """A mail server's name ("smtp.example.nl") or IP address, or "" for none; anything else
    is refused saying what to leave out."""
    host = host.strip()
    if not host:
        return ""
    if "://" in host:
        raise ValidationError(
            _("Give only the server's name, without \u201c{scheme}\u201d.").format(
                scheme=host.split("://")[0] + "://"
            ),
            field="host",
        )
    if "@" in host:
        raise ValidationError(
            _("Give the user in its own field, and only the server's name here."), field="host"
        )
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host.strip("[]")
    except ValueError:
        pass
    if ":" in host and host.rsplit(":", 1)[1].isdigit():
        raise ValidationError(_("Give the port in its own field."), field="host")
    if len(host) > 200 or not _HOST_NAME.match(host):
        raise ValidationError(
            _("{host} is not a server name, like smtp.example.nl.").format(host=host[:60]),
            field="host",
        )
    return host


def _whole(value: int, low: int, high: int, *, field: str, label: str) -> int:
    return check.whole_number(value, field=field, label=label, minimum=low, maximum=high)


@unit_of_work
def save_mail_settings(
    session: Session,
    /,
    *,
    version: int,
    host: str,
    port: int,
    security: MailSecurity,
    user: str,
    sender_address: str,
    reminders_on: bool,
    reminder_days: int,
    window_left_mm: int,
    window_top_mm: int,
) -> MailSettings:
    """Change how the organisation's messages are sent and its letters laid out."""
    o = _organisation(session)
    check.check_version(o, version)
    host = checked_host(host)
    if user.strip() and MailSecurity(security) == MailSecurity.NONE:
        raise ValidationError(
            _(
                "A password goes to the mail server only over a protected connection: choose "
                "STARTTLS or SSL/TLS, or leave the user empty."
            ),
            field="security",
        )
    sender = check.email(sender_address, field="sender_address")
    if reminders_on and not host:
        raise ValidationError(
            _("Reminders are sent by e-mail: give the mail server first."), field="host"
        )
    if (host or reminders_on) and not (sender or o.email):
        raise ValidationError(
            _("Give the address messages come from (answers go there too)."),
            field="sender_address",
        )
    o.smtp_host = host
    o.smtp_port = _whole(port, 1, 65535, field="port", label=_("The port"))
    o.smtp_security = MailSecurity(security)
    o.smtp_user = user.strip()
    o.mail_from = sender
    o.reminders_on = bool(reminders_on)
    o.reminder_days = _whole(
        reminder_days, *REMINDER_DAYS, field="reminder_days", label=_("The days before a meeting")
    )
    o.letter_window_left_mm = _whole(
        window_left_mm, *WINDOW_LEFT_MM, field="window_left_mm", label=_("The window's left edge")
    )
    o.letter_window_top_mm = _whole(
        window_top_mm, *WINDOW_TOP_MM, field="window_top_mm", label=_("The window's top edge")
    )
    session.add(o)
    session.flush()
    audit(session, action="update", entity="organisation", entity_id=o.id, detail="mail")
    return settings_in(session)


def server_from_url(url: str) -> MailServer:
    """The server of ``HOLDMETIGHT_SMTP``: ``smtp://user@host:587?starttls=1`` (STARTTLS),
    ``smtps://user@host:465`` (SSL), ``smtp://host:25?starttls=0`` (none). A password in it is
    refused: it belongs in the credential store."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        parts, port = None, None
    if parts is None or parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValidationError(
            _(
                "{name} must look like smtp://user@host:587?starttls=1 (or smtps://user@host:465)."
            ).format(name=ENVIRONMENT),
            field=ENVIRONMENT,
        )
    if parts.password is not None:
        raise ValidationError(
            _(
                "{name} must not hold a password: keep it in the computer's credential store "
                "(Settings \u2192 Mail server in the window)."
            ).format(name=ENVIRONMENT),
            field=ENVIRONMENT,
        )
    query = parse_qs(parts.query)
    if parts.scheme == "smtps":
        security = MailSecurity.SSL
    elif query.get("starttls", ["1"])[-1] in ("0", "false", "no"):
        security = MailSecurity.NONE
    else:
        security = MailSecurity.STARTTLS
    default = 465 if security == MailSecurity.SSL else 587
    return MailServer(
        host=parts.hostname,
        port=port or default,
        security=security,
        user=unquote(parts.username or ""),
    )


def has_credential_store() -> bool:
    """Whether this PC can keep the password (else it is asked once per session)."""
    return credentials.has_credential_store()


def stored_password(server: MailServer) -> str | None:
    """The server's password from this PC's credential store (None: none stored, or no
    store)."""
    if not server.user:
        return None
    return credentials.stored_secret(server.login_name)


def keep_password(server: MailServer, password: str) -> bool:
    """Keep the password in this PC's credential store; False when there is none to use."""
    return credentials.store_secret(server.login_name, password)


def forget_password(server: MailServer) -> None:
    credentials.forget_secret(server.login_name)
