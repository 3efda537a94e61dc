"""The one QApplication, created with the names that QSettings and dialogs use.

Kept apart from :mod:`holdmetight.ui.app` so that what only needs the application object (the
self-test, the start-up measurements) does not load the main window and the database layer.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from holdmetight import __version__

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def ensure_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (created once, with the names QSettings and dialogs use)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setOrganizationName("holdmetight")
    QApplication.setApplicationName("holdmetight")
    QApplication.setApplicationVersion(__version__)
    # The desktop's menu entry (packaging/linux/holdmetight.desktop): its name and icon go with
    # the window on GNOME and Wayland.
    QGuiApplication.setDesktopFileName("holdmetight")
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setWindowIcon(application_icon())
    return app


def application_icon() -> QIcon:
    """The application's icon (two hearts), in the sizes drawn for it."""
    from holdmetight.installation import resources_dir

    folder = resources_dir() / "icons"
    found = QIcon()
    for size in ICON_SIZES:
        found.addFile(str(folder / f"holdmetight-{size}.png"), QSize(size, size))
    return found
