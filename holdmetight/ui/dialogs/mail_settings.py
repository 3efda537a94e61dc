"""Settings → Mail server: the organisation's mail server (shared by every PC), this PC's
password for it (in the credential store), the reminders sent on a schedule, and where letters
put the address for the envelopes' window."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import MailSecurity
from holdmetight.errors import HoldMeTightError, ValidationError
from holdmetight.i18n import _, ngettext
from holdmetight.services import mail_server
from holdmetight.services.mail_server import MailServer, MailSettings
from holdmetight.ui.context import AppContext
from holdmetight.ui.mail_actions import remember_for_session
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import fill_combo, open_wide, save_cancel_buttons, select_data

DEFAULT_PORTS = {MailSecurity.STARTTLS: 587, MailSecurity.SSL: 465, MailSecurity.NONE: 25}


def _spin(value: int, low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


class MailSettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(_("Mail server"))
        self.settings: MailSettings = context.call(mail_server.mail_settings)
        server = self.settings.server
        self.host_edit = QLineEdit(server.host)
        self.host_edit.setPlaceholderText("smtp.example.nl")
        self.security_combo = QComboBox()
        fill_combo(self.security_combo, [(s.label, s.value) for s in MailSecurity])
        select_data(self.security_combo, server.security.value)
        self.port_spin = _spin(server.port, 1, 65535, "")
        self.security_combo.currentIndexChanged.connect(self._default_port)
        self.user_edit = QLineEdit(server.user)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        stored = mail_server.stored_password(server) is not None
        self.password_edit.setPlaceholderText(
            _("(kept on this computer)") if stored else _("(none kept yet)")
        )
        self.password_note = QLabel(
            _(
                "The password is kept in this computer's credential store, never in the "
                "database; every PC that sends asks it once."
            )
            if mail_server.has_credential_store()
            else _(
                "This computer has no credential store: the password is asked once each time "
                "the program starts."
            )
        )
        self.password_note.setWordWrap(True)
        self.sender_edit = QLineEdit(self.settings.sender_address)
        self.reminders_check = QCheckBox(_("Send reminders of meetings by e-mail on their own"))
        self.reminders_check.setChecked(self.settings.reminders_on)
        self.days_spin = _spin(self.settings.reminder_days, *mail_server.REMINDER_DAYS, "")
        self.days_spin.valueChanged.connect(self._days_suffix)
        self._days_suffix(self.days_spin.value())
        self.reminders_check.toggled.connect(self.days_spin.setEnabled)
        self.days_spin.setEnabled(self.reminders_check.isChecked())
        reminders_note = QLabel(
            _(
                "Checked when the program starts and every hour while it runs; each reminder "
                "goes once, whichever PC sends it. A scheduled task can run "
                "\u201choldmetight send-due\u201d instead."
            )
        )
        reminders_note.setWordWrap(True)
        self.left_spin = _spin(self.settings.window_left_mm, *mail_server.WINDOW_LEFT_MM, " mm")
        self.top_spin = _spin(self.settings.window_top_mm, *mail_server.WINDOW_TOP_MM, " mm")

        server_box = QGroupBox(_("The organisation's mail server"))
        form = QFormLayout(server_box)
        form.addRow(_("Server:"), self.host_edit)
        form.addRow(_("Security:"), self.security_combo)
        form.addRow(_("Port:"), self.port_spin)
        form.addRow(_("User:"), self.user_edit)
        form.addRow(_("Password:"), self.password_edit)
        form.addRow(self.password_note)
        form.addRow(_("Messages come from:"), self.sender_edit)
        reminder_box = QGroupBox(_("Reminders"))
        reminder_form = QFormLayout(reminder_box)
        reminder_form.addRow(self.reminders_check)
        reminder_form.addRow(_("Send them:"), self.days_spin)
        reminder_form.addRow(reminders_note)
        letter_box = QGroupBox(_("Letters for a window envelope"))
        letter_form = QFormLayout(letter_box)
        letter_form.addRow(_("Window from the left edge:"), self.left_spin)
        letter_form.addRow(_("Window from the top edge:"), self.top_spin)
        layout = QVBoxLayout(self)
        layout.addWidget(server_box)
        layout.addWidget(reminder_box)
        layout.addWidget(letter_box)
        layout.addWidget(save_cancel_buttons(self, self.save))
        open_wide(self, 520)

    def _days_suffix(self, days: int) -> None:
        self.days_spin.setSuffix(
            " " + ngettext("day before the meeting", "days before the meeting", days)
        )

    def _default_port(self) -> None:
        """Choosing a security sets its usual port, unless another port was typed."""
        if self.port_spin.value() in DEFAULT_PORTS.values():
            self.port_spin.setValue(DEFAULT_PORTS[MailSecurity(self.security_combo.currentData())])

    def save(self) -> None:
        try:
            saved = self._context.call(
                mail_server.save_mail_settings,
                version=self.settings.version,
                host=self.host_edit.text(),
                port=self.port_spin.value(),
                security=MailSecurity(self.security_combo.currentData()),
                user=self.user_edit.text(),
                sender_address=self.sender_edit.text(),
                reminders_on=self.reminders_check.isChecked(),
                reminder_days=self.days_spin.value(),
                window_left_mm=self.left_spin.value(),
                window_top_mm=self.top_spin.value(),
            )
        except HoldMeTightError as error:
            show_error(self, error)
            if isinstance(error, ValidationError):
                self._focus(error.field)
            return
        self.settings = saved
        password = self.password_edit.text()
        if password:
            self._keep(saved.server, password)
        self.accept()

    def _keep(self, server: MailServer, password: str) -> None:
        if not server.user:
            return
        if not mail_server.keep_password(server, password):
            remember_for_session(server, password)
            QMessageBox.information(
                self,
                _("Mail server"),
                _(
                    "This computer has no credential store: the password is used until the "
                    "program closes and asked again next time."
                ),
            )

    def _focus(self, field: str | None) -> None:
        targets = {"host": self.host_edit, "sender_address": self.sender_edit}
        if field in targets:
            targets[field].setFocus()
            targets[field].selectAll()
