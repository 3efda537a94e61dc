"""Sending e-mails from the window: the password of the mail server (from this PC's credential
store, or asked once per session where there is none), sending in the background with
progress, and telling the user what went."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from holdmetight.errors import HoldMeTightError, NotFoundError
from holdmetight.i18n import _
from holdmetight.progress import Progress
from holdmetight.services import mail_server
from holdmetight.services.mail_sending import Sent
from holdmetight.services.mail_server import MailServer
from holdmetight.ui.background import run_in_background
from holdmetight.ui.context import AppContext

# Passwords typed on a PC without a credential store: kept in memory for this session only.
_typed: dict[str, str] = {}


def remember_for_session(server: MailServer, password: str) -> None:
    _typed[server.login_name] = password


def password_for(parent: QWidget | None, server: MailServer) -> tuple[bool, str | None]:
    """The server's password: stored, typed before in this session, or asked now. Returns
    (False, None) when the user cancelled."""
    if not server.user:
        return True, None
    found = mail_server.stored_password(server) or _typed.get(server.login_name)
    if found is not None:
        return True, found
    typed, ok = QInputDialog.getText(
        parent,
        _("Mail server"),
        _("Password of {user} at {host}:").format(user=server.user, host=server.host),
        QLineEdit.EchoMode.Password,
    )
    if not ok:
        return False, None
    remember_for_session(server, typed)
    return True, typed


def summary(result: Sent) -> str:
    return _("{sent} sent, {failed} refused by the mail server, {waiting} still waiting.").format(
        sent=result.sent, failed=result.failed, waiting=result.waiting
    )


def send_in_background(
    parent: QWidget | None,
    context: AppContext,
    ids: Sequence[int] | None,
    *,
    report: Callable[[str], None] | None = None,
    password: str | None = None,
    claim_reminders: bool = False,
) -> None:
    """Send the e-mails ``ids`` (None: all waiting) with progress; afterwards the views showing
    messages read them again and the user is told what went. ``password`` is the one the user
    gave for this (see :func:`password_for`). With ``report`` (the schedule's own run) nothing
    is asked or shown in a window: what happened goes to ``report``. ``claim_reminders``: the
    reminders due are written to the log first, in the same background work."""
    from holdmetight.reports.message_attachments import attachments_from

    server = context.call(mail_server.mail_settings).server
    if report is None:
        if password is None:
            ok, password = password_for(parent, server)
            if not ok:
                return
    else:
        password = mail_server.stored_password(server) or _typed.get(server.login_name)
        if server.user and password is None:
            report(
                _(
                    "Messages wait: this computer does not know the mail server's password "
                    "(Settings → Mail server)."
                )
            )
            return

    def work(progress: Progress) -> Sent:
        from holdmetight.services import reminders
        from holdmetight.services.mail_sending import send_waiting

        if claim_reminders:
            context.call(reminders.claim_due_reminders)
        # Every transaction through the window's operation path: the views showing messages
        # hear what sending changed, as they do for any other operation.
        return send_waiting(
            context.call,
            ids=ids,
            password=password,
            attach=attachments_from(context.call),
            progress=progress,
        )

    def done(result: Sent) -> None:
        if report is None:
            QMessageBox.information(parent, _("Messages"), summary(result))
        elif result.sent or result.failed:
            report(summary(result))

    def failed(error: HoldMeTightError) -> None:
        # A password typed for this session may be the wrong one: it is asked again next time.
        _typed.pop(server.login_name, None)
        if report is None:
            QMessageBox.warning(parent, _("Messages"), str(error))
        else:
            report(str(error))

    run_in_background(
        parent, _("Sending messages…"), work, done, cancellable=False, on_error=failed
    )


def send_due(parent: QWidget | None, context: AppContext, report: Callable[[str], None]) -> None:
    """What the window does on start and every hour: when reminders are switched on, write the
    reminders due to the log (each once, whichever PC is first); then send whatever e-mails
    wait, those the mail server could not take before included. The work is done in the
    background: the window goes on."""
    from holdmetight.services.mail_sending import waiting_messages

    try:
        settings = context.call(mail_server.mail_settings)
        if not settings.server.is_set:
            return
        if not settings.reminders_on and context.call(waiting_messages) == 0:
            return
    except NotFoundError:  # no organisation yet: nothing to remind of
        return
    except HoldMeTightError as error:
        report(str(error))
        return
    send_in_background(parent, context, None, report=report, claim_reminders=settings.reminders_on)
