"""The Courses page: the list of courses beside the chosen course's details."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from holdmetight.i18n import _
from holdmetight.services import courses
from holdmetight.ui import events
from holdmetight.ui.context import AppContext
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

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        events.events().changed.connect(self._on_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText("<b>" + _("Courses") + "</b>")
        self.model.retranslate()
        self.detail.retranslate()
        self.refresh()

    def refresh(self) -> None:
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

    def _on_changed(self, kind: str) -> None:
        if kind in (events.COURSES, events.ENROLLMENTS, events.ALL):
            self.refresh()
