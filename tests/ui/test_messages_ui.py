"""Messages from the window (issue 18): the mail server's settings, the organisation's own
texts, sending a course's couples a message (e-mails through a real server on loopback,
letters to print), and a couple's messages."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from holdmetight.domain.enums import ConsentPurpose, Language, MailSecurity, MessageKind
from holdmetight.services import (
    consents,
    couples,
    enrollments,
    mail_server,
    message_log,
    message_templates,
    messages,
    organisations,
)
from holdmetight.services.changes import Kind
from holdmetight.ui.dialogs.couple_messages import CoupleMessagesDialog
from holdmetight.ui.dialogs.mail_settings import MailSettingsDialog
from holdmetight.ui.dialogs.message_texts import MessageTextsDialog
from holdmetight.ui.dialogs.send_messages import SendMessagesDialog
from tests.mail_server import PASSWORD, USER, smtp_server, use_mail_server
from tests.ui.conftest import wait_for_jobs

TODAY = date.today()


@pytest.fixture
def shown(monkeypatch):
    """The message boxes shown, answered Yes."""
    said: list[str] = []

    def remember(_parent, _title, text, *args, **kwargs):
        said.append(text)
        return QMessageBox.StandardButton.Yes

    for name in ("warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, remember)
    return said


@pytest.fixture
def course(session, make):
    """A course next week with two couples: Zoë (Dutch, e-mail) with Sam (no e-mail), and
    Ëlke and Jo (no e-mail at all), all at one address each."""
    organisations.save_organisation(session, name="Wijkteam Oost", email="info@wijkteam.example")
    info = make.course("HMV-UI", first_date=TODAY + timedelta(days=7))
    for given, family, email in (("Zoë", "Çelik", "zoe@example.com"), ("Ëlke", "Dubois", "")):
        couple = couples.create_couple(
            session,
            partners=(
                couples.PartnerInput(given, family, email=email, preferred_language=Language.NL),
                couples.PartnerInput("Sam" if email else "Jo", family),
            ),
            address=couples.PostalAddress("Kerkstraat", "1", "3512 AB", "Utrecht"),
        )
        make.suitable_intake(couple.id)
        enrollments.enroll(session, couple_id=couple.id, course_id=info.row.id)
        if email:
            consents.give_consent(
                session, couple_id=couple.id, partner=1, purpose=ConsentPurpose.EMAIL, on=TODAY
            )
    return info


def test_mail_server_settings_keep_the_password_in_the_credential_store(
    qtbot, context, session, memory_keyring, shown
):
    organisations.save_organisation(session, name="Wijkteam Oost", email="info@wijkteam.example")
    dialog = MailSettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.host_edit.setText("smtp example.nl")
    dialog.save()
    assert "is not a server name" in shown[-1] and dialog.focusWidget() is dialog.host_edit
    dialog.host_edit.setText("smtp.example.nl")
    dialog.security_combo.setCurrentIndex(dialog.security_combo.findData(MailSecurity.SSL.value))
    assert dialog.port_spin.value() == 465
    dialog.user_edit.setText(USER)
    dialog.password_edit.setText(PASSWORD)
    dialog.reminders_check.setChecked(True)
    dialog.save()
    saved = context.call(mail_server.mail_settings)
    assert saved.server == mail_server.MailServer("smtp.example.nl", 465, MailSecurity.SSL, USER)
    assert saved.reminders_on and saved.reminder_days == 2
    assert mail_server.stored_password(saved.server) == PASSWORD
    assert PASSWORD not in repr(saved)


def test_own_message_text_is_checked_saved_and_restored(qtbot, context, shown):
    dialog = MessageTextsDialog(context)
    qtbot.addWidget(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(MessageKind.FEE_REMINDER.value))
    assert dialog.state.text() == "The shipped text"
    names = [
        dialog.fields.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.fields.count())
    ]
    assert "fee_outstanding" in names and "answer_by" not in names
    dialog.body_edit.setPlainText("Beste {voornaam}")
    dialog.save()
    assert "There is no field {voornaam}" in shown[-1]
    dialog.body_edit.setPlainText("Beste ")
    dialog.body_edit.moveCursor(dialog.body_edit.textCursor().MoveOperation.End)
    dialog.insert_field(dialog.fields.item(0))
    dialog.save()
    stored = context.call(
        message_templates.get_template, kind=MessageKind.FEE_REMINDER, language=Language.NL
    )
    assert stored.own and stored.body == "Beste {given_name}"
    dialog.restore()
    assert not context.call(
        message_templates.get_template, kind=MessageKind.FEE_REMINDER, language=Language.NL
    ).own


def test_a_course_is_invited_by_e_mail_and_letter_and_asked_before_sending_again(
    qtbot, context, session, course, tmp_path, monkeypatch, memory_keyring, shown
):
    printed: list[bytes] = []

    def capture(title, file_name, render, language, parent, **kwargs):
        from holdmetight.services.audit_trail import Output

        assert kwargs.get("language_choice") is False and file_name == "HMV-UI-letters.pdf"
        # Printed: the letters are logged as they leave (the first time only).
        kwargs["record"](Output.PRINT, "nl")
        kwargs["record"](Output.EXPORT, "nl")
        printed.append(render("nl", lambda done, total: None))

    monkeypatch.setattr("holdmetight.ui.print_action.open_print_dialog", capture)
    with smtp_server(tmp_path) as (port, received, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        use_mail_server(context.call, host="127.0.0.1", port=port, user=USER)
        mail_server.keep_password(context.call(mail_server.mail_settings).server, PASSWORD)
        dialog = SendMessagesDialog(context, course.row.id)
        qtbot.addWidget(dialog)
        names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        # Zoë by e-mail, Sam on paper, Ëlke and Jo in one letter together.
        assert sorted(names) == ["Sam Çelik", "Zoë Çelik", "Ëlke Dubois & Jo Dubois"]
        assert "no e-mail" not in dialog.left_out.text()
        assert dialog.send_button.text() == "Send 1 e-mail and print 2 letters…"
        zoe = names.index("Zoë Çelik")
        dialog.table.selectRow(zoe)
        preview = dialog.preview.toPlainText()
        assert "Beste Zoë" in preview and "HMV-UI" in preview and "HMV-UI.ics" in preview
        dialog.send()
        wait_for_jobs(qtbot)
    [(to, email)] = received.messages
    assert to == ["zoe@example.com"] and email.get_content_type() == "multipart/mixed"
    assert "1 sent, 0 refused" in shown[-1]
    pages = PdfReader(io.BytesIO(printed[0])).pages
    text = " ".join(page.extract_text() for page in pages)
    assert "Beste Sam" in text and "Beste Ëlke en Jo" in text and "3512 AB  UTRECHT" in text
    again = SendMessagesDialog(context, course.row.id)
    qtbot.addWidget(again)
    assert all(
        again.table.item(r, 0).checkState() == Qt.CheckState.Unchecked
        for r in range(again.table.rowCount())
    )
    assert not again.send_button.isEnabled()
    assert again.table.item(0, 1).text() == "yes"
    couples_seen = {d.couple_id for d in again.prepared.drafts}
    statuses = [
        m.status for c in couples_seen for m in context.call(message_log.messages_of, couple_id=c)
    ]
    assert len(statuses) == 3  # one e-mail and two letters, each logged once
    log = context.call(message_log.messages_of, couple_id=again.prepared.drafts[0].couple_id)
    viewer = CoupleMessagesDialog(context, log[0].couple_id)
    qtbot.addWidget(viewer)
    assert viewer.table.rowCount() == len(log) >= 1
    assert "Subject:" in viewer.text.toPlainText()


def test_a_reminder_names_the_meeting_chosen(qtbot, context, course, shown):
    dialog = SendMessagesDialog(context, course.row.id, kind=MessageKind.MEETING_REMINDER)
    qtbot.addWidget(dialog)
    assert not dialog.meeting_combo.isHidden()
    first = dialog.prepared.drafts[0]
    dialog.meeting_combo.setCurrentIndex(2)
    third = dialog.prepared.drafts[0]
    assert first.group_session_id != third.group_session_id
    assert first.subject != third.subject  # the date is in the subject


def test_the_window_sends_the_reminders_due_and_says_so(
    qtbot, context, session, make, tmp_path, monkeypatch, memory_keyring, shown
):
    from holdmetight.ui.mail_actions import send_due

    organisations.save_organisation(session, name="Wijkteam Oost", email="info@wijkteam.example")
    info = make.course("HMV-SOON", first_date=TODAY + timedelta(days=1))
    couple = couples.create_couple(
        session,
        partners=(
            couples.PartnerInput("Zoë", "Çelik", email="zoe@example.com"),
            couples.PartnerInput("Sam", "Çelik"),
        ),
    )
    make.suitable_intake(couple.id)
    enrollments.enroll(session, couple_id=couple.id, course_id=info.row.id)
    consents.give_consent(
        session, couple_id=couple.id, partner=1, purpose=ConsentPurpose.EMAIL, on=TODAY
    )
    said: list[str] = []
    heard: list[object] = []
    context.changed.connect(heard.append)
    send_due(None, context, said.append)  # no mail server yet: nothing happens, nothing said
    assert said == []
    with smtp_server(tmp_path) as (port, received, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        use_mail_server(context.call, host="127.0.0.1", port=port, user=USER, reminders_on=True)
        send_due(None, context, said.append)
        assert said == [
            "Messages wait: this computer does not know the mail server's password "
            "(Settings → Mail server)."
        ]
        mail_server.keep_password(context.call(mail_server.mail_settings).server, PASSWORD)
        send_due(None, context, said.append)
        wait_for_jobs(qtbot)
        send_due(None, context, said.append)  # an hour later: nothing again, nothing said
        wait_for_jobs(qtbot)
    assert said[1:] == ["1 sent, 0 refused by the mail server, 0 still waiting."]
    # The views showing messages hear it, through the window's one operation path.
    assert any(Kind.MESSAGES in changes.kinds for changes in heard)
    assert [to for to, _email in received.messages] == [["zoe@example.com"]]
    assert shown == []  # the schedule shows no window


def test_nothing_is_logged_for_letters_not_printed_or_e_mails_that_cannot_go(
    qtbot, context, course, monkeypatch, shown
):
    monkeypatch.setattr(
        "holdmetight.ui.print_action.open_print_dialog", lambda *args, **kwargs: None
    )  # the print window closed without printing or saving
    monkeypatch.setattr(
        "holdmetight.ui.dialogs.send_messages.show_error",
        lambda parent, error: shown.append(str(error)),
    )
    dialog = SendMessagesDialog(context, course.row.id)
    qtbot.addWidget(dialog)
    dialog.send()  # no mail server yet: refused before anything is logged or printed
    assert "There is no mail server yet" in shown[-1]
    for row in range(dialog.table.rowCount()):
        if dialog.prepared.drafts[row].channel.value == "email":
            dialog.table.item(row, 0).setCheckState(Qt.CheckState.Unchecked)
    dialog.send()  # only the letters, not printed after all
    logged = [
        m
        for couple_id in {d.couple_id for d in dialog.prepared.drafts}
        for m in context.call(message_log.messages_of, couple_id=couple_id)
    ]
    assert logged == []


def test_a_waiting_message_is_taken_back_from_the_couples_messages(
    qtbot, context, session, course, shown
):
    from holdmetight.domain.enums import MessageStatus

    prepared = context.call(messages.prepare, kind=MessageKind.INVITATION, course_id=course.row.id)
    zoe = [d for d in prepared.drafts if d.channel.value == "email"]
    context.call(message_log.record, drafts=zoe)  # the server could not be reached: it waits
    viewer = CoupleMessagesDialog(context, zoe[0].couple_id)
    qtbot.addWidget(viewer)
    assert viewer.withdraw_button.isEnabled()
    viewer.withdraw()
    [info] = context.call(message_log.messages_of, couple_id=zoe[0].couple_id)
    assert info.status == MessageStatus.WITHDRAWN and info.error.startswith("Taken back by")
    assert not viewer.withdraw_button.isEnabled()
    assert viewer.table.item(0, 5).text().startswith("not sent: no longer applies")
