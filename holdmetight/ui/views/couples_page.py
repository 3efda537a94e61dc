"""The Couples page: every couple, filtered as you type."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from holdmetight.domain.enums import EnrollmentStatus
from holdmetight.i18n import _, ngettext
from holdmetight.services import couple_list
from holdmetight.ui import events
from holdmetight.ui.context import AppContext
from holdmetight.ui.models.couple_table import CoupleTableModel
from holdmetight.ui.views.tables import make_table

FILTER_DELAY_MS = 120


class CouplesPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.count_label = QLabel()
        self.model = CoupleTableModel(self)
        self.table = make_table(self.model, sortable=False, stretch_column=0)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.filter_edit.textChanged.connect(self._timer.start)
        self.status_combo.currentIndexChanged.connect(self.refresh)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, stretch=1)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        events.events().changed.connect(self._on_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(_("Filter by name, e-mail, postcode or municipality"))
        current = self.status_combo.currentData()
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(_("All statuses"), None)
        for status in EnrollmentStatus:
            self.status_combo.addItem(status.label, status.value)
        index = self.status_combo.findData(current)
        self.status_combo.setCurrentIndex(max(index, 0))
        self.status_combo.blockSignals(False)
        self.model.retranslate()
        self.refresh()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def refresh(self) -> None:
        """Run the current filter again (at once, not waiting for the typing pause)."""
        self._timer.stop()
        text = self.filter_edit.text()
        chosen = self.status_combo.currentData()
        status = EnrollmentStatus(chosen) if chosen else None
        total = self._context.call(couple_list.count_couples, text=text, status=status)

        def fetch(offset: int, limit: int) -> list[couple_list.CoupleRow]:
            return self._context.call(
                couple_list.list_couples, text=text, status=status, offset=offset, limit=limit
            )

        self.model.load(fetch, total)
        self.count_label.setText(ngettext("{n} couple", "{n} couples", total).format(n=total))

    def _on_changed(self, kind: str) -> None:
        if kind in (events.COUPLES, events.ENROLLMENTS, events.ALL):
            self.refresh()
