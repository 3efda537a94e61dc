"""Small widgets and helpers shared by the dialogs and pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLayout,
    QTimeEdit,
    QWidget,
)

from holdmetight.i18n import _, ngettext
from holdmetight.services.venues import VenueInfo
from holdmetight.ui.theme import caution_text

MAX_WARNING_LINES = 4


def fill_combo(
    combo: QComboBox, entries: Iterable[tuple[str, Any]], *, empty_label: str | None = None
) -> None:
    """Replace a combo's items, keeping the chosen value when it is still there."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if empty_label is not None:
        combo.addItem(empty_label, None)
    for text, value in entries:
        combo.addItem(text, value)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)


def fill_rooms(combo: QComboBox, venue: VenueInfo | None) -> None:
    """The rooms of a venue, after "any room" (the whole venue is booked then)."""
    fill_combo(
        combo,
        [(room.name, room.id) for room in (venue.rooms if venue else ())],
        empty_label=_("(any room)"),
    )
    combo.setEnabled(bool(venue and venue.rooms))


def select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def add_row_naming(form: QFormLayout, label: str, row: QLayout, field: QWidget) -> None:
    """Add a form row of several widgets whose label names ``field`` to a screen reader (a
    row's label names a lone field only)."""
    form.addRow(label, row)
    label_widget = form.labelForField(row)
    assert isinstance(label_widget, QLabel)
    label_widget.setBuddy(field)


def press_with(button: QAbstractButton, keys: QKeySequence | str) -> QShortcut:
    """Keys that press ``button`` wherever the focus is in its window, while the button is
    shown and enabled: only on its own page or tab, and only when it applies. Its tooltip
    names them (``name_keys``), as a menu names an action's."""
    shortcut = QShortcut(QKeySequence(keys), button)
    shortcut.activated.connect(button.animateClick)
    return shortcut


def name_keys(button: QAbstractButton, keys: QKeySequence) -> None:
    """Name in ``button``'s tooltip the keys that press it, after its text, as the main
    window's navigation does; called again once the text changes language."""
    text = button.text().replace("&", "").rstrip("…")
    button.setToolTip(f"{text} ({keys.toString(QKeySequence.SequenceFormat.NativeText)})")


def date_edit(value: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    """A date field with a calendar pop-up, showing the weekday (in the interface language)."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setDate(to_qdate(value or date.today()))
    return edit


def follow_language(edit: QDateEdit) -> None:
    """Show ``edit`` (and its calendar) in the interface language chosen since it was made:
    a widget keeps the language it was created in until told otherwise."""
    edit.setLocale(QLocale())
    edit.calendarWidget().setLocale(QLocale())
    edit.setDisplayFormat(edit.displayFormat())  # draw the date again in the new language


def time_edit(value: time, parent: QWidget | None = None) -> QTimeEdit:
    edit = QTimeEdit(parent)
    edit.setDisplayFormat("HH:mm")
    edit.setTime(QTime(value.hour, value.minute))
    return edit


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def from_qtime(value: QTime) -> time:
    return time(value.hour(), value.minute())


class WarningsLabel(QLabel):
    """Shows what deserves a second look (double bookings, steps out of order); hidden if none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("warnings")
        caution_text(self)
        self.warnings: list[str] = []
        self.hide()

    def show_warnings(self, warnings: Sequence[str]) -> None:
        self.warnings = list(warnings)
        shown = [f"⚠ {w}" for w in self.warnings[:MAX_WARNING_LINES]]
        hidden = len(self.warnings) - len(shown)
        if hidden > 0:
            shown.append(ngettext("… and {n} more", "… and {n} more", hidden).format(n=hidden))
        self.setText("\n".join(shown))
        self.setToolTip("\n".join(self.warnings) if hidden > 0 else "")
        self.setVisible(bool(self.warnings))


def save_cancel_buttons(dialog: QDialog, save: Callable[[], None]) -> QDialogButtonBox:
    """Save and Cancel for a form dialog: Save runs ``save`` (which accepts when it succeeds)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def ask_reason(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """Ask for a short reason; None when the user cancels."""
    text, ok = QInputDialog.getText(parent, title, prompt)
    return text if ok else None


def confirm_despite_warnings(parent: QWidget | None, warnings: Sequence[str]) -> bool:
    from PySide6.QtWidgets import QMessageBox

    if not warnings:
        return True
    answer = QMessageBox.question(
        parent,
        _("Save anyway?"),
        _("Please check:")
        + "\n\n"
        + "\n".join(f"• {w}" for w in warnings)
        + "\n\n"
        + _("Save anyway?"),
    )
    return answer == QMessageBox.StandardButton.Yes


class _WidthOnFirstShow(QObject):
    def __init__(self, dialog: QWidget, width: int) -> None:
        super().__init__(dialog)
        self._width = width
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            hint = watched.sizeHint()
            watched.resize(max(self._width, hint.width()), hint.height())
        return False


def open_wide(dialog: QWidget, width: int) -> None:
    """Open ``dialog`` ``width`` pixels wide, or wider when its texts need it.

    A minimum width set by hand replaces the one the layout works out, and so cuts off what a
    longer translation needs ("Intakegesprek vereist vóór een plaats…"); this only chooses the
    width it opens with, once the dialog is complete and in the language in use."""
    _WidthOnFirstShow(dialog, width)
