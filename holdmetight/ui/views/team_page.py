"""The Team & venues page: the facilitators who give the courses and where they meet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from holdmetight.i18n import _
from holdmetight.services import facilitators, venues
from holdmetight.services.changes import Kind
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.team_forms import FacilitatorDialog, VenueDialog
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.models.row_table import RowTableModel
from holdmetight.ui.models.team_tables import FacilitatorTableModel, VenueTableModel
from holdmetight.ui.views.tables import keeping_place, make_table


class _Section(QWidget):
    """A titled list with New and Edit buttons."""

    def __init__(self, model: RowTableModel[Any], edit: Callable[[Any | None], None]) -> None:
        super().__init__()
        self.model = model
        self._edit = edit
        self.title = QLabel()
        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.table: QTableView = make_table(model, sortable=False, stretch_column=0)
        self.new_button.clicked.connect(lambda: self._edit(None))
        self.edit_button.clicked.connect(self._edit_selected)
        self.table.doubleClicked.connect(lambda _index: self._edit_selected())
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def _edit_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._edit(self.model.row_at(rows[0].row()))


class TeamPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.people = _Section(FacilitatorTableModel(self), self.edit_facilitator)
        self.places = _Section(VenueTableModel(self), self.edit_venue)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.people)
        splitter.addWidget(self.places)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.freshness = Freshness(self, context, {Kind.TEAM}, self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        # Each table is named by the title above it (a table takes no buddy label).
        for section, title in ((self.people, _("Facilitators")), (self.places, _("Venues"))):
            section.title.setText(f"<b>{title}</b>")
            section.table.setAccessibleName(title)
        self.people.new_button.setText(_("New facilitator…"))
        self.places.new_button.setText(_("New venue…"))
        for section in (self.people, self.places):
            section.edit_button.setText(_("Edit…"))
            section.model.retranslate()
        self.freshness.request()

    def refresh(self) -> None:
        with keeping_place(self.people.table), keeping_place(self.places.table):
            self.people.model.set_rows(self._context.call(facilitators.list_facilitators))
            self.places.model.set_rows(self._context.call(venues.list_venues))

    def edit_facilitator(self, person: Any | None) -> None:
        FacilitatorDialog(self._context, person, self).exec()

    def edit_venue(self, venue: Any | None) -> None:
        VenueDialog(self._context, venue, self).exec()
