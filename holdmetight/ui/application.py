"""The one QApplication, created with the names that QSettings and dialogs use.

Kept apart from :mod:`holdmetight.ui.app` so that what only needs the application object (the
self-test, the start-up measurements) does not load the main window and the database layer.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from holdmetight import __version__


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
