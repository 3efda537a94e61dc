"""The attendance grid driven by keyboard, as a facilitator does after an evening."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from holdmetight.domain.enums import AttendanceStatus, CourseStatus
from holdmetight.services import attendance, courses
from holdmetight.ui.views.attendance_tab import AttendanceTab


def running_course(context):
    return next(r for r in context.call(courses.list_courses) if r.status is CourseStatus.RUNNING)


def open_tab(qtbot, context, course_id) -> AttendanceTab:
    tab = AttendanceTab(context)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_course(course_id)
    return tab


def last_begun(tab: AttendanceTab) -> int:
    """The column of the latest meeting that has begun (the demo recorded it already)."""
    return max(
        c for c in range(tab.model.columnCount()) if (m := tab.model.meeting_at(c)) and m.started
    )


def test_keys_set_each_partners_status_save_at_once_and_undo(qtbot, demo_context):
    course = running_course(demo_context)
    tab = open_tab(qtbot, demo_context, course.id)
    model = tab.model
    assert model.rowCount() == 16 and model.columnCount() == 10  # 8 couples, 8 meetings
    last = last_begun(tab)
    couple = model.couple_at(0)
    before = model.grid.mark(couple.enrollment_id, model.meeting_at(last).id)
    tab.table.setCurrentIndex(model.index(0, last))
    qtbot.keyClick(tab.table, Qt.Key.Key_L)
    assert tab.table.currentIndex().row() == 1, "the cursor moves to the partner below"
    qtbot.keyClick(tab.table, Qt.Key.Key_E)
    meeting = model.meeting_at(last)
    stored = demo_context.call(attendance.attendance_grid, course_id=course.id)
    assert stored.mark(couple.enrollment_id, meeting.id) == (
        AttendanceStatus.LATE,
        AttendanceStatus.EXCUSED,
    )
    assert model.data(model.index(0, last)) == "late"
    undo = next(
        a for a in tab.actions() if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    )
    assert tab.undo_stack.count() == 2
    undo.trigger()
    undo.trigger()
    stored = demo_context.call(attendance.attendance_grid, course_id=course.id)
    assert stored.mark(couple.enrollment_id, meeting.id) == before
    tab.undo_stack.redo()
    stored = demo_context.call(attendance.attendance_grid, course_id=course.id)
    assert stored.mark(couple.enrollment_id, meeting.id)[0] is AttendanceStatus.LATE


def recorded(marks):
    """The marks that say something: undoing a first mark leaves an empty one, which is the
    same as none (a meeting of today that has begun may have had none before)."""
    return {key: mark for key, mark in marks.items() if mark != (None, None)}


def test_everyone_present_fills_the_whole_meeting_in_one_undoable_step(qtbot, demo_context):
    course = running_course(demo_context)
    tab = open_tab(qtbot, demo_context, course.id)
    last = last_begun(tab)
    before = recorded(tab.model.grid.marks)
    tab.table.setCurrentIndex(tab.model.index(3, last))
    tab.everyone_button.click()
    grid = demo_context.call(attendance.attendance_grid, course_id=course.id)
    meeting = tab.model.meeting_at(last)
    both = (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT)
    assert all(grid.mark(c.enrollment_id, meeting.id) == both for c in grid.couples)
    tab.undo_stack.undo()
    grid = demo_context.call(attendance.attendance_grid, course_id=course.id)
    assert recorded(grid.marks) == before


def test_completion_column_shows_the_rule_and_the_standing(qtbot, demo_context):
    course = running_course(demo_context)
    tab = open_tab(qtbot, demo_context, course.id)
    text = tab.model.data(tab.model.index(0, tab.model.completion_column()))
    assert text.endswith("/6)")
    standing = tab.model.couple_at(0).completion
    assert text == f"{standing.state.label} ({standing.attended}/6)"


def test_chart_and_attention_list_follow_the_recorded_attendance(qtbot, demo_context):
    from holdmetight.ui.views.attendance_chart import shares

    course = running_course(demo_context)
    tab = open_tab(qtbot, demo_context, course.id)
    grid = tab.model.grid
    bars = shares(grid)
    assert [label for label, _share in bars] == [str(n) for n in range(1, 9)]
    assert all(share is not None for _label, share in bars[:5]) and bars[-1][1] is None
    risky = [c for c in grid.couples if c.completion.state.value in ("at_risk", "not_completed")]
    assert tab.at_risk.isHidden() == (not risky)
    for couple in risky:
        assert couple.partner_names[0] in tab.at_risk.text()
    tab.chart.resize(400, 100)
    assert not tab.chart.grab().isNull()


def test_double_click_steps_through_the_statuses(qtbot, demo_context):
    course = running_course(demo_context)
    tab = open_tab(qtbot, demo_context, course.id)
    last = last_begun(tab)
    cell = tab.model.index(2, last)
    tab.table.setCurrentIndex(cell)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    tab.table.setCurrentIndex(cell)
    seen = []
    for _ in range(5):
        tab.table.doubleClicked.emit(cell)
        seen.append(tab.model.status_at(2, last))
    assert seen == [*AttendanceStatus, None]


def test_typing_for_a_meeting_that_has_not_started_stores_nothing_and_says_why(
    qtbot, context, make
):
    from datetime import date, timedelta

    from holdmetight.services import enrollments

    course = make.course("HMV-LATER", first_date=date.today() + timedelta(days=7))
    enrollments.enroll(make.session, couple_id=make.couple().id, course_id=course.row.id)
    tab = open_tab(qtbot, context, course.row.id)
    first = next(c for c in range(tab.model.columnCount()) if tab.model.meeting_at(c))
    assert not tab.model.meeting_at(first).started
    assert "not started yet" in tab.model.index(0, first).data(Qt.ItemDataRole.ToolTipRole)
    tab.table.setCurrentIndex(tab.model.index(0, first))
    qtbot.keyClick(tab.table, Qt.Key.Key_P)
    tab.everyone_button.click()
    grid = context.call(attendance.attendance_grid, course_id=course.row.id)
    assert grid.marks == {} and tab.undo_stack.count() == 0
    assert tab.notice.isVisibleTo(tab) and "has not started yet" in tab.notice.text()
