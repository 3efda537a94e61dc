"""Connecting to a database server (PostgreSQL) that the organisation's PCs share, and asking a
server's password at start where this computer does not keep it.

The settings file gets the server's address without the password; the password goes to the
operating system's credential store when the user asks for that and the computer has one (see
:mod:`holdmetight.db.credentials`), and nowhere else.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from holdmetight.config import DB_ENV_VARIABLE, load_settings, save_settings
from holdmetight.db.credentials import (
    DEFAULT_PORT,
    forget_password,
    has_credential_store,
    login_name,
    store_password,
    stored_password,
    with_password,
)
from holdmetight.db.database import Database, open_database
from holdmetight.db.engine import is_sqlite
from holdmetight.i18n import _
from holdmetight.ui.background import run_in_background
from holdmetight.ui.theme import problem_text
from holdmetight.ui.widgets import open_wide

DRIVER = "postgresql+psycopg"


def _problem_label() -> QLabel:
    """Where a dialog says why it could not connect; hidden until then."""
    label = QLabel()
    label.setObjectName("problem")
    problem_text(label)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(_("Password"))
    return edit


class ServerDialog(QDialog):
    """*Connect to server*: the server's address and login; Connect opens the database (an empty
    one gets the tables) and makes it the one the application opens from its next start.

    After Connect, ``database`` is the opened database (the caller disposes of it) and
    ``password_kept`` says whether this computer remembers the password; after *Use the file
    on this PC*, ``use_file`` is True."""

    def __init__(self, parent: QWidget | None = None, *, current_url: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Connect to server"))
        self.database: Database | None = None
        self.password_kept = False
        self.use_file = False
        self.has_store = has_credential_store()
        self.host_edit = QLineEdit()
        self.host_edit.setAccessibleName(_("Server"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.port_spin.setAccessibleName(_("Port"))
        self.database_edit = QLineEdit()
        self.database_edit.setAccessibleName(_("Database"))
        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(_("User name"))
        self.password_edit = _password_edit()
        self.remember_check = QCheckBox(_("&Remember the password on this computer"))
        self.remember_check.setAccessibleName(_("Remember the password on this computer"))
        self.remember_check.setChecked(self.has_store)
        self.remember_check.setEnabled(self.has_store)
        self.no_store_label = QLabel(
            _(
                "This computer has no credential store: holdmetight asks the password at"
                " every start."
            )
        )
        self.no_store_label.setWordWrap(True)
        self.no_store_label.setVisible(not self.has_store)
        self.problem_label = _problem_label()
        self._fill_in(current_url)

        self.form = form = QFormLayout()
        form.addRow(_("&Server:"), self.host_edit)
        form.addRow(_("&Port:"), self.port_spin)
        form.addRow(_("&Database:"), self.database_edit)
        form.addRow(_("&User name:"), self.user_edit)
        form.addRow(_("Pass&word:"), self.password_edit)
        form.addRow("", self.remember_check)
        form.addRow("", self.no_store_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = self.buttons.addButton(
            _("&Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setDefault(True)
        self.file_button = QPushButton(_("Use the &file on this PC"))
        self.file_button.setToolTip(
            _("Go back to the database file in your own folder on this PC from the next start.")
        )
        self.buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.connect_button.clicked.connect(self.connect_to_server)
        self.file_button.clicked.connect(self.use_file_on_this_pc)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        open_wide(self, 480)

    def _fill_in(self, current_url: str | None) -> None:
        """Start from the server in use, or the one in the settings: changing one field is the
        usual change (another database on the same server)."""
        for candidate in (current_url, load_settings().database):
            try:
                if not candidate or "://" not in candidate or is_sqlite(candidate):
                    continue
                parts = make_url(candidate)
            except ArgumentError:  # not a URL at all: nothing to start from
                continue
            self.host_edit.setText(parts.host or "")
            self.port_spin.setValue(parts.port or DEFAULT_PORT)
            self.database_edit.setText(parts.database or "")
            self.user_edit.setText(parts.username or "")
            return

    def server_url(self) -> str:
        """The URL of what is filled in, without the password."""
        return URL.create(
            DRIVER,
            username=self.user_edit.text().strip(),
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            database=self.database_edit.text().strip(),
        ).render_as_string(hide_password=False)

    def show_problem(self, message: str) -> None:
        self.problem_label.setText(message)
        self.problem_label.show()

    def connect_to_server(self) -> None:
        """Open the database (with the tables made in an empty one); on success remember the
        password if asked, and the server, without password, in the settings."""
        if not all(e.text().strip() for e in (self.host_edit, self.database_edit, self.user_edit)):
            self.show_problem(_("Fill in the server, the database and the user name."))
            return
        url = self.server_url()
        password = self.password_edit.text()
        opening = with_password(url, password) if password else url
        self.problem_label.hide()
        self.setEnabled(False)  # a server that does not answer is waited for in a worker
        run_in_background(
            self,
            _("Connecting to {server}\u2026").format(server=self.host_edit.text().strip()),
            lambda _progress: open_database(opening),
            lambda database: self._connected(database, url, password),
            cancellable=False,
            on_error=self._not_connected,
        )

    def _not_connected(self, error: Exception) -> None:
        self.setEnabled(True)
        self.show_problem(str(error))

    def _connected(self, database: Database, url: str, password: str) -> None:
        self.setEnabled(True)
        try:
            settings = load_settings()
            settings.database = url
            save_settings(settings)
        except OSError as error:
            database.dispose()
            self.show_problem(
                _("The settings could not be saved: {reason}").format(reason=error.strerror)
            )
            return
        self._keep_password(url, password)
        self.database = database
        self.accept()

    def _keep_password(self, url: str, password: str) -> None:
        if self.has_store and not self.remember_check.isChecked():
            forget_password(url)
        elif self.has_store and password:
            store_password(url, password)
        self.password_kept = stored_password(url) is not None

    def use_file_on_this_pc(self) -> None:
        """Go back to the database file in the user's data folder, from the next start."""
        try:
            settings = load_settings()
            settings.database = None
            save_settings(settings)
        except OSError as error:
            self.show_problem(
                _("The settings could not be saved: {reason}").format(reason=error.strerror)
            )
            return
        self.use_file = True
        self.accept()

    def next_start_message(self) -> str:
        """What the user is told once the dialog has done its work."""
        if self.use_file:
            message = _(
                "From its next start holdmetight opens the database file on this PC. Close"
                " holdmetight and start it again to work in it."
            )
        else:
            name = self.database.display_name if self.database is not None else ""
            message = _(
                "The database {name} is ready. From its next start holdmetight opens it: close"
                " holdmetight and start it again to work in it."
            ).format(name=name)
            if not self.password_kept:
                message += "\n\n" + _(
                    "The password is not remembered on this computer: holdmetight asks for it"
                    " at every start."
                )
        if os.environ.get(DB_ENV_VARIABLE):
            message += "\n\n" + _(
                "On this computer the environment variable {variable} chooses the database, "
                "and it comes first: remove it to work in this one."
            ).format(variable=DB_ENV_VARIABLE)
        return message


class PasswordDialog(QDialog):
    """The password of a server login that this computer does not keep, asked at start; it is
    used for this session only."""

    def __init__(self, url: str, problem: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Password for the database server"))
        text = QLabel(
            _("Type the password of {login}. It is not stored on this computer.").format(
                login=login_name(url)
            )
        )
        text.setWordWrap(True)
        self.password_edit = _password_edit()
        self.problem_label = _problem_label()
        if problem:
            self.problem_label.setText(problem)
            self.problem_label.show()
        form = QFormLayout()
        form.addRow(_("Pass&word:"), self.password_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = buttons.addButton(
            _("&Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem_label)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.password_edit.setFocus()
        open_wide(self, 420)


def ask_password(url: str, problem: str | None = None) -> str | None:
    """The password typed for the login of ``url`` (after ``problem``, why the last one did
    not work); None when the user cancels."""
    dialog = PasswordDialog(url, problem)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.password_edit.text()
