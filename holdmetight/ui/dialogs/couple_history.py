"""A couple's way through intakes, courses and waiting lists, oldest first."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from holdmetight.i18n import _, format_date
from holdmetight.services import couples, intakes, waiting_list
from holdmetight.services.waiting_list import HistoryEntry
from holdmetight.ui.context import AppContext
from holdmetight.ui.models.row_table import Column, RowTableModel
from holdmetight.ui.views.tables import make_table


class HistoryTableModel(RowTableModel[HistoryEntry]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Date"), lambda h: format_date(h.on)),
                Column(lambda: _("Course"), lambda h: h.course_code or "–"),
                Column(lambda: _("What happened"), lambda h: h.text),
            ],
            parent,
            identity=lambda h: (h.at, h.course_code, h.text),
        )


def intake_entries(context: AppContext, couple_id: int) -> list[HistoryEntry]:
    return [
        HistoryEntry(
            at=datetime.combine(i.date, time.min),
            on=i.date,
            course_code="",
            text=_("intake: {light}, {outcome}").format(
                light=i.traffic_light.label, outcome=i.outcome.label
            ),
        )
        for i in context.call(intakes.list_intakes, couple_id=couple_id)
    ]


class CoupleHistoryDialog(QDialog):
    def __init__(self, context: AppContext, couple_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        couple = context.call(couples.get_couple, couple_id=couple_id)
        self.setWindowTitle(_("History: {names}").format(names=couple.names))
        entries = intake_entries(context, couple_id) + context.call(
            waiting_list.couple_history, couple_id=couple_id
        )
        self.model = HistoryTableModel(self)
        self.model.set_rows(sorted(entries, key=lambda h: h.at))
        self.table = make_table(self.model, sortable=False, stretch_column=2)
        self.table.setAccessibleName(_("History of the couple"))
        empty = QLabel(_("Nothing recorded yet."))
        empty.setVisible(not entries)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 420)
