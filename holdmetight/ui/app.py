"""Starting the application: Qt set-up, opening the database, first start, the main window."""

from __future__ import annotations

import faulthandler
import gc
import logging
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from holdmetight import __version__
from holdmetight.config import config_dir
from holdmetight.db.backup import backup_if_due
from holdmetight.db.database import open_database
from holdmetight.errors import DatabaseError, HoldMeTightError
from holdmetight.i18n import _, current_language
from holdmetight.services import demo, programs, waiting_list
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.first_start import FirstStartChoice, FirstStartDialog
from holdmetight.ui.main_window import MainWindow
from holdmetight.ui.qt_translations import install_qt_translations

log = logging.getLogger(__name__)


def ensure_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (created once, with the names QSettings and dialogs use)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setOrganizationName("holdmetight")
    QApplication.setApplicationName("holdmetight")
    QApplication.setApplicationVersion(__version__)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    return QApplication(list(argv) if argv is not None else sys.argv[:1])


def window_settings() -> QSettings:
    """Window sizes and splitter positions, in an INI file beside the settings file."""
    return QSettings(str(Path(config_dir()) / "window.ini"), QSettings.Format.IniFormat)


def offer_demo_data(context: AppContext) -> None:
    """On a new, empty database: ask whether to create demo data."""
    if not context.call(demo.database_is_empty):
        return
    dialog = FirstStartDialog(context.database.display_name)
    dialog.exec()
    if dialog.choice is FirstStartChoice.DEMO:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            context.run(None, demo.create_demo_data)
        finally:
            QApplication.restoreOverrideCursor()


SETTLE_EVERY_MS = 60 * 60 * 1000


def settle_waiting_lists(context: AppContext) -> None:
    """Let offers whose answer-by day has passed expire and offer their places onwards."""
    try:
        context.call(waiting_list.settle_all)
    except HoldMeTightError:
        log.warning("the waiting lists could not be brought up to date")


def run(url: str, *, is_default: bool, argv: Sequence[str] | None = None) -> int:
    """Start the application on the database at ``url``; returns the exit status."""
    if sys.stderr is not None:
        # A crash leaves where each thread was (code only, never data) for IT support.
        faulthandler.enable()
    app = ensure_application(argv)
    install_qt_translations(app, current_language())
    try:
        database = open_database(url, private_dir=is_default)
    except DatabaseError as error:
        QMessageBox.critical(None, _("holdmetight"), str(error))
        return 1
    context = AppContext(database)
    try:
        if database.path is not None and database.backups_dir is not None:
            try:
                backup_if_due(database.path, database.backups_dir)
            except (OSError, sqlite3.Error, HoldMeTightError):
                log.warning("the automatic backup could not be made")
        context.call(programs.install_shipped_programs)
        offer_demo_data(context)
        settle_waiting_lists(context)
        window = MainWindow(context, window_settings())
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Offers not answered in time pass to the next couple, also while the window stays open.
        hourly = QTimer(window)
        hourly.setInterval(SETTLE_EVERY_MS)
        hourly.timeout.connect(lambda: settle_waiting_lists(context))
        hourly.start()
        window.show()
        # What start-up built lives as long as the window: keeping it out of the garbage
        # collector's full passes keeps those passes short, so background work never stalls
        # the window for long.
        gc.freeze()
        return app.exec()
    finally:
        database.dispose()
