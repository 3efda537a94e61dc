"""The Courses page: the list of courses beside the chosen course's details."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
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
from holdmetight.services import courses
from holdmetight.services.changes import Kind
from holdmetight.services.courses import CourseRow
from holdmetight.ui import course_actions
from holdmetight.ui.context import AppContext
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.models.course_table import COL_DATES, CourseTableModel
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
        self.table.sortByColumn(COL_DATES, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
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
        """Read the list again and keep the chosen course chosen."""
        selected = self.detail.course_id
        self.model.set_rows(self._context.call(courses.list_courses))
        self.select_course(selected)

    def select_course(self, course_id: int | None) -> None:
        """Select the course in the list (the first one when ``course_id`` is gone or None)."""
        proxy = self.table.model()
        target = 0
        for row in range(proxy.rowCount()):
            if proxy.index(row, 0).data(ID_ROLE) == course_id:
                target = row
                break
        if proxy.rowCount():
            self.table.selectRow(target)
        else:
            self.detail.show_course(None)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        self.detail.show_course(indexes[0].data(ID_ROLE) if indexes else None)
        self._update_actions()

    def selected_row(self) -> CourseRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        source = self.table.model().mapToSource(rows[0])  # type: ignore[attr-defined]
        return self.model.row_at(source.row())

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
