"""``holdmetight selftest``: does this installation work? (for IT and packaging)

Opens the database, shows the main window offscreen (its first page reads its data, as at a real
start) and paints it, and checks the catalogs and shipped resources. Prints one line per check;
exit 0 when all pass.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from holdmetight.i18n import _, catalog, using_language

WAIT_FOR_PAGE_MS = 30_000


def _check_catalogs() -> str:
    with using_language("nl"):
        translated = _("Courses")
    if translated == "Courses" or not catalog("nl"):
        raise RuntimeError("the Dutch catalog is missing or empty")
    return _("Dutch catalog loaded")


def _check_programmes() -> str:
    from holdmetight.services.programs import programs_dir, read_program_file

    files = sorted(programs_dir().glob("*.toml"))
    if not files:
        raise RuntimeError(f"no programme files in {programs_dir()}")
    for path in files:
        read_program_file(path)
    return _("{n} programme files readable").format(n=len(files))


def _check_fonts() -> str:
    from reportlab.pdfbase import pdfmetrics

    from holdmetight.reports.common import FONT, FONT_BOLD, register_fonts

    register_fonts()
    sample = "éëïöüçÇĲĳ€’"
    for name in (FONT, FONT_BOLD):
        glyphs = pdfmetrics.getFont(name).face.charToGlyph
        missing = [c for c in sample if ord(c) not in glyphs]
        if missing:
            raise RuntimeError(f"{name} lacks {''.join(missing)}")
    return _("fonts for printing found")


def _check_guide() -> str:
    from holdmetight.ui.dialogs.user_guide import TOPICS, guide_dir

    for language in ("nl", "en"):
        folder = guide_dir(language)
        if folder.name != language:
            raise RuntimeError(f"the user guide in {language} is missing")
        missing = [topic for topic in TOPICS if not (folder / f"{topic}.md").is_file()]
        pictures = list((folder.parent / "images" / language).glob("*.png"))
        if missing or not pictures:
            raise RuntimeError(f"the user guide in {language} lacks {missing or 'its pictures'}")
    return _("user guide found in Dutch and English")


def _check_icons() -> str:
    from holdmetight.ui import icons

    drawn = icons.icon("today").pixmap(32, 32).toImage()
    if drawn.isNull() or not any(
        drawn.pixelColor(x, y).alpha() for x in range(32) for y in range(32)
    ):
        raise RuntimeError("the icon font could not be loaded")
    return _("icons drawn")


def run_selftest(url: str, *, is_default: bool) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QDeadlineTimer, QSettings, QTemporaryDir

    from holdmetight.db.database import open_database
    from holdmetight.ui.application import ensure_application
    from holdmetight.ui.background import jobs_running
    from holdmetight.ui.context import AppContext
    from holdmetight.ui.main_window import MainWindow
    from holdmetight.ui.qt_translations import install_qt_translations

    app = ensure_application()
    failures = 0
    state: dict[str, AppContext] = {}

    def check_database() -> str:
        database = open_database(url, private_dir=is_default)
        state["context"] = AppContext(database)
        return _("database opened: {name}").format(name=database.display_name)

    def check_window() -> str:
        scratch = QTemporaryDir()  # the user's own window layout stays as it was
        settings = QSettings(scratch.filePath("window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(state["context"], settings)
        window.resize(1000, 700)
        window.show()  # its first page reads its data as it is shown (in the background)
        page = window.pages.currentWidget()
        waited = QDeadlineTimer(WAIT_FOR_PAGE_MS)
        while (jobs_running() or not getattr(page, "ready", True)) and not waited.hasExpired():
            app.processEvents()
            time.sleep(0.02)
        if jobs_running() or not getattr(page, "ready", True):
            raise RuntimeError("the first page did not finish reading its data")
        pixmap = window.grab()
        window.close()
        window.deleteLater()
        if pixmap.isNull() or pixmap.width() < 100:
            raise RuntimeError("the main window could not be painted")
        return _("main window painted ({w}×{h})").format(w=pixmap.width(), h=pixmap.height())

    def check_qt_translations() -> str:
        if not install_qt_translations(app, "nl"):
            raise RuntimeError("Qt's Dutch translations were not found")
        return _("Qt translations found")

    checks: list[Callable[[], str]] = [
        check_database,
        _check_catalogs,
        _check_programmes,
        _check_guide,
        _check_icons,
        check_qt_translations,
        check_window,
    ]
    for check in checks:
        if check is check_window and "context" not in state:
            continue
        try:
            print(_("ok: {what}").format(what=check()))
        except Exception as error:
            failures += 1
            print(_("FAILED: {what}").format(what=error))
    if "context" in state:
        state["context"].database.dispose()
    print(_("selftest passed") if not failures else _("selftest failed"))
    return 0 if not failures else 1
