"""The Courses page: the list of courses beside the chosen course's details.

The list is read a page at a time in the order the user chose (latest first until a header is
clicked); the chosen course stays chosen across refreshes, found by its id among the rows
fetched, and stays in the detail pane even when it is further down than the list was read.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import CourseStatus
from holdmetight.domain.rules import COURSE_TRANSITIONS
from holdmetight.i18n import _
from holdmetight.services import course_list
from holdmetight.services.changes import Kind
from holdmetight.services.course_list import CourseRow
from holdmetight.ui import course_actions
from holdmetight.ui.context import AppContext
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.models.course_table import CourseTableModel
from holdmetight.ui.models.row_table import ID_ROLE
from holdmetight.ui.views.course_detail import CourseDetailView
from holdmetight.ui.views.tables import make_table


class CoursesPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.title = QLabel()
        self.model = CourseTableModel(self)
        self.table = make_table(self.model, sortable=True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.order_changed.connect(self._order_changed)
        self.model.rowsInserted.connect(self._chosen_arrived)
        self.detail = CourseDetailView(context)

        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_course)
        self.status_button = QToolButton()
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self)
        self.status_button.setMenu(self.status_menu)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_calendar)
        self.handouts_button = QPushButton()
        self.handouts_button.clicked.connect(self.print_handouts)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        for widget in (
            self.new_button,
            self.status_button,
            self.handouts_button,
            self.export_button,
        ):
            bar.addWidget(widget)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.freshness = Freshness(
            self, context, {Kind.COURSES, Kind.MEETINGS, Kind.ENROLLMENTS, Kind.TEAM}, self.refresh
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText("<b>" + _("Courses") + "</b>")
        self.new_button.setText(_("New course…"))
        self.status_button.setText(_("Status"))
        self.export_button.setText(_("Export calendar…"))
        self.handouts_button.setText(_("Handouts…"))
        self.model.retranslate()
        self.detail.retranslate()
        self.freshness.request()

    def refresh(self) -> None:
        """Read the list again as far as it was read, and keep the chosen course chosen."""
        self._load(rows=self.model.rowCount())

    def _order_changed(self) -> None:
        """A click on a column header: the list from the top in the new order, scrolled to the
        chosen course when it is on the first page."""
        if self.isVisible():
            self.table.scrollToTop()
            self._load(rows=0)
        else:
            self.freshness.request()

    def _load(self, *, rows: int) -> None:
        chosen = self.detail.course_id
        order, descending = self.model.order, self.model.descending
        total = self._context.call(course_list.count_courses)

        def fetch(offset: int, limit: int) -> list[CourseRow]:
            return self._context.call(
                course_list.list_courses,
                order=order,
                descending=descending,
                offset=offset,
                limit=limit,
            )

        scrolled = self.table.verticalScrollBar().value()
        self.model.load(fetch, total, rows=rows)
        self.table.verticalScrollBar().setValue(scrolled)
        row = self.model.row_of(chosen)
        if row is not None:
            self.table.selectRow(row)
        elif chosen is None and self.model.rowCount():
            self.table.selectRow(0)
        self._update_actions()

    def select_course(self, course_id: int | None) -> None:
        """Select the course in the list, reading the list as far as it stands (the first
        course when ``course_id`` is gone or None)."""
        row = self.model.row_of(course_id)
        if row is None and course_id is not None:
            place = self._context.call(
                course_list.course_place,
                course_id=course_id,
                order=self.model.order,
                descending=self.model.descending,
            )
            if place is not None:
                self.model.fetch_through(place)
                row = self.model.row_of(course_id)
        if row is None and self.model.rowCount():
            row = 0
        if row is None:
            self.detail.show_course(None)
        else:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self._update_actions()

    def _chosen_arrived(self) -> None:
        """Scrolling fetched the rows that hold the course in the detail pane: mark it chosen
        (without moving the list)."""
        if self.table.selectionModel().hasSelection():
            return
        row = self.model.row_of(self.detail.course_id)
        if row is not None:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        self.detail.show_course(indexes[0].data(ID_ROLE) if indexes else None)
        self._update_actions()

    def selected_row(self) -> CourseRow | None:
        """The course chosen: its row in the list, or as the detail pane read it when the list
        was not read as far as that course."""
        course_id = self.detail.course_id
        row = self.model.row_of(course_id)
        if row is not None:
            return self.model.row_at(row)
        info = self.detail.info
        return info.row if info is not None and info.row.id == course_id else None

    def _update_actions(self) -> None:
        row = self.selected_row()
        self.status_menu.clear()
        if row is not None:
            for status in sorted(COURSE_TRANSITIONS[row.status], key=list(CourseStatus).index):
                action = self.status_menu.addAction(_(course_actions.STATUS_ACTIONS[status]))
                action.setData(status.value)
                action.triggered.connect(
                    lambda _checked=False, s=status, c=row.id: course_actions.change_status(
                        self, self._context, c, s
                    )
                )
        self.status_button.setEnabled(not self.status_menu.isEmpty())
        self.export_button.setEnabled(row is not None)
        self.handouts_button.setEnabled(row is not None)

    def new_course(self) -> None:
        course_id = course_actions.new_course(self, self._context)
        if course_id is not None:
            self.select_course(course_id)

    def print_handouts(self) -> None:
        row = self.selected_row()
        if row is not None:
            course_actions.print_handouts(self, self._context, row.code, row.language)

    def export_calendar(self) -> None:
        row = self.selected_row()
        if row is not None:
            course_actions.export_calendar(self, self._context, row.code)
