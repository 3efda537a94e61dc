"""Registering attendance for a course: keyboard first, saved at once, undoable."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionHeader,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.completion import CompletionState
from holdmetight.domain.enums import AttendanceStatus
from holdmetight.i18n import _, current_language, long_date, short_date
from holdmetight.reports.attendance_letters import legend, status_of_letter
from holdmetight.services import attendance, courses
from holdmetight.services.attendance import GridMeeting, Mark
from holdmetight.services.changes import Kind
from holdmetight.ui import couple_actions, course_actions, icons
from holdmetight.ui.context import AppContext
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.models.attendance_grid import AttendanceGridModel
from holdmetight.ui.theme import problem_text
from holdmetight.ui.views.attendance_chart import AttendanceChart
from holdmetight.ui.widgets import name_keys

CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
Change = tuple[int, Mark]  # enrollment id, both partners' marks at one meeting
# The largest group the grid is laid out for: every partner of twelve couples in view at once.
FULL_GROUP_ROWS = 24
# Beside the grid: the chart, who needs attention and the keys, in a column this wide.
SIDE_WIDTH = 180


class AttendanceTable(QTableView):
    """A table that turns the letters of the interface's language (A, T, M, Z in Dutch; P, L,
    E, A in English) and Delete into a status for the current cell."""

    status_typed = Signal(object)  # AttendanceStatus, or None to clear

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.fit_rows()

    def fit_rows(self) -> None:
        """Rows as low as the text allows, so that a whole group fits on a laptop screen."""
        rows = self.verticalHeader()
        height = self.fontMetrics().height() + 4
        rows.setMinimumSectionSize(height)
        rows.setDefaultSectionSize(height)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def fit_columns(self) -> None:
        """The names as wide as they are, the standing too, and the meetings share the rest
        evenly; no meeting narrower than its date."""
        header, model = self.horizontalHeader(), self.model()
        columns = model.columnCount()
        if not columns:
            return
        metrics = header.fontMetrics()
        headings = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(columns)]
        widest = max(
            (
                metrics.horizontalAdvance(line)
                for text in headings[1:-1]
                for line in text.split("\n")
            ),
            default=0,
        )
        header.setMinimumSectionSize(widest + metrics.averageCharWidth())
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(columns - 1, QHeaderView.ResizeMode.ResizeToContents)

    def sizeHint(self) -> QSize:
        """Tall enough for a full group (see :data:`FULL_GROUP_ROWS`), with or without a
        course loaded yet."""
        hint = super().sizeHint()
        frame = 2 * self.frameWidth()
        rows = FULL_GROUP_ROWS * self.verticalHeader().defaultSectionSize()
        return QSize(hint.width(), self._header_height() + rows + frame)

    def _header_height(self) -> int:
        """The height of the meetings' headings: a number over a date."""
        header = self.horizontalHeader()
        option = QStyleOptionHeader()
        option.initFrom(header)
        option.text = "8+\n" + short_date(date(2026, 12, 30))
        text = header.fontMetrics().size(0, option.text)
        section = header.style().sizeFromContents(
            QStyle.ContentsType.CT_HeaderSection, option, text, header
        )
        return max(header.sizeHint().height(), section.height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            key = Qt.Key(event.key())
            status = status_of_letter(event.text(), current_language()) if event.text() else None
            if status is not None:
                self.status_typed.emit(status)
                return
            if key in CLEAR_KEYS:
                self.status_typed.emit(None)
                return
        super().keyPressEvent(event)


class _MarksCommand(QUndoCommand):
    """A change already saved; undo saves what was there before, redo saves it again."""

    def __init__(
        self,
        tab: AttendanceTab,
        meeting_id: int,
        changes: list[Change],
        before: list[Change],
        text: str,
    ):
        super().__init__(text)
        self._tab, self._meeting_id = tab, meeting_id
        self._changes, self._before = changes, before
        self._done = True

    def redo(self) -> None:
        if self._done:  # the first redo happened when the change was made
            self._done = False
            return
        self._tab.save(self._meeting_id, self._changes)

    def undo(self) -> None:
        self._tab.save(self._meeting_id, self._before)


class AttendanceTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.course_id: int | None = None
        self.model = AttendanceGridModel(self)
        self.table = AttendanceTable()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.model.modelReset.connect(self.table.fit_columns)
        self.table.status_typed.connect(self.set_current)
        self.table.doubleClicked.connect(lambda _index: self.cycle_current())
        self.undo_stack = QUndoStack(self)
        self.undo_button = QPushButton()
        self.redo_button = QPushButton()
        self.couple_button = QPushButton()
        self.everyone_button = QPushButton()
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.export_button = QPushButton()
        icons.dress(self.export_button, "export")
        self.export_button.clicked.connect(self.export)
        self.print_button = QPushButton()
        icons.dress(self.print_button, "print")
        self.print_button.clicked.connect(self.print_summary)
        self.catch_up_button = QPushButton()
        icons.dress(self.catch_up_button, "message")
        self.catch_up_button.clicked.connect(self.print_catch_up)
        self.couple_button.clicked.connect(self.whole_couple_present)
        self.everyone_button.clicked.connect(self.everyone_present)
        self.undo_action = self.undo_stack.createUndoAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.notice = QLabel()  # why a key did nothing
        self.notice.setWordWrap(True)
        problem_text(self.notice)
        self.notice.hide()
        self.chart = AttendanceChart()
        self.at_risk = QLabel()
        self.at_risk.setWordWrap(True)
        problem_text(self.at_risk)
        bar = QHBoxLayout()
        for button in (
            self.couple_button,
            self.everyone_button,
            self.undo_button,
            self.redo_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.catch_up_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)
        # The grid has the height; what explains it stands beside it, where a wide screen has
        # room to spare (and scrolls there rather than take the grid's height).
        side_panel = QWidget()
        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        for widget in (self.notice, self.chart, self.legend, self.at_risk):
            side.addWidget(widget)
        side.addStretch(1)
        self.side = QScrollArea()
        self.side.setWidget(side_panel)
        self.side.setWidgetResizable(True)
        self.side.setFrameShape(QFrame.Shape.NoFrame)
        self.side.viewport().setAutoFillBackground(False)  # the tab's own background
        side_panel.setAutoFillBackground(False)
        self.side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side.setFixedWidth(SIDE_WIDTH)
        body = QHBoxLayout()
        body.addWidget(self.table, stretch=1)
        body.addWidget(self.side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addLayout(body, stretch=1)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.freshness = Freshness(
            self,
            context,
            {Kind.ATTENDANCE, Kind.MEETINGS, Kind.ENROLLMENTS, Kind.COUPLES, Kind.COURSES},
            self.reload,
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.undo_button.setText(_("Undo"))
        self.redo_button.setText(_("Redo"))
        # The keys of the grid's undo and redo (while the focus is on the attendance tab).
        name_keys(self.undo_button, self.undo_action.shortcut())
        name_keys(self.redo_button, self.redo_action.shortcut())
        self.table.setAccessibleName(_("Attendance per partner and meeting"))
        self.couple_button.setText(_("Whole couple present"))
        self.everyone_button.setText(_("Everyone present at this meeting"))
        self.export_button.setText(_("Export…"))
        self.print_button.setText(_("Print…"))
        self.catch_up_button.setText(_("Catch-up handout…"))
        self.catch_up_button.setToolTip(
            _("The handout of the chosen meeting with a catch-up note, for a couple who missed it")
        )
        self.legend.setText(
            _(
                "Keys: {codes}; Delete clears, arrows move. Every change is saved at once; "
                "Ctrl+Z undoes it."
            ).format(codes=legend(current_language()))
        )
        self.table.setAccessibleDescription(self.legend.text())
        self.freshness.request()

    def show_course(self, course_id: int | None) -> None:
        if course_id == self.course_id:
            return
        self.undo_stack.clear()
        self.course_id = course_id
        self.freshness.request()

    def reload(self) -> None:
        current = self.table.currentIndex()
        grid = (
            self._context.call(attendance.attendance_grid, course_id=self.course_id)
            if self.course_id is not None
            else attendance.AttendanceGrid(0, (), (), {})
        )
        self.model.load(grid)
        self.chart.show_grid(grid)
        risky = [
            " & ".join(c.partner_names)
            for c in grid.couples
            if c.completion.state in (CompletionState.AT_RISK, CompletionState.NOT_COMPLETED)
        ]
        self.at_risk.setText(
            _("Needs attention (missed two or more steps): {names}").format(names="; ".join(risky))
            if risky
            else ""
        )
        self.at_risk.setVisible(bool(risky))
        for row in range(1, self.model.rowCount(), 2):
            self.table.setSpan(row - 1, self.model.completion_column(), 2, 1)
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))

    def show_meeting(self, meeting_id: int) -> None:
        """Put the cursor on the meeting's column (first couple), scrolled into view."""
        column = next(
            (c for c, m in enumerate(self.model.meetings, start=1) if m.id == meeting_id), None
        )
        if column is not None and self.model.rowCount():
            index = self.model.index(0, column)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def save(self, meeting_id: int, changes: list[Change]) -> list[Change] | None:
        """Save marks of one meeting; returns what was there before (None when it was refused).

        The save carries the meeting's version as the grid shows it: marks typed over a meeting
        that someone else recorded since are refused, and the grid then shows theirs."""
        meeting = next((m for m in self.model.meetings if m.id == meeting_id), None)
        if meeting is None:
            return None
        return self._context.run(
            self,
            attendance.set_marks,
            group_session_id=meeting_id,
            version=meeting.version,
            marks=changes,
        )

    def _recordable(self, meeting: GridMeeting) -> bool:
        """Whether attendance can be typed for ``meeting``; if not, say why under the grid."""
        self.notice.setVisible(not meeting.started)
        if not meeting.started:
            self.notice.setText(
                _(
                    "Meeting {n} ({date}) has not started yet: attendance can be recorded once "
                    "it has begun."
                ).format(n=meeting.position, date=long_date(meeting.date))
            )
        return meeting.started

    def _apply(self, meeting: GridMeeting, changes: list[Change], text: str) -> None:
        if not changes:
            return
        before = self.save(meeting.id, changes)
        if before is not None:
            self.undo_stack.push(_MarksCommand(self, meeting.id, changes, before, text))

    def set_current(self, status: AttendanceStatus | None, *, move: bool = True) -> None:
        index = self.table.currentIndex()
        meeting = self.model.meeting_at(index.column()) if index.isValid() else None
        if meeting is None or self.model.grid is None or not self._recordable(meeting):
            return
        couple = self.model.couple_at(index.row())
        mark = list(self.model.grid.mark(couple.enrollment_id, meeting.id))
        mark[index.row() % 2] = status
        self._apply(meeting, [(couple.enrollment_id, (mark[0], mark[1]))], _("attendance"))
        if move:
            below = self.model.index(
                min(index.row() + 1, self.model.rowCount() - 1), index.column()
            )
            self.table.setCurrentIndex(below)

    def print_catch_up(self) -> None:
        index = self.table.currentIndex()
        meeting = self.model.meeting_at(index.column()) if index.isValid() else None
        if self.course_id is None or meeting is None:
            return
        course = self._context.call(courses.get_course, course_id=self.course_id)
        course_actions.print_catch_up(
            self,
            self._context,
            course.row.code,
            meeting.id,
            self.model.couple_at(index.row()).couple_id,
        )

    def print_summary(self) -> None:
        if self.course_id is not None:
            course = self._context.call(courses.get_course, course_id=self.course_id)
            course_actions.print_attendance(
                self, self._context, course.row.code, course.row.language
            )

    def export(self) -> None:
        if self.course_id is not None:
            course = self._context.call(courses.get_course, course_id=self.course_id)
            couple_actions.export_table(self, self._context, "attendance", course.row.code)

    def cycle_current(self) -> None:
        """A double click steps through present, late, excused, absent and empty."""
        index = self.table.currentIndex()
        if not index.isValid() or self.model.meeting_at(index.column()) is None:
            return
        order: list[AttendanceStatus | None] = [*AttendanceStatus, None]
        current = self.model.status_at(index.row(), index.column())
        following = order[(order.index(current) + 1) % len(order)]
        self.set_current(following, move=False)

    def whole_couple_present(self) -> None:
        index = self.table.currentIndex()
        meeting = self.model.meeting_at(index.column()) if index.isValid() else None
        if meeting is None or not self._recordable(meeting):
            return
        couple = self.model.couple_at(index.row())
        both: Mark = (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT)
        self._apply(meeting, [(couple.enrollment_id, both)], _("whole couple present"))

    def everyone_present(self) -> None:
        index = self.table.currentIndex()
        meeting = self.model.meeting_at(index.column()) if index.isValid() else None
        if meeting is None or not self._recordable(meeting):
            return
        both: Mark = (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT)
        changes: list[Change] = [(c.enrollment_id, both) for c in self.model.couples]
        self._apply(meeting, changes, _("everyone present"))
