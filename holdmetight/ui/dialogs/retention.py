"""The couples whose file has been kept longer than the organisation's retention period: each
is anonymised only when a person confirms it (see ``anonymise``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _, format_number, ngettext, short_date
from holdmetight.services import organisations, retention
from holdmetight.services.changes import Kind
from holdmetight.services.retention import DueCouple
from holdmetight.ui.context import AppContext
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.messages import show_error
from holdmetight.ui.models.paged_table import PagedTableModel
from holdmetight.ui.models.row_table import Column
from holdmetight.ui.views.tables import make_table
from holdmetight.ui.widgets import open_wide


class DueTableModel(PagedTableModel[DueCouple, str]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Number"), lambda d: str(d.couple_id), align_right=True),
                Column(lambda: _("Couple"), lambda d: d.names),
                Column(lambda: _("Last course or contact"), lambda d: short_date(d.last_activity)),
            ],
            parent,
            orders=["registered"] * 3,
            order=(0, Qt.SortOrder.AscendingOrder),
            identity=lambda d: d.couple_id,
        )


class RetentionDialog(QDialog):
    """Due for anonymisation: the list, and anonymising the couple chosen in it."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(_("Due for anonymisation"))
        organisation = context.call(organisations.get_organisation)
        years = organisation.retention_years if organisation else retention.DEFAULT_YEARS
        self.explanation = QLabel(
            ngettext(
                "These couples had their last course or contact more than {n} year ago, the "
                "period your organisation keeps a couple's file (Settings). Anonymise each "
                "one once you have checked that nothing requires keeping it longer.",
                "These couples had their last course or contact more than {n} years ago, the "
                "period your organisation keeps a couple's file (Settings). Anonymise each "
                "one once you have checked that nothing requires keeping it longer.",
                years,
            ).format(n=years)
        )
        self.explanation.setWordWrap(True)
        self.count_label = QLabel()
        self.model = DueTableModel(self)
        self.table = make_table(self.model, sortable=False, stretch_column=1)
        self.table.setAccessibleName(self.windowTitle())
        self.table.setMinimumHeight(320)
        self.table.doubleClicked.connect(lambda _index: self.anonymise())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_button())
        self.anonymise_button = QPushButton(_("Anonymise…"))
        self.anonymise_button.clicked.connect(self.anonymise)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.anonymise_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, stretch=1)
        layout.addWidget(buttons)
        self.freshness = Freshness(self, context, {Kind.COUPLES, Kind.ENROLLMENTS}, self.refresh)
        open_wide(self, 720)

    def refresh(self) -> None:
        try:
            total = self._context.call(retention.count_due)

            def fetch(offset: int, limit: int) -> list[DueCouple]:
                return self._context.call(
                    retention.due_for_anonymisation, offset=offset, limit=limit
                )

            self.model.load(fetch, total)
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.count_label.setText(
            ngettext(
                "{n} couple is due for anonymisation.",
                "{n} couples are due for anonymisation.",
                total,
            ).format(n=format_number(total))
        )
        self._update_button()

    def selected(self) -> DueCouple | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_button(self) -> None:
        self.anonymise_button.setEnabled(self.selected() is not None)

    def anonymise(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        from holdmetight.ui.dialogs.anonymise import AnonymiseDialog

        try:
            dialog = AnonymiseDialog(self._context, chosen.couple_id, self)
        except HoldMeTightError as error:  # anonymised meanwhile, on another PC
            show_error(self, error)
            return
        dialog.exec()
