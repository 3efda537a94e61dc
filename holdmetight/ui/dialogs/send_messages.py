"""Send a message to a course's couples: choose what (and for which meeting), see every message
as its reader will, leave some out, and send: e-mails in the background, letters to print.

Each partner gets the message in their own language, by e-mail when they agreed to e-mail
contact and on paper otherwise; who cannot be reached is listed with the reason. A message sent
before is not ticked, and sending it again asks first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import (
    GroupSessionStatus,
    Language,
    MessageChannel,
    MessageKind,
)
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _, format_date, format_time, ngettext, using_language
from holdmetight.progress import Progress
from holdmetight.services import group_sessions, mail_server, message_log, messages
from holdmetight.services.group_sessions import GroupSessionInfo
from holdmetight.services.mail_sending import NO_SERVER, MailError
from holdmetight.services.messages import Draft, Prepared
from holdmetight.ui.context import AppContext
from holdmetight.ui.mail_actions import password_for, send_in_background
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import fill_combo, select_data

COLUMNS = 4  # to, sent before, how, address
POST_DAYS = 3  # a letter posted today is not sure to arrive before then


class SendMessagesDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        course_id: int,
        *,
        kind: MessageKind = MessageKind.INVITATION,
        meeting_id: int | None = None,
        couple_ids: Sequence[int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._course_id = course_id
        self._couple_ids = list(couple_ids) if couple_ids is not None else None
        self.prepared = Prepared((), ())
        self.before: frozenset[str] = frozenset()
        self.setWindowTitle(_("Send a message"))
        self.meetings = [
            m
            for m in context.call(group_sessions.list_group_sessions, course_id=course_id)
            if m.status != GroupSessionStatus.CANCELLED
        ]
        self.kind_combo = QComboBox()
        kinds = [
            k
            for k in MessageKind
            # A fee reminder tells amounts: the administrators' (the server refuses the rest).
            if k != MessageKind.FEE_REMINDER or context.sees_administration
        ]
        fill_combo(self.kind_combo, [(k.label, k.value) for k in kinds])
        select_data(self.kind_combo, kind.value)
        self.meeting_combo = QComboBox()
        self._wanted_meeting = meeting_id
        self.together_check = QCheckBox(
            _("One letter to both partners when they live together and read the same language")
        )
        self.together_check.setChecked(True)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setAccessibleName(_("Messages"))
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self.show_preview)
        self.table.itemChanged.connect(lambda _item: self._update_send_button())
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(_("Preview"))
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.left_out = QLabel()
        self.left_out.setWordWrap(True)
        self.left_out.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.send_button = QPushButton()
        self.send_button.clicked.connect(self.send)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(_("Message:"), self.kind_combo)
        form.addRow(_("Meeting:"), self.meeting_combo)
        form.addRow("", self.together_check)
        self._form = form
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setSizes([600, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, stretch=1)
        layout.addWidget(self.notice)
        layout.addWidget(self.left_out)
        layout.addWidget(buttons)
        self.resize(1000, 620)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.meeting_combo.currentIndexChanged.connect(self._meeting_changed)
        self.together_check.toggled.connect(self.prepare)
        self._kind_changed()

    def kind(self) -> MessageKind:
        return MessageKind(self.kind_combo.currentData())

    def _meetings_for(self, kind: MessageKind) -> list[GroupSessionInfo]:
        """A reminder is for a meeting still to come, a catch-up for one that was held."""
        if kind == MessageKind.MEETING_REMINDER:
            return [m for m in self.meetings if not m.started]
        if kind == MessageKind.CATCH_UP:
            return [m for m in self.meetings if m.status == GroupSessionStatus.HELD]
        return []

    def _kind_changed(self) -> None:
        kind = self.kind()
        about_a_meeting = kind in messages.ABOUT_A_MEETING
        self._form.setRowVisible(self.meeting_combo, about_a_meeting)
        meetings = self._meetings_for(kind)
        self.meeting_combo.blockSignals(True)
        fill_combo(
            self.meeting_combo,
            [
                (f"{format_date(m.date)} {format_time(m.start_time)} \u2013 {m.step_title}", m.id)
                for m in meetings
            ],
        )
        ids = [m.id for m in meetings]
        if self._wanted_meeting in ids:
            select_data(self.meeting_combo, self._wanted_meeting)
        elif meetings:
            # The next meeting for a reminder, the last one held for a catch-up.
            select_data(
                self.meeting_combo, ids[0] if kind == MessageKind.MEETING_REMINDER else ids[-1]
            )
        self.meeting_combo.blockSignals(False)
        self.prepare()

    def _meeting_changed(self) -> None:
        self._wanted_meeting = self.meeting_combo.currentData()
        self.prepare()

    def prepare(self) -> None:
        meeting = self.meeting_combo.currentData()
        about_a_meeting = self.kind() in messages.ABOUT_A_MEETING
        self.notice.clear()
        if about_a_meeting and meeting is None:
            self.prepared, self.before = Prepared((), ()), frozenset()
            self._fill()
            self.left_out.setText(
                _("This course has no meeting still to come.")
                if self.kind() == MessageKind.MEETING_REMINDER
                else _("No meeting of this course has been recorded as held yet.")
            )
            return
        try:
            self.prepared = self._context.call(
                messages.prepare,
                kind=self.kind(),
                course_id=self._course_id,
                meeting_id=int(meeting) if about_a_meeting and meeting is not None else None,
                couple_ids=self._couple_ids,
                per_couple=self.together_check.isChecked(),
            )
            self.before = self._context.call(message_log.sent_before, drafts=self.prepared.drafts)
        except HoldMeTightError as error:
            self.prepared, self.before = Prepared((), ()), frozenset()
            self._fill()
            self.left_out.setText(str(error))
            return
        self._fill()

    def _fill(self) -> None:
        self.table.blockSignals(True)
        self.table.setHorizontalHeaderLabels(
            [_("Recipient"), _("Sent before"), _("How"), _("Address")]
        )
        self.table.setRowCount(len(self.prepared.drafts))
        for row, draft in enumerate(self.prepared.drafts):
            again = draft.repeat_key in self.before
            to = QTableWidgetItem(draft.partner_name)
            to.setFlags(to.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            to.setCheckState(Qt.CheckState.Unchecked if again else Qt.CheckState.Checked)
            how = f"{draft.channel.label} ({draft.language.value})"
            cells = (
                to,
                QTableWidgetItem(_("yes") if again else ""),
                QTableWidgetItem(f"{how}: {draft.note}" if draft.note else how),
                QTableWidgetItem(", ".join(draft.recipient.splitlines()[-2:])),
            )
            cells[3].setToolTip(draft.recipient)
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)
        left = self.prepared.left_out
        self.left_out.setText(
            _("Not reached: {who}").format(who=" ".join(item.reason for item in left))
            if left
            else ""
        )
        self._warn_about_post()
        if self.prepared.drafts:
            self.table.selectRow(0)
        else:
            self.preview.setPlainText(_("There is no one to send this message to in this course."))
        self._update_send_button()

    def _warn_about_post(self) -> None:
        """A reminder by post for a meeting in the next few days will not be there in time."""
        meeting = next((m for m in self.meetings if m.id == self.meeting_combo.currentData()), None)
        letters = any(d.channel == MessageChannel.LETTER for d in self.prepared.drafts)
        soon = meeting is not None and (meeting.date - date.today()).days < POST_DAYS
        if self.kind() == MessageKind.MEETING_REMINDER and letters and soon:
            self.notice.setText(
                _(
                    "A letter takes a few days by post: the letters will probably arrive after "
                    "the meeting. Untick them, or call these partners."
                )
            )

    def show_preview(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        draft = self.prepared.drafts[rows[0].row()]
        where = (
            _("To: {address}").format(address=draft.recipient)
            if draft.channel == MessageChannel.EMAIL
            else draft.recipient
        )
        files = draft.attachments
        attached = "\n" + _("Attached: {files}").format(files=", ".join(files)) if files else ""
        self.preview.setPlainText(
            f"{where}\n{_('Subject: {subject}').format(subject=draft.subject)}{attached}\n\n"
            f"{draft.body}"
        )

    def chosen(self) -> list[Draft]:
        chosen = []
        for row, draft in enumerate(self.prepared.drafts):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                chosen.append(draft)
        return chosen

    def _update_send_button(self) -> None:
        chosen = self.chosen()
        emails = sum(1 for d in chosen if d.channel == MessageChannel.EMAIL)
        letters = len(chosen) - emails
        if emails and letters:
            text = _("Send {emails} and print {letters}…").format(
                emails=ngettext("{n} e-mail", "{n} e-mails", emails).format(n=emails),
                letters=ngettext("{n} letter", "{n} letters", letters).format(n=letters),
            )
        elif letters:
            text = ngettext("Print {n} letter…", "Print {n} letters…", letters).format(n=letters)
        else:
            text = ngettext("Send {n} e-mail", "Send {n} e-mails", emails).format(n=emails)
        self.send_button.setText(text)
        self.send_button.setEnabled(bool(chosen))

    def send(self) -> None:
        chosen = self.chosen()
        again = [d for d in chosen if d.repeat_key in self.before]
        if again:
            answer = QMessageBox.question(
                self,
                _("Send again?"),
                ngettext(
                    "{n} of these messages went to the same person before. Send it again?",
                    "{n} of these messages went to the same people before. Send them again?",
                    len(again),
                ).format(n=len(again)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        emails = [d for d in chosen if d.channel == MessageChannel.EMAIL]
        letters = [d for d in chosen if d.channel == MessageChannel.LETTER]
        password: str | None = None
        if emails:
            # Everything needed to send is asked first: nothing is logged for nothing.
            server = self._context.call(mail_server.mail_settings).server
            if not server.is_set:
                show_error(self, MailError(_(NO_SERVER)))
                return
            ok, password = password_for(self, server)
            if not ok:
                return
        if letters:
            self.print_letters(letters)
        if emails:
            try:
                to_send = self._context.call(message_log.record, drafts=emails)
            except HoldMeTightError as error:
                show_error(self, error)
                return
            send_in_background(self.parentWidget(), self._context, to_send, password=password)
        self.accept()

    def print_letters(self, letters: Sequence[Draft]) -> None:
        """The letters to preview, print or save; they are logged when they leave (printed or
        saved), once, and not when the print window is closed without either."""
        from holdmetight.services.audit_trail import Output
        from holdmetight.ui.print_action import open_print_dialog

        setup = self._context.call(messages.letter_setup)
        logged: list[bool] = []

        def render(_language: str, _progress: Progress) -> bytes:
            from holdmetight.reports.letters import Window, letters_of, render_letters

            return render_letters(
                letters_of(letters, setup.today),
                sender=setup.sender,
                window=Window(setup.window_left_mm, setup.window_top_mm),
            )

        def record(_how: Output, _language: str) -> None:
            if not logged:
                self._context.call(message_log.record, drafts=letters)
                logged.append(True)

        code = self._course_code()
        open_print_dialog(
            _("Letters"),
            f"{code}-" + _("letters") + ".pdf",
            render,
            Language(letters[0].language),
            self,
            language_choice=False,
            record=record,
        )
        meeting_id = letters[0].group_session_id
        if logged and self.kind() == MessageKind.CATCH_UP and meeting_id is not None:
            self.print_handouts(letters, meeting_id)

    def _course_code(self) -> str:
        from holdmetight.services import courses

        return self._context.call(courses.get_course, course_id=self._course_id).row.code

    def print_handouts(self, letters: Sequence[Draft], meeting_id: int) -> None:
        """The missed meeting's handout to go with each catch-up letter, in its language."""
        from holdmetight.services import handouts
        from holdmetight.ui.print_action import open_print_dialog

        code = self._course_code()
        counts = {language: 0 for language in Language}
        for letter in letters:
            counts[letter.language] += 1
        parts = [
            (
                language.value,
                self._context.call(
                    handouts.handouts_for_course,
                    course_code=code,
                    language=language.value,
                    meeting_ids=[meeting_id],
                )
                * count,
            )
            for language, count in counts.items()
            if count
        ]

        meeting = next(m for m in self.meetings if m.id == meeting_id)
        notes = {}
        for language, _items in parts:
            with using_language(language):
                notes[language] = _(
                    "Catch-up: you missed this meeting on {date}. Read this handout together and "
                    "try the exercise before the next meeting. Your facilitators are glad to "
                    "answer your questions."
                ).format(date=format_date(meeting.date, style="long"))

        def render(_language: str, _progress: Progress) -> bytes:
            from holdmetight.reports.handout import render_handouts_in_languages

            return render_handouts_in_languages(parts, language=parts[0][0], catch_up=notes)

        open_print_dialog(
            _("Handouts to go with the letters"),
            f"{code}-catch-up-handouts.pdf",
            render,
            Language(parts[0][0]),
            self,
            language_choice=False,
        )
