"""Icons for the navigation and the main actions, from the Material Design Icons that
``qtawesome`` draws, in the colours of the palette (so they read in light and dark themes, and
are drawn again when the system switches).

Loading the icon font takes a fifth of a second, so the window is shown first and dressed a
moment later (:func:`load`); what asks for an icon before that gets it then.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QAbstractButton, QToolButton
from shiboken6 import isValid

from holdmetight.ui.theme import theme

NAMES = {
    # navigation
    "today": "mdi6.calendar-today",
    "courses": "mdi6.account-group",
    "agenda": "mdi6.calendar-month",
    "couples": "mdi6.heart-multiple",
    "programs": "mdi6.format-list-numbered",
    "team": "mdi6.account-tie",
    "fees": "mdi6.cash-multiple",
    # actions
    "new": "mdi6.plus-circle-outline",
    "edit": "mdi6.pencil",
    "settings": "mdi6.cog",
    "server": "mdi6.server-network",
    "refresh": "mdi6.refresh",
    "quit": "mdi6.exit-to-app",
    "find": "mdi6.magnify",
    "help": "mdi6.help-circle-outline",
    "about": "mdi6.information-outline",
    "audit": "mdi6.shield-search",
    "anonymise": "mdi6.account-off-outline",
    "questionnaires": "mdi6.clipboard-text-outline",
    "figures": "mdi6.chart-bar",
    "print": "mdi6.printer",
    "export": "mdi6.file-export-outline",
    "import": "mdi6.file-import-outline",
    "calendar": "mdi6.calendar-export",
    "message": "mdi6.email-outline",
    "messages": "mdi6.email-multiple-outline",
    "intake": "mdi6.clipboard-account-outline",
    "enroll": "mdi6.account-plus-outline",
    "record": "mdi6.clipboard-check-outline",
    "payment": "mdi6.cash-plus",
    "receipt": "mdi6.receipt",
    "privacy": "mdi6.shield-account-outline",
}

Target = QAction | QAbstractButton
_dressed: weakref.WeakKeyDictionary[Target, str] = weakref.WeakKeyDictionary()
_loaded = False
_following = False


def icon(name: str) -> QIcon:
    """The icon ``name`` (a key of :data:`NAMES`) in the palette's text colours."""
    import qtawesome

    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    return qtawesome.icon(
        NAMES[name],
        color=text,
        color_active=text,
        color_selected=palette.color(QPalette.ColorRole.HighlightedText),
        color_disabled=palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText),
    )


def dress(target: Target, name: str) -> None:
    """Give an action or a button its icon (now, or once the icons are loaded), and again
    whenever the palette changes."""
    _dressed[target] = name
    if isinstance(target, QToolButton):  # keeps its words beside the icon
        target.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    if _loaded:
        target.setIcon(icon(name))


def load() -> None:
    """Load the icon font and give everything dressed so far its icon."""
    global _loaded, _following
    _loaded = True
    if not _following:
        theme().changed.connect(redraw)
        _following = True
    redraw()


def redraw() -> None:
    for target, name in list(_dressed.items()):
        if isValid(target):  # a closed window's buttons may be gone before Python knows
            target.setIcon(icon(name))
        else:
            del _dressed[target]
