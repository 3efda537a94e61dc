"""``holdmetight selftest``: does this installation work? (for IT and packaging)

Opens the database, shows the main window offscreen (its first page reads its data, as at a real
start) and paints it, and checks the catalogs and shipped resources. Prints one line per check;
exit 0 when all pass.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from holdmetight.i18n import _, catalog, using_language


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


def run_selftest(url: str, *, is_default: bool) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QTemporaryDir

    from holdmetight.db.database import open_database
    from holdmetight.ui.application import ensure_application
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
        window.show()  # its first page reads its data as it is shown
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
