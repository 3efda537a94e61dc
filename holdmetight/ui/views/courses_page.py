"""The Courses page: the list of courses beside the chosen course's details.

The list is read a page at a time in the order the user chose (latest first until a header is
clicked); the chosen course stays chosen across refreshes, found by its id among the rows
fetched, and stays in the detail pane even when it is further down than the list was read.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QResizeEvent
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
from holdmetight.ui import course_actions, icons
from holdmetight.ui.context import AppContext
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.models.course_table import CourseTableModel
from holdmetight.ui.models.row_table import ID_ROLE
from holdmetight.ui.views.course_detail import CourseDetailView
from holdmetight.ui.views.tables import make_table

# Courses the list keeps in view when it shares a short screen with the chosen course.
LEAST_LIST_ROWS = 1
# The list's share of the page when the course does not need all of it.
LIST_SHARE = 0.3
# Marks the sizes saved by this page (sizes saved before it sized itself are not restored).
STATE_MARK = b"holdmetight-courses-1:"


class CourseSplitter(QSplitter):
    """The course list above, the chosen course below.

    The list has its share of the page. While the course's attendance is shown, the course
    has the height its grid needs for a full group (every partner in view;
    ``CourseDetailView.full_height``): the list keeps what is left, and on a screen too short
    for even a course or two of it (a laptop) it folds away until another tab is chosen. Once
    the user moves the handle, the sizes are theirs, and kept across starts."""

    shared = Signal()  # the sizes were set anew

    def __init__(
        self,
        *,
        least_list_height: Callable[[], int],
        detail_height: Callable[[], int],
        detail_needs_all: Callable[[], bool],
    ) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self._least_list_height = least_list_height
        self._detail_height = detail_height
        self._detail_needs_all = detail_needs_all
        self.automatic = True
        self.splitterMoved.connect(self._moved_by_hand)

    def saveState(self) -> QByteArray:
        """Only sizes the user chose; automatic ones are worked out again at the next start."""
        if self.automatic:
            return QByteArray()
        return QByteArray(STATE_MARK + bytes(super().saveState().data()))

    def restoreState(self, state: QByteArray | bytes | bytearray | memoryview) -> bool:
        saved = bytes(state.data()) if isinstance(state, QByteArray) else bytes(state)
        if not saved.startswith(STATE_MARK):
            return False
        restored = super().restoreState(QByteArray(saved[len(STATE_MARK) :]))
        if restored:
            self.automatic = False
        return restored

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.share()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # the course shown needs other room
            self.share()
        return handled

    def share(self) -> None:
        """Set the sizes for the course shown now (while they are automatic)."""
        total = self.height() - self.handleWidth()
        if not self.automatic or self.count() != 2 or total <= 0:
            return
        least = self._least_list_height()
        top = max(least, round(LIST_SHARE * total))
        if self._detail_needs_all():
            spare = total - self._detail_height()
            top = min(top, spare) if spare >= least else 0
        if self.sizes() != [top, total - top]:
            self.setSizes([top, total - top])
            self.shared.emit()

    def _moved_by_hand(self, _position: int, _index: int) -> None:
        self.automatic = False


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
        icons.dress(self.new_button, "new")
        self.new_button.clicked.connect(self.new_course)
        self.status_button = QToolButton()
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self)
        self.status_button.setMenu(self.status_menu)
        self.export_button = QPushButton()
        icons.dress(self.export_button, "calendar")
        self.export_button.clicked.connect(self.export_calendar)
        self.handouts_button = QPushButton()
        icons.dress(self.handouts_button, "print")
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
        self._list_layout = left_layout
        self._list_bar = bar
        self.splitter = CourseSplitter(
            least_list_height=self._least_list_height,
            detail_height=self.detail.full_height,
            detail_needs_all=self.detail.recording_attendance,
        )
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, True)
        self.splitter.setCollapsible(1, False)
        self.splitter.shared.connect(self._keep_chosen_in_view)
        self.detail.tabs.currentChanged.connect(lambda _index: self.splitter.share())
        self.table.setMinimumHeight(self._least_list_height() - self._list_bar_height())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.freshness = Freshness(
            self, context, {Kind.COURSES, Kind.MEETINGS, Kind.ENROLLMENTS, Kind.TEAM}, self.refresh
        )
        self.retranslate()

    def _list_bar_height(self) -> int:
        return self._list_bar.sizeHint().height() + self._list_layout.spacing()

    def _least_list_height(self) -> int:
        """The list keeps its buttons, its header and a course or so in view."""
        table = self.table
        rows = LEAST_LIST_ROWS * table.verticalHeader().defaultSectionSize()
        header = table.horizontalHeader().sizeHint().height()
        return self._list_bar_height() + header + rows + 2 * table.frameWidth()

    def _keep_chosen_in_view(self) -> None:
        """After the list was made shorter, the chosen course is still in view, with its
        columns fitted to the courses now in view (a table fits them to the rows it shows)."""
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.scrollTo(rows[0])
            header = self.table.horizontalHeader()
            QTimer.singleShot(0, header, header.doItemsLayout)

    def retranslate(self) -> None:
        self.title.setText("<b>" + _("Courses") + "</b>")
        self.table.setAccessibleName(_("Courses"))
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
