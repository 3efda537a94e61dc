"""Starting the application: Qt set-up, opening the database, first start, the main window.

What reads the whole database file waits until the window is on screen: a worker checks every
page of it (and the window says so if it finds damage), then makes the daily backup if one is
due (see :class:`DatabaseCare`).
"""

from __future__ import annotations

import faulthandler
import gc
import logging
import sqlite3
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from holdmetight.config import config_dir
from holdmetight.db.backup import backup_if_due
from holdmetight.db.database import Database, damage_found, open_database
from holdmetight.db.engine import is_sqlite
from holdmetight.db.files import IntegrityCheck
from holdmetight.errors import DatabaseError, HoldMeTightError, UpgradeNeededError
from holdmetight.i18n import _, current_language, ngettext
from holdmetight.services import demo, waiting_list
from holdmetight.services.shipped import install_shipped
from holdmetight.ui.application import ensure_application
from holdmetight.ui.background import after_each_job, jobs_running
from holdmetight.ui.context import AppContext
from holdmetight.ui.main_window import MainWindow
from holdmetight.ui.qt_translations import install_qt_translations

log = logging.getLogger(__name__)

CARE_AFTER_MS = 2000  # the window's first pages are read before the whole file is
POLL_MS = 200


def window_settings() -> QSettings:
    """Window sizes and splitter positions, in an INI file beside the settings file."""
    return QSettings(str(Path(config_dir()) / "window.ini"), QSettings.Format.IniFormat)


def offer_demo_data(context: AppContext) -> None:
    """On a new, empty database: ask whether to create demo data."""
    if not context.call(demo.database_is_empty):
        return
    from holdmetight.ui.dialogs.first_start import FirstStartChoice, FirstStartDialog

    dialog = FirstStartDialog(context.database.display_name)
    dialog.exec()
    if dialog.choice is FirstStartChoice.DEMO:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            context.run(None, demo.create_demo_data)
        finally:
            QApplication.restoreOverrideCursor()


SETTLE_EVERY_MS = 60 * 60 * 1000
# The count of couples past the retention period waits until the window is in use.
RETENTION_CHECK_AFTER_MS = 4000


def settle_waiting_lists(context: AppContext) -> None:
    """Let offers whose answer-by day has passed expire and offer their places onwards."""
    try:
        context.call(waiting_list.settle_all)
    except HoldMeTightError:
        log.warning("the waiting lists could not be brought up to date")


@dataclass
class _CareMailbox:
    """What the worker of :class:`DatabaseCare` hands to the GUI thread (under ``lock``)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    finished: bool = False
    problems: list[str] | None = None  # None: the check was stopped before it ended


class DatabaseCare(QObject):
    """The work on the whole database file that must not hold up the start: SQLite's check of
    every page, then the automatic backup when one is due.

    A worker thread does it on connections of its own; it touches no Qt object and sends no
    signal. A timer in the GUI thread reads how it ended. If the check finds damage, the window
    tells the user what to do and no backup is made (it would not pass its own check). Python's
    garbage collector rests while the worker runs, for the reason given in ``background``.
    """

    damaged = Signal(str)  # what to tell the user
    finished = Signal()

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        assert database.path is not None, "only a database file is checked here"
        self._path = database.path
        self._backups_dir = database.backups_dir
        self._check = IntegrityCheck(database.path)
        self._mailbox = _CareMailbox()
        self._thread: threading.Thread | None = None
        self._resume_collector = False
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.timeout.connect(self.start)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._look)

    def start_after(self, milliseconds: int) -> None:
        self._delay.start(milliseconds)

    def start(self) -> None:
        self._delay.stop()
        if self._thread is not None:
            return
        self._resume_collector = gc.isenabled()
        gc.freeze()
        gc.disable()
        self._thread = threading.Thread(
            target=_take_care,
            args=(self._check, self._path, self._backups_dir, self._mailbox),
            name="holdmetight-care",
            daemon=True,
        )
        self._thread.start()
        self._poll.start()

    def stop(self) -> None:
        """End the check early (the window is closing) and wait for the worker: a backup being
        written is finished, so that the database is closed cleanly."""
        self._delay.stop()
        self._check.stop()
        if self._thread is not None and self._poll.isActive():
            self._thread.join()
            self._poll.stop()
            self._let_collector_resume()

    def _look(self) -> None:
        with self._mailbox.lock:
            finished, problems = self._mailbox.finished, self._mailbox.problems
        if not finished:
            return
        self._poll.stop()
        self._let_collector_resume()
        if problems:
            log.warning("the database file failed SQLite's check of every page")
            self.damaged.emit(damage_found(str(self._path)))
        self.finished.emit()

    def _let_collector_resume(self) -> None:
        # A job of ``background`` started meanwhile found the collector resting and leaves it
        # so when it ends: then it resumes when the last job has ended.
        if not self._resume_collector:
            return
        if jobs_running():
            if self not in _resuming_later:  # kept until then, however soon the window is gone
                _resuming_later.add(self)
                after_each_job(self._let_collector_resume)
            return
        self._resume_collector = False
        _resuming_later.discard(self)
        gc.enable()


_resuming_later: set[DatabaseCare] = set()


def _take_care(
    check: IntegrityCheck, path: Path, backups_dir: Path | None, mailbox: _CareMailbox
) -> None:
    """The worker of :class:`DatabaseCare`: never touches a Qt object."""
    problems: list[str] | None = None
    try:
        problems = check.run()
        if problems == [] and backups_dir is not None:
            try:
                backup_if_due(path, backups_dir)
            except (OSError, sqlite3.Error, HoldMeTightError):
                log.warning("the automatic backup could not be made")
    finally:
        with mailbox.lock:
            mailbox.problems = problems
            mailbox.finished = True


def refuse_start(message: str, argv: Sequence[str] | None = None) -> int:
    """Say why the window cannot start (a database that cannot be used), in a message box;
    returns the exit status."""
    app = ensure_application(argv)
    install_qt_translations(app, current_language())
    QMessageBox.critical(None, _("holdmetight"), message)
    return 1


def run(url: str, *, is_default: bool, argv: Sequence[str] | None = None) -> int:
    """Start the application on the database at ``url``; returns the exit status."""
    if sys.stderr is not None:
        # A crash leaves where each thread was (code only, never data) for IT support.
        faulthandler.enable()
    app = ensure_application(argv)
    install_qt_translations(app, current_language())
    try:
        database = open_chosen_database(url, is_default=is_default)
    except DatabaseError as error:
        return refuse_start(str(error), argv)
    if database is None:  # the user did not give the server's password
        return 0
    context = AppContext(database)
    care: DatabaseCare | None = None
    try:
        try:
            window = start_window(context)
        except DatabaseError as error:  # a damaged page read while starting, for one
            QMessageBox.critical(None, _("holdmetight"), str(error))
            return 1
        if database.path is not None:
            care = DatabaseCare(database)
            care.damaged.connect(window.show_damage)
            care.start_after(CARE_AFTER_MS)
        # What start-up built lives as long as the window: keeping it out of the garbage
        # collector's full passes keeps those passes short, so background work never stalls
        # the window for long. (The collector may have been paused while it was built.)
        gc.freeze()
        gc.enable()
        return app.exec()
    finally:
        if care is not None:
            care.stop()
        database.dispose()


AskPassword = Callable[[str, str | None], str | None]
ConfirmUpgrade = Callable[[str], bool]


def open_chosen_database(
    url: str,
    *,
    is_default: bool,
    ask: AskPassword | None = None,
    confirm_upgrade: ConfirmUpgrade | None = None,
) -> Database | None:
    """Open the database the window starts on. A server login whose password is neither in
    the URL nor kept on this computer (which may have no credential store) gets it asked
    first, by ``ask(url, problem)``, and asked again with the server's reason while opening
    fails; so does a login whose kept password the server refuses (it was changed), with the
    server's reason the first time too. A password asked is not stored: *Connect to server*
    does that. A server database of an older version is upgraded only when the user confirms,
    as its administrator (``confirm_upgrade(message)``). None when the user cancels either
    question."""
    confirm = confirm_upgrade or confirm_server_upgrade

    def upgraded(target: str, error: UpgradeNeededError) -> Database | None:
        if not confirm(str(error)):
            return None
        return open_database(target, private_dir=is_default, upgrade_server=True)

    def opened(target: str) -> Database | None:
        try:
            return open_database(target, private_dir=is_default)
        except UpgradeNeededError as error:
            return upgraded(target, error)

    if is_sqlite(url):
        return open_database(url, private_dir=is_default)
    from holdmetight.db.credentials import has_password, stored_password, with_password

    if has_password(url):
        return opened(url)
    problem: str | None = None
    if stored_password(url) is not None:
        try:
            return open_database(url, private_dir=is_default)
        except UpgradeNeededError as error:
            return upgraded(url, error)
        except DatabaseError as error:  # the kept password may be out of date
            problem = str(error)
    if ask is None:
        from holdmetight.ui.dialogs.server_dialog import ask_password

        ask = ask_password
    while True:
        password = ask(url, problem)
        if password is None:
            return None
        try:
            return opened(with_password(url, password) if password else url)
        except DatabaseError as error:
            problem = str(error)


def confirm_server_upgrade(message: str) -> bool:
    """Ask whether to upgrade the server's database now, saying what that means for the other
    PCs; the safe answer (No) is the default."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _("Upgrade the database on the server?"),
        message
        + "\n\n"
        + _(
            "Upgrade it now only if you are the organisation's administrator and a backup of "
            "the server's database was made today. Colleagues with an older version of "
            "holdmetight can no longer open it until their PC is updated."
        ),
    )
    upgrade = box.addButton(_("&Upgrade now"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(_("&Not now"), QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is upgrade


def make_erasures_again(context: AppContext) -> str:
    """A database restored from a copy made before some erasures has them made again; what
    to tell the user about it ("" when there was nothing to do)."""
    from holdmetight.services import erasure_register

    try:
        again = erasure_register.make_again(context.database)
    except HoldMeTightError as error:
        return str(error)
    if not again:
        return ""
    return ngettext(
        "This database was restored from a copy made before {n} erasure: it has been made again.",
        "This database was restored from a copy made before {n} erasures: they have been made "
        "again.",
        len(again),
    ).format(n=len(again))


REMINDERS_AFTER_MS = 3000  # after the window is up, not in the way of its first paint


def start_window(context: AppContext) -> MainWindow:
    """Bring the database up to date (programmes shipped, offers expired), ask what to do with
    a new one, and show the main window."""
    context.call(install_shipped)
    again = make_erasures_again(context)
    offer_demo_data(context)
    settle_waiting_lists(context)
    window = MainWindow(context, window_settings())
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # Offers not answered in time pass to the next couple, also while the window stays open.
    hourly = QTimer(window)
    hourly.setInterval(SETTLE_EVERY_MS)
    hourly.timeout.connect(lambda: settle_waiting_lists(context))
    hourly.start()
    try:
        window.show()
    except DatabaseError:
        window.close()
        raise
    window.show_share_warning()
    if again:
        QMessageBox.information(window, _("holdmetight"), again)
    QTimer.singleShot(RETENTION_CHECK_AFTER_MS, window, window.look_for_couples_due)
    # Reminders due go out on start and every hour while the window is open (when switched on).
    QTimer.singleShot(REMINDERS_AFTER_MS, window, window.send_due_reminders)
    hourly.timeout.connect(window.send_due_reminders)
    return window
