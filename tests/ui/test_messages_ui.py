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
    message_templates,
    messages,
    organisations,
)
from holdmetight.ui.dialogs.couple_messages import CoupleMessagesDialog
from holdmetight.ui.dialogs.mail_settings import MailSettingsDialog
from holdmetight.ui.dialogs.message_texts import MessageTextsDialog
from holdmetight.ui.dialogs.send_messages import SendMessagesDialog
from tests.mail_server import PASSWORD, USER, smtp_server
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
    assert "without spaces" in shown[-1] and dialog.focusWidget() is dialog.host_edit
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
        assert kwargs.get("language_choice") is False
        printed.append(render("nl", lambda done, total: None))

    monkeypatch.setattr("holdmetight.ui.print_action.open_print_dialog", capture)
    with smtp_server(tmp_path) as (port, received, certificate):
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
        settings = context.call(mail_server.mail_settings)
        context.call(
            mail_server.save_mail_settings,
            version=settings.version,
            host="127.0.0.1",
            port=port,
            security=MailSecurity.STARTTLS,
            user=USER,
            sender_address="",
            reminders_on=False,
            reminder_days=2,
            window_left_mm=20,
            window_top_mm=50,
        )
        mail_server.keep_password(context.call(mail_server.mail_settings).server, PASSWORD)
        dialog = SendMessagesDialog(context, course.row.id)
        qtbot.addWidget(dialog)
        names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        # Zoë by e-mail, Sam on paper, Ëlke and Jo in one letter together.
        assert sorted(names) == ["Sam Çelik", "Zoë Çelik", "Ëlke Dubois en Jo Dubois"]
        assert "no e-mail" not in dialog.left_out.text()
        assert dialog.send_button.text() == "Send 1 e-mail and print 2 letters…"
        zoe = names.index("Zoë Çelik")
        dialog.table.selectRow(zoe)
        preview = dialog.preview.toPlainText()
        assert "Beste Zoë" in preview and "HMV-UI" in preview and "calendar.ics" in preview
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
    assert again.table.item(0, 3).text() == "yes"
    log = context.call(messages.messages_of, couple_id=again.prepared.drafts[0].couple_id)
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
