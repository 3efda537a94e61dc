"""Light or dark, as the system is set: the window's palette, the colour of warnings, and the
icons drawn in the palette's colours.

Where the platform's own style follows the system's dark mode (Windows 11, macOS, most Linux
desktops), its palette is used as it is. Where it does not (the classic Windows style), the
window switches to Qt's Fusion style with a dark palette of our own while the system is dark,
and back when it is light. Everything drawn in fixed colours (warnings in red, icons) is drawn
again when the palette changes.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from shiboken6 import isValid

DARK_WHEN_LIGHTNESS_BELOW = 128
# Warnings: a red and an amber that read on a light background, and their lighter twins that
# read on a dark one (both pass WCAG AA contrast against the window colour).
PROBLEM = {False: "#b00020", True: "#ff8a80"}
CAUTION = {False: "#8a4b00", True: "#ffb74d"}


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style, for platforms whose style stays light."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#2a2a2a",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9e9e9e",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.BrightText: "#ff8a80",
        QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.Midlight: "#3f3f3f",
        QPalette.ColorRole.Mid: "#2f2f2f",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#3d7ad6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.LinkVisited: "#c58af9",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f7f7f"))
    return palette


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the window is drawn light on dark."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < DARK_WHEN_LIGHTNESS_BELOW


class Theme(QObject):
    """Follows the system's colour scheme; ``changed`` says the palette was changed."""

    changed = Signal()

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._own_palette = False
        self._light_style = app.style().name()
        self._labels: weakref.WeakKeyDictionary[QLabel, tuple[dict[bool, str], bool]] = (
            weakref.WeakKeyDictionary()
        )
        # The palette changes in several steps when the system switches: say it once, after
        # them. (No event filter on the application: it would see every event of every widget.)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(0)
        self._settle.timeout.connect(self._palette_changed)
        app.styleHints().colorSchemeChanged.connect(self.apply_scheme)
        self.apply_scheme(app.styleHints().colorScheme())

    def apply_scheme(self, scheme: Qt.ColorScheme) -> None:
        """Dark or light as ``scheme`` says, with our palette where the style stays light."""
        app = self._app
        wants_dark = scheme is Qt.ColorScheme.Dark
        if wants_dark and not self._own_palette and not is_dark(app.palette()):
            app.setStyle("Fusion")
            app.setPalette(dark_palette())
            self._own_palette = True
        elif not wants_dark and self._own_palette:
            app.setStyle(self._light_style)
            app.setPalette(app.style().standardPalette())
            self._own_palette = False
        self._settle.start()

    def _palette_changed(self) -> None:
        for label, (colours, bold) in list(self._labels.items()):
            if isValid(label):
                self._colour(label, colours, bold)
            else:
                del self._labels[label]
        self.changed.emit()

    def colour_text(self, label: QLabel, colours: dict[bool, str], *, bold: bool) -> None:
        self._labels[label] = (colours, bold)
        self._colour(label, colours, bold)

    @staticmethod
    def _colour(label: QLabel, colours: dict[bool, str], bold: bool) -> None:
        weight = " font-weight: bold;" if bold else ""
        label.setStyleSheet(f"color: {colours[is_dark()]};{weight}")


_theme: Theme | None = None


def theme() -> Theme:
    """The application's theme, following the system from the first call on."""
    global _theme
    if _theme is None:
        app = QApplication.instance()
        assert isinstance(app, QApplication), "the QApplication comes first"
        _theme = Theme(app)
    return _theme


def problem_text(label: QLabel, *, bold: bool = False) -> None:
    """Draw ``label`` in the colour of a problem (red), readable in light and dark."""
    theme().colour_text(label, PROBLEM, bold=bold)


def caution_text(label: QLabel, *, bold: bool = False) -> None:
    """Draw ``label`` in the colour of a caution (amber), readable in light and dark."""
    theme().colour_text(label, CAUTION, bold=bold)
