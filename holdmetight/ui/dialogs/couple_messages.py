"""Every message sent or printed to a couple: when, what, how, to which address, and what
became of it (delivered to the mail server, refused with the server's answer, still waiting);
the text as it went."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import MessageStatus
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _, format_date, format_time
from holdmetight.services import message_log
from holdmetight.services.message_log import MessageInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.messages import show_error


def _when(info: MessageInfo) -> str:
    moment = info.sent_at or info.created_at
    return f"{format_date(moment.date())} {format_time(moment)}"


class CoupleMessagesDialog(QDialog):
    def __init__(self, context: AppContext, couple_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._couple_id = couple_id
        self.setWindowTitle(_("Messages"))
        self.rows = context.call(message_log.messages_of, couple_id=couple_id)
        headers = [_("When"), _("Message"), _("Recipient"), _("How"), _("Course"), _("Status")]
        self.table = QTableWidget(len(self.rows), len(headers))
        self.table.setAccessibleName(_("Messages"))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, info in enumerate(self.rows):
            status = info.status.label + (f": {info.error}" if info.error else "")
            about = f" ({format_date(info.meeting_date)})" if info.meeting_date else ""
            cells = (
                _when(info),
                info.kind.label + about,
                info.partner_name or _("both partners"),
                info.channel.label,
                info.course_code,
                status,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.itemSelectionChanged.connect(self.show_text)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_("Text"))
        self.text.setPlainText(
            "" if self.rows else _("No messages have been sent to this couple yet.")
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        self.withdraw_button = QPushButton(_("Do not send"))
        self.withdraw_button.setToolTip(_("Take back a message still waiting to be sent"))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.withdraw_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.withdraw_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, stretch=1)
        layout.addWidget(buttons)
        self.resize(880, 560)
        if self.rows:
            self.table.selectRow(0)

    def show_text(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        info = self.rows[rows[0].row()]
        self.withdraw_button.setEnabled(info.status == MessageStatus.QUEUED)
        lines = [
            _("To: {address}").format(address=", ".join(info.recipient.splitlines())),
            _("Subject: {subject}").format(subject=info.subject),
        ]
        if info.attachments:
            lines.append(_("Attached: {files}").format(files=", ".join(info.attachments)))
        lines.append(_("By: {who}").format(who=info.created_by))
        self.text.setPlainText("\n".join(lines) + "\n\n" + info.body)

    def withdraw(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        info = self.rows[rows[0].row()]
        try:
            self._context.call(message_log.withdraw_message, message_id=info.id)
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.rows = self._context.call(message_log.messages_of, couple_id=self._couple_id)
        row = rows[0].row()
        fresh = self.rows[row]
        status = fresh.status.label + (f": {fresh.error}" if fresh.error else "")
        self.table.setItem(row, 5, QTableWidgetItem(status))
        self.withdraw_button.setEnabled(False)
