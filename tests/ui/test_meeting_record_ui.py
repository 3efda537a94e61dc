"""Recording a meeting at the end of the evening: held, facilitators, step, note, who came."""

from __future__ import annotations

from holdmetight.domain.enums import AttendanceStatus, CourseStatus, GroupSessionStatus
from holdmetight.services import attendance, courses, meeting_record
from holdmetight.ui.dialogs.meeting_record import MeetingRecordDialog
from holdmetight.ui.widgets import select_data


def test_meeting_dialog_records_the_meeting_and_attendance_in_one_save(qtbot, demo_context):
    course = next(
        r for r in demo_context.call(courses.list_courses) if r.status is CourseStatus.RUNNING
    )
    grid = demo_context.call(attendance.attendance_grid, course_id=course.id)
    upcoming = [m for m in grid.meetings if m.started][-1]  # recorded again from the paper sheet
    dialog = MeetingRecordDialog(demo_context, upcoming.id)
    qtbot.addWidget(dialog)
    assert len(dialog.status_combos) == 16
    for _enrollment, _partner, combo in dialog.status_combos:
        select_data(combo, AttendanceStatus.PRESENT.value)
    select_data(dialog.status_combos[1][2], AttendanceStatus.EXCUSED.value)
    lead_id = next(iter(dialog.facilitator_checks))
    dialog.facilitator_checks[lead_id].setChecked(False)
    select_data(dialog.covered_combo, 7)
    dialog.fidelity_edit.setPlainText("Oefening ingekort; extra tijd voor vragen")
    dialog.held_check.setChecked(True)
    dialog.save()
    assert dialog.saved
    record = demo_context.call(meeting_record.meeting_record, group_session_id=upcoming.id)
    assert record.held and record.covered_position == 7
    assert record.fidelity_note == "Oefening ingekort; extra tijd voor vragen"
    assert lead_id not in record.present_facilitators and len(record.present_facilitators) == 1
    after = demo_context.call(attendance.attendance_grid, course_id=course.id)
    first = after.couples[0]
    assert after.mark(first.enrollment_id, upcoming.id) == (
        AttendanceStatus.PRESENT,
        AttendanceStatus.EXCUSED,
    )
    assert next(m for m in after.meetings if m.id == upcoming.id).status is GroupSessionStatus.HELD


def test_a_meeting_that_has_not_started_cannot_be_recorded_as_held(qtbot, context, make):
    from datetime import date, timedelta

    from holdmetight.services import enrollments

    course = make.course("HMV-SOON", first_date=date.today() + timedelta(days=2))
    enrollments.enroll(make.session, couple_id=make.couple().id, course_id=course.row.id)
    grid = context.call(attendance.attendance_grid, course_id=course.row.id)
    dialog = MeetingRecordDialog(context, grid.meetings[0].id)
    qtbot.addWidget(dialog)
    assert not dialog.held_check.isChecked() and not dialog.held_check.isEnabled()
    assert not dialog.people.isEnabled() and dialog.not_started.isVisibleTo(dialog)
    assert "has not started yet" in dialog.not_started.text()
