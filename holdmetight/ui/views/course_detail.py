"""One course: its facts, its group sessions and its couples."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from holdmetight.domain.enums import (
    CourseStatus,
    EnrollmentStatus,
    FacilitatorRole,
    GroupSessionStatus,
)
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.reports.completion_rule import completion_rule_text
from holdmetight.services import courses, enrollments, group_sessions
from holdmetight.services.changes import Kind
from holdmetight.services.courses import CourseInfo
from holdmetight.services.enrollments import EnrollmentInfo
from holdmetight.services.group_sessions import GroupSessionInfo
from holdmetight.ui import couple_actions, course_actions, icons
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.completion_rule import CompletionRuleDialog
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.models.course_detail_tables import (
    COL_ENROLLMENT_NAMES,
    EnrollmentTableModel,
    GroupSessionTableModel,
)
from holdmetight.ui.models.course_table import course_dates, places
from holdmetight.ui.views.attendance_tab import AttendanceTab
from holdmetight.ui.views.fees_tab import FeesTab
from holdmetight.ui.views.outcomes_tab import OutcomesTab
from holdmetight.ui.views.tables import keeping_place, make_table
from holdmetight.ui.views.waiting_list_tab import WaitingListTab
from holdmetight.ui.widgets import name_keys, press_with


class CourseTab(IntEnum):
    """The course's tabs, in their order."""

    SESSIONS = 0
    COUPLES = 1
    WAITING_LIST = 2
    ATTENDANCE = 3
    FEES = 4
    OUTCOMES = 5


class FactValue(QLabel):
    """A fact's value: on one line where the line has room, wrapped where it has not."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        metrics = self.fontMetrics()
        # a character more than the text: the text layout rounds glyphs up, and would wrap
        width = metrics.horizontalAdvance(self.text()) + metrics.averageCharWidth()
        height = metrics.height()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )


class CourseDetailView(QWidget):
    """Shows the course chosen in the list; empty until one is chosen."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.course_id: int | None = None
        self.heading = QLabel()
        self.heading.setObjectName("courseHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self._fact_labels: dict[str, tuple[QLabel, QLabel]] = {}
        self.info: CourseInfo | None = None
        self.rule_button = QPushButton()
        self.rule_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.rule_button.clicked.connect(self.change_completion_rule)
        # The facts in two lines, side by side, so that the tabs below keep the height; they
        # step aside while attendance is recorded, which needs the height of a whole group.
        self.facts = QWidget()
        facts = QVBoxLayout(self.facts)
        facts.setContentsMargins(0, 0, 0, 0)
        facts.setSpacing(2)
        for keys in (
            ("code", "program", "dates", "venue"),
            ("facilitators", "places", "completion"),
        ):
            line = QHBoxLayout()
            line.setSpacing(6)
            for key in keys:
                name, value = QLabel(), FactValue()
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                line.addWidget(name, alignment=Qt.AlignmentFlag.AlignTop)
                line.addWidget(value, alignment=Qt.AlignmentFlag.AlignTop)
                if key == "completion":
                    line.addWidget(self.rule_button, alignment=Qt.AlignmentFlag.AlignTop)
                line.addSpacing(18)
                self._fact_labels[key] = (name, value)
            line.addStretch(1)
            facts.addLayout(line)
        self.sessions_model = GroupSessionTableModel(self)
        self.sessions_view = make_table(self.sessions_model, sortable=False, stretch_column=0)
        self.couples_model = EnrollmentTableModel(self)
        self.couples_view = make_table(self.couples_model, sortable=True, stretch_column=0)
        self.couples_view.sortByColumn(COL_ENROLLMENT_NAMES, Qt.SortOrder.AscendingOrder)
        self.sessions_view.doubleClicked.connect(lambda _index: self.move_meeting())
        self.move_button = QPushButton()
        self.cancel_button = QPushButton()
        self.makeup_button = QPushButton()
        self.record_button = QPushButton()
        icons.dress(self.record_button, "record")
        self.record_button.clicked.connect(self.record_meeting)
        # Not Ctrl+R: some desktops refresh with it, as the window's Refresh does.
        self.record_shortcut = press_with(self.record_button, "Ctrl+Shift+R")
        self.signin_button = QPushButton()
        icons.dress(self.signin_button, "print")
        self.signin_button.clicked.connect(self.print_signin)
        self.handout_button = QPushButton()
        icons.dress(self.handout_button, "print")
        self.handout_button.clicked.connect(self.print_handout)
        self.move_button.clicked.connect(self.move_meeting)
        self.cancel_button.clicked.connect(self.cancel_meeting)
        self.makeup_button.clicked.connect(self.add_makeup)
        self.remind_button = QPushButton()
        icons.dress(self.remind_button, "message")
        self.remind_button.clicked.connect(self.message_about_meeting)
        self.sessions_view.selectionModel().selectionChanged.connect(self._update_buttons)
        meeting_buttons = QHBoxLayout()
        for button in (
            self.record_button,
            self.signin_button,
            self.handout_button,
            self.move_button,
            self.cancel_button,
            self.makeup_button,
            self.remind_button,
        ):
            meeting_buttons.addWidget(button)
        meeting_buttons.addStretch(1)
        sessions_tab = QWidget()
        sessions_layout = QVBoxLayout(sessions_tab)
        sessions_layout.addLayout(meeting_buttons)
        sessions_layout.addWidget(self.sessions_view)
        self.withdraw_button = QPushButton()
        self.closing_button = QPushButton()
        self.withdraw_button.clicked.connect(self.withdraw)
        if not context.sees_administration:  # stopping a couple decides about its fee
            self.withdraw_button.hide()
        self.closing_button.clicked.connect(self.record_closing)
        self.message_button = QPushButton()
        icons.dress(self.message_button, "messages")
        self.message_button.clicked.connect(self.send_message)
        self.couples_view.selectionModel().selectionChanged.connect(self._update_buttons)
        couple_buttons = QHBoxLayout()
        for button in (self.withdraw_button, self.closing_button, self.message_button):
            couple_buttons.addWidget(button)
        couple_buttons.addStretch(1)
        couples_tab = QWidget()
        couples_layout = QVBoxLayout(couples_tab)
        couples_layout.addLayout(couple_buttons)
        couples_layout.addWidget(self.couples_view)
        self.tabs = QTabWidget()
        self.tabs.addTab(sessions_tab, "")
        self.tabs.addTab(couples_tab, "")
        self.waiting_tab = WaitingListTab(context)
        self.tabs.addTab(self.waiting_tab, "")
        self.attendance_tab = AttendanceTab(context)
        self.tabs.addTab(self.attendance_tab, "")
        self.fees_tab = FeesTab(context)
        self.tabs.addTab(self.fees_tab, "")
        self.tabs.setTabVisible(CourseTab.FEES, context.sees_administration)
        self.outcomes_tab = OutcomesTab(context)
        self.tabs.addTab(self.outcomes_tab, "")

        self.tabs.currentChanged.connect(lambda _index: self._show_facts())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.tabs, stretch=1)
        self.freshness = Freshness(
            self,
            context,
            {Kind.COURSES, Kind.MEETINGS, Kind.ENROLLMENTS, Kind.COUPLES, Kind.TEAM},
            self.refresh,
        )
        self.retranslate()

    def full_height(self) -> int:
        """The height at which the attendance of a full group shows without scrolling (the
        tallest tab; the facts step aside for it), whether or not a course is shown yet."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        heading = max(self.heading.sizeHint().height(), self.heading.fontMetrics().lineSpacing())
        return (
            margins.top()
            + heading
            + layout.spacing()
            + self.tabs.sizeHint().height()
            + margins.bottom()
        )

    def recording_attendance(self) -> bool:
        """Whether the attendance of a course is shown, which needs the height of a group."""
        return self.info is not None and self.tabs.currentWidget() is self.attendance_tab

    def _show_facts(self) -> None:
        """The facts of the course shown, except beside its attendance (see ``full_height``)."""
        self.facts.setVisible(self.info is not None and not self.recording_attendance())

    def retranslate(self) -> None:
        titles = {
            "code": _("Code"),
            "program": _("Programme"),
            "dates": _("Dates"),
            "venue": _("Venue"),
            "facilitators": _("Facilitators"),
            "places": _("Enrolled"),
            "completion": _("Completion rule"),
        }
        for key, (name, _value) in self._fact_labels.items():
            name.setText(titles[key] + ":")
        self.record_button.setText(_("Record meeting…"))
        name_keys(self.record_button, self.record_shortcut.key())
        self.signin_button.setText(_("Sign-in sheet…"))
        self.handout_button.setText(_("Handout…"))
        self.move_button.setText(_("Move meeting…"))
        self.cancel_button.setText(_("Cancel meeting…"))
        self.makeup_button.setText(_("Add make-up meeting…"))
        self.withdraw_button.setText(_("Withdraw…"))
        self.rule_button.setText(_("Change…"))
        self.rule_button.setToolTip(_("Change the completion rule of this course"))
        self.closing_button.setText(_("Closing conversation…"))
        self.message_button.setText(_("Send a message…"))
        self.message_button.setToolTip(
            _("An invitation, offer, fee reminder or letter to this course's couples")
        )
        self.remind_button.setText(_("Message…"))
        self.remind_button.setToolTip(
            _("A reminder of this meeting, or a catch-up message to those who missed it")
        )
        self.sessions_view.setAccessibleName(_("Meetings of the course"))
        self.couples_view.setAccessibleName(_("Couples of the course"))
        self.sessions_model.retranslate()
        self.couples_model.retranslate()
        self.waiting_tab.retranslate()
        self.attendance_tab.retranslate()
        self.fees_tab.retranslate()
        self.outcomes_tab.retranslate()
        self.freshness.request()

    def show_tab(self, tab: CourseTab, meeting_id: int | None = None) -> None:
        """Bring a tab of the course shown to the front, with the meeting chosen on the
        sessions tab (and the attendance grid's cursor on its column); a tab the login may not
        see stays hidden."""
        if self.tabs.isTabVisible(tab):
            self.tabs.setCurrentIndex(tab)
        if meeting_id is not None:
            row = self.sessions_model.row_of(meeting_id)
            if row is not None:
                self.sessions_view.selectRow(row)
                self.sessions_view.scrollTo(self.sessions_model.index(row, 0))
            if tab is CourseTab.ATTENDANCE:
                self.attendance_tab.show_meeting(meeting_id)

    def show_course(self, course_id: int | None) -> None:
        """Show another course; the one shown keeps itself up to date."""
        if course_id == self.course_id:
            return
        self.course_id = course_id
        self.freshness.request()
        self.waiting_tab.show_course(self.course_id)
        self.attendance_tab.show_course(self.course_id)
        self.fees_tab.show_course(self.course_id)
        self.outcomes_tab.show_course(self.course_id)

    def refresh(self) -> None:
        info: CourseInfo | None = None
        if self.course_id is not None:
            try:
                info = self._context.call(courses.get_course, course_id=self.course_id)
            except HoldMeTightError:
                self.course_id = None  # deleted elsewhere: show nothing rather than stale facts
        self._show(info)

    def _show(self, info: CourseInfo | None) -> None:
        self.info = info
        has_course = info is not None
        self.rule_button.setVisible(has_course)
        self.rule_button.setEnabled(
            info is not None
            and info.row.status not in (CourseStatus.COMPLETED, CourseStatus.CANCELLED)
        )
        for _name, value in self._fact_labels.values():
            value.clear()
        self.tabs.setVisible(has_course)
        self._show_facts()
        for name, value in self._fact_labels.values():
            name.setVisible(has_course)
            value.setVisible(has_course)
        if info is None:
            self.heading.setText(_("Choose a course in the list to see its sessions and couples."))
            self.sessions_model.set_rows([])
            self.couples_model.set_rows([])
            return
        row = info.row
        self.heading.setText(row.title)
        lead = [f.name for f in info.facilitators if f.role is FacilitatorRole.LEAD]
        co = [f.name for f in info.facilitators if f.role is FacilitatorRole.CO]
        people = ", ".join(
            [_("{name} (lead)").format(name=n) for n in lead]
            + [_("{name} (co)").format(name=n) for n in co]
        )
        values = {
            "code": f"{row.code} · {row.status.label} · {row.language.label}",
            "program": info.program_name,
            "dates": course_dates(row.first_date, row.last_date),
            "venue": row.venue_name or "–",
            "facilitators": people or "–",
            "places": places(row),
            "completion": completion_rule_text(
                info.completion_min_steps,
                info.step_count,
                both_partners=info.completion_both_partners,
            ),
        }
        for key, text in values.items():
            self._fact_labels[key][1].setText(text)
        with keeping_place(self.sessions_view), keeping_place(self.couples_view):
            self.sessions_model.set_rows(
                self._context.call(group_sessions.list_group_sessions, course_id=row.id)
            )
            self.couples_model.set_rows(
                self._context.call(enrollments.list_enrollments, course_id=row.id)
            )
        self._update_tab_titles()
        self._update_buttons()

    def selected_meeting(self) -> GroupSessionInfo | None:
        rows = self.sessions_view.selectionModel().selectedRows()
        return self.sessions_model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        meeting = self.selected_meeting()
        editable = meeting is not None and meeting.status is not GroupSessionStatus.CANCELLED
        self.move_button.setEnabled(editable)
        self.record_button.setEnabled(editable)
        self.signin_button.setEnabled(editable)
        self.handout_button.setEnabled(editable)
        self.cancel_button.setEnabled(editable)
        self.makeup_button.setEnabled(self.course_id is not None)
        self.remind_button.setEnabled(editable)
        self.message_button.setEnabled(self.course_id is not None)
        enrollment = self.selected_enrollment()
        active = {EnrollmentStatus.APPLIED, EnrollmentStatus.WAITLISTED, EnrollmentStatus.ENROLLED}
        self.withdraw_button.setEnabled(enrollment is not None and enrollment.status in active)
        self.closing_button.setEnabled(
            enrollment is not None
            and enrollment.status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)
        )

    def selected_enrollment(self) -> EnrollmentInfo | None:
        rows = self.couples_view.selectionModel().selectedRows()
        if not rows:
            return None
        source = self.couples_view.model().mapToSource(rows[0])  # type: ignore[attr-defined]
        return self.couples_model.row_at(source.row())

    def change_completion_rule(self) -> None:
        if self.info is not None:
            CompletionRuleDialog(self._context, self.info, self).exec()

    def withdraw(self) -> None:
        enrollment = self.selected_enrollment()
        if enrollment is not None:
            couple_actions.withdraw(self, self._context, enrollment)

    def record_closing(self) -> None:
        enrollment = self.selected_enrollment()
        if enrollment is not None:
            couple_actions.record_closing(self, self._context, enrollment)

    def move_meeting(self) -> None:
        meeting = self.selected_meeting()
        if self.course_id is not None and meeting is not None:
            course_actions.edit_meeting(self, self._context, self.course_id, meeting)

    def print_signin(self) -> None:
        meeting = self.selected_meeting()
        if self.course_id is None or meeting is None:
            return
        course = self._context.call(courses.get_course, course_id=self.course_id)
        course_actions.print_signin(
            self, self._context, course.row.code, course.row.language, meeting
        )

    def print_handout(self) -> None:
        meeting = self.selected_meeting()
        if self.course_id is None or meeting is None:
            return
        course = self._context.call(courses.get_course, course_id=self.course_id)
        course_actions.print_handouts(
            self, self._context, course.row.code, course.row.language, meeting.id
        )

    def record_meeting(self) -> None:
        meeting = self.selected_meeting()
        if meeting is not None:
            course_actions.record_meeting(self, self._context, meeting)

    def cancel_meeting(self) -> None:
        meeting = self.selected_meeting()
        if meeting is not None:
            course_actions.cancel_meeting(self, self._context, meeting)

    def add_makeup(self) -> None:
        if self.course_id is not None:
            course_actions.edit_meeting(self, self._context, self.course_id)

    def send_message(self) -> None:
        from holdmetight.ui.dialogs.send_messages import SendMessagesDialog

        if self.course_id is not None:
            SendMessagesDialog(self._context, self.course_id, parent=self).exec()

    def message_about_meeting(self) -> None:
        from holdmetight.domain.enums import MessageKind
        from holdmetight.ui.dialogs.send_messages import SendMessagesDialog

        meeting = self.selected_meeting()
        if self.course_id is None or meeting is None:
            return
        kind = (
            MessageKind.CATCH_UP
            if meeting.status is GroupSessionStatus.HELD
            else MessageKind.MEETING_REMINDER
        )
        SendMessagesDialog(
            self._context, self.course_id, kind=kind, meeting_id=meeting.id, parent=self
        ).exec()

    def _update_tab_titles(self) -> None:
        self.tabs.setTabText(
            CourseTab.SESSIONS, _("Group sessions ({n})").format(n=self.sessions_model.rowCount())
        )
        self.tabs.setTabText(
            CourseTab.COUPLES, _("Couples ({n})").format(n=self.couples_model.rowCount())
        )
        waiting = self.info.row.waitlisted if self.info is not None else 0
        self.tabs.setTabText(CourseTab.WAITING_LIST, _("Waiting list ({n})").format(n=waiting))
        self.tabs.setTabText(CourseTab.ATTENDANCE, _("Attendance"))
        self.tabs.setTabText(CourseTab.FEES, _("Fees"))
        self.tabs.setTabText(CourseTab.OUTCOMES, _("Outcomes"))
