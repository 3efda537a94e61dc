"""Sending the e-mails of the log through the organisation's mail server.

A message is claimed first (waiting → being sent, in a transaction of its own, so that no other
PC sends it too), then handed to the server, then marked sent or not sent with the server's
answer. A server that cannot be reached, or whose login or certificate fails, sends nothing:
the messages wait for the next attempt. A recipient the server refuses for good is marked not
sent and the others still go; a refusal for now (4xx) waits for the next attempt. A message
that no longer applies when its turn comes (see ``message_log.no_longer_applies``) is not sent.
The attachments (a course's calendar, a meeting's handout) are made by the caller, which knows
how to render documents.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import format_datetime, make_msgid
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from holdmetight.domain.base import utc_now
from holdmetight.domain.enums import Language, MessageChannel, MessageKind, MessageStatus
from holdmetight.domain.messages import Message
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import N_, _
from holdmetight.progress import Progress, no_progress
from holdmetight.services.mail_server import MailServer, settings_in
from holdmetight.services.message_log import no_longer_applies
from holdmetight.services.transaction import read_only, unit_of_work

if TYPE_CHECKING:
    from holdmetight.db.database import Database

# How the sender runs each of its transactions: ``call(service, **arguments)``. The window
# passes its operation path (``AppContext.call``), so that what sending changed is announced
# to the views; the command line passes :func:`on`.
Call = Callable[..., Any]


def on(database: Database) -> Call:
    """``Call`` for a database without a window: each service call one operation."""
    from holdmetight.services.changes import perform

    return lambda service, **arguments: perform(database, service, **arguments)[0]


TIMEOUT = 30  # seconds to wait for the mail server
NO_SERVER = N_("There is no mail server yet: enter it under Settings \u2192 Mail server.")


class MailError(HoldMeTightError):
    """The mail server could not be used: nothing was sent, the messages still wait."""


@dataclass(frozen=True)
class Outgoing:
    """A message claimed for sending."""

    id: int
    couple_id: int
    course_id: int | None
    group_session_id: int | None
    kind: MessageKind
    language: Language
    recipient: str
    subject: str
    body: str
    attachments: tuple[str, ...]


@dataclass(frozen=True)
class Attachment:
    name: str
    maintype: str
    subtype: str
    data: bytes


@dataclass(frozen=True)
class Sent:
    """What one run did: how many went, how many the server refused, how many still wait."""

    sent: int = 0
    failed: int = 0
    waiting: int = 0


Attach = Callable[[Outgoing], Sequence[Attachment]]


def no_attachments(_message: Outgoing) -> Sequence[Attachment]:
    return ()


@unit_of_work
def _claim(session: Session, /, *, ids: Sequence[int] | None) -> list[Outgoing]:
    query = select(Message).where(
        Message.status == MessageStatus.QUEUED, Message.channel == MessageChannel.EMAIL
    )
    if ids is not None:
        query = query.where(col(Message.id).in_(list(ids)))
    claimed = []
    for m in session.exec(query.order_by(col(Message.id))):
        reason = no_longer_applies(session, m)
        if reason is not None:
            m.status = MessageStatus.WITHDRAWN
            m.error = reason[:1000]
            session.add(m)
            continue
        m.status = MessageStatus.SENDING
        session.add(m)
        claimed.append(
            Outgoing(
                id=m.id or 0,
                couple_id=m.couple_id,
                course_id=m.course_id,
                group_session_id=m.group_session_id,
                kind=MessageKind(m.kind),
                language=Language(m.language),
                recipient=m.recipient,
                subject=m.subject,
                body=m.body,
                attachments=tuple(a for a in m.attachments.split("\n") if a),
            )
        )
    session.flush()
    return claimed


@unit_of_work
def _write_status(
    session: Session, /, *, message_id: int, status: MessageStatus, error: str
) -> None:
    m = session.get(Message, message_id)
    if m is None:  # the couple was anonymised meanwhile
        return
    m.status = status
    m.error = error[:1000]
    if status == MessageStatus.SENT:
        m.sent_at = utc_now()
    session.add(m)


def _settle(call: Call, message_id: int, status: MessageStatus, error: str = "") -> None:
    call(_write_status, message_id=message_id, status=status, error=error)


@unit_of_work
def _settings(session: Session, /) -> tuple[MailServer, str, str, int]:
    found = settings_in(session)
    return found.server, found.sender_name, found.sender_address, _waiting(session)


@read_only
def waiting_messages(session: Session, /) -> int:
    """How many e-mails wait to be sent (the mail server could not be reached before)."""
    return _waiting(session)


def _waiting(session: Session) -> int:
    return len(
        session.exec(
            select(Message.id).where(
                Message.status == MessageStatus.QUEUED, Message.channel == MessageChannel.EMAIL
            )
        ).all()
    )


def _connect(server: MailServer, password: str | None) -> smtplib.SMTP:
    """A logged-in connection, or :class:`MailError` saying what went wrong."""
    where = f"{server.host}:{server.port}"
    if server.user and password is None:
        raise MailError(
            _(
                "There is no password for {user} on this computer: enter it under "
                "Settings → Mail server."
            ).format(user=server.user)
        )
    context = ssl.create_default_context()
    client: smtplib.SMTP | None = None
    try:
        if server.security.value == "ssl":
            client = smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT, context=context)
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
            client.ehlo()
            if server.security.value == "starttls":
                client.starttls(context=context)
                client.ehlo()
        if server.user:
            if password is None:
                raise MailError(
                    _(
                        "There is no password for {user} on this computer: enter it under "
                        "Settings \u2192 Mail server."
                    ).format(user=server.user)
                )
            client.login(server.user, password)
        return client
    except ssl.SSLCertVerificationError as error:
        _close(client)
        raise MailError(
            _(
                "The mail server {server} showed a certificate this computer does not trust "
                "({reason}). Nothing was sent."
            ).format(server=where, reason=error.verify_message or error.reason)
        ) from None
    except smtplib.SMTPAuthenticationError:
        _close(client)
        raise MailError(
            _(
                "The mail server {server} refused the login of {user}: check the user and the "
                "password. Nothing was sent."
            ).format(server=where, user=server.user)
        ) from None
    except smtplib.SMTPNotSupportedError:
        _close(client)
        raise MailError(
            _(
                "The mail server {server} does not offer STARTTLS or a login: check the "
                "security setting. Nothing was sent."
            ).format(server=where)
        ) from None
    except (OSError, smtplib.SMTPException) as error:
        _close(client)
        raise MailError(
            _(
                "The mail server {server} cannot be reached ({reason}). The messages wait and "
                "are sent at the next attempt."
            ).format(server=where, reason=type(error).__name__)
        ) from None


def _close(client: smtplib.SMTP | None) -> None:
    if client is None:
        return
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()


def build_email(
    message: Outgoing, *, sender_name: str, sender_address: str, attachments: Sequence[Attachment]
) -> EmailMessage:
    """The e-mail as it goes out: plain text in UTF-8, names with any accent in the headers."""
    email = EmailMessage()
    email["From"] = Address(display_name=sender_name, addr_spec=sender_address)
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = format_datetime(utc_now())
    email["Message-ID"] = make_msgid(domain=sender_address.rpartition("@")[2] or None)
    email.set_content(message.body + "\n", charset="utf-8")
    for attachment in attachments:
        email.add_attachment(
            attachment.data,
            maintype=attachment.maintype,
            subtype=attachment.subtype,
            filename=attachment.name,
        )
    # After the content: setting the content clears the Content-* headers.
    email["Content-Language"] = message.language.value
    return email


class _StopError(Exception):
    """The server will take no more messages in this run."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _DuringDataError(smtplib.SMTPServerDisconnected):
    """The connection broke while the message itself was being handed over."""


@dataclass(frozen=True)
class _Outcome:
    status: MessageStatus  # sent, failed (refused for good) or queued (try again later)
    answer: str = ""


def _said(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply


def _hand_over(client: smtplib.SMTP, email: EmailMessage, sender: str, recipient: str) -> _Outcome:
    """One message through the SMTP dialogue, step by step, so that what the server said at
    each step decides: 2xx goes on, 4xx is "later", 5xx is "never" (a refused sender stops the
    run: it is a setting, not the message)."""
    needs_utf8 = not (sender.isascii() and recipient.isascii())
    options: list[str] = []
    if needs_utf8:
        if not client.has_extn("smtputf8"):
            return _Outcome(
                MessageStatus.FAILED,
                _("The mail server cannot take an address with accented letters."),
            )
        options = ["SMTPUTF8", "BODY=8BITMIME"]
    data = email.as_bytes(policy=SMTPUTF8 if needs_utf8 else SMTP)
    code, reply = client.mail(sender, options)
    if code == 421 or (400 <= code < 500):
        raise _StopError(
            _("The mail server asks to try again later ({code} {reply}).").format(
                code=code, reply=_said(reply)
            )
        )
    if code != 250:
        raise _StopError(
            _(
                "The mail server refused the sender address {address} ({code} {reply}): check "
                "\u201cMessages come from\u201d under Settings \u2192 Mail server."
            ).format(address=sender, code=code, reply=_said(reply))
        )
    code, reply = client.rcpt(recipient)
    if code not in (250, 251):
        client.rset()
        if code == 421:
            raise _StopError(
                _("The mail server asks to try again later ({code} {reply}).").format(
                    code=code, reply=_said(reply)
                )
            )
        status = MessageStatus.QUEUED if 400 <= code < 500 else MessageStatus.FAILED
        return _Outcome(status, f"{code} {_said(reply)}")
    answer: bytes | str
    try:
        code, answer = client.data(data)
    except smtplib.SMTPDataError as error:  # refused before the message was handed over
        code, answer = error.smtp_code, error.smtp_error
    except (OSError, smtplib.SMTPServerDisconnected) as error:
        raise _DuringDataError(str(error)) from error
    if code == 421:
        client.close()  # the server closes the connection itself
        raise _StopError(
            _("The mail server asks to try again later ({code} {reply}).").format(
                code=code, reply=_said(answer)
            )
        )
    if code != 250:
        client.rset()
        status = MessageStatus.QUEUED if 400 <= code < 500 else MessageStatus.FAILED
        return _Outcome(status, f"{code} {_said(answer)}")
    return _Outcome(MessageStatus.SENT)


def send_waiting(
    call: Call,
    *,
    ids: Sequence[int] | None = None,
    server: MailServer | None = None,
    password: str | None = None,
    attach: Attach = no_attachments,
    progress: Progress = no_progress,
) -> Sent:
    """Send the e-mails waiting in the log (those of ``ids``, or all), through the settings'
    server or ``server``; ``password`` is the server's (from the credential store)."""
    configured, sender_name, sender_address, _count = call(_settings)
    server = server or configured
    if not server.is_set:
        raise MailError(_(NO_SERVER))
    if not sender_address:
        raise MailError(_("Give the address messages come from under Settings \u2192 Mail server."))
    client = _connect(server, password)
    sent = failed = 0
    try:
        claimed = call(_claim, ids=ids)
        for done, message in enumerate(claimed):
            progress(done, len(claimed))
            try:
                email = build_email(
                    message,
                    sender_name=sender_name,
                    sender_address=sender_address,
                    attachments=attach(message),
                )
            except Exception as error:  # one message that cannot be made stops no other
                _settle(
                    call,
                    message.id,
                    MessageStatus.FAILED,
                    _("The message could not be made ({reason}).").format(
                        reason=type(error).__name__
                    ),
                )
                failed += 1
                continue
            try:
                outcome = _hand_over(client, email, sender_address, message.recipient)
            except _StopError as stop:
                # The server cannot go on (it is busy, or refuses the sender): this message
                # and the rest wait for the next attempt.
                for later in claimed[done:]:
                    _settle(call, later.id, MessageStatus.QUEUED)
                raise MailError(stop.reason) from None
            except (OSError, smtplib.SMTPException) as error:
                # The connection broke: while the message was being handed over, whether the
                # server took it is not known, so it stays "being sent" (never sent again
                # without asking); before that, it waits with the rest.
                taken_or_not = isinstance(error, _DuringDataError)
                for later in claimed[done + (1 if taken_or_not else 0) :]:
                    _settle(call, later.id, MessageStatus.QUEUED)
                raise MailError(
                    _(
                        "The connection to the mail server broke off after {n} messages; the "
                        "others wait for the next attempt."
                    ).format(n=sent)
                ) from None
            _settle(call, message.id, outcome.status, outcome.answer)
            if outcome.status == MessageStatus.SENT:
                sent += 1
            elif outcome.status == MessageStatus.FAILED:
                failed += 1
        progress(len(claimed), len(claimed))
    finally:
        _close(client)
    waiting = call(_settings)[3]
    return Sent(sent=sent, failed=failed, waiting=waiting)
