"""Qt's own texts (buttons of standard dialogs, context menus) in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from holdmetight.i18n import babel_locale

_translators: list[QTranslator] = []


def install_qt_translations(app: QApplication, language: str) -> bool:
    """Translate Qt's own dialogs and buttons (qtbase); True when a catalog was loaded."""
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    QLocale.setDefault(QLocale(babel_locale(language)))
    if language == "en":
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True
