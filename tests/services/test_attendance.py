"""Recording attendance per partner and seeing where each couple stands."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from holdmetight.domain.completion import CompletionState
from holdmetight.domain.course import GroupSession
from holdmetight.domain.enums import AttendanceStatus, GroupSessionStatus
from holdmetight.errors import RuleError
from holdmetight.services import attendance, courses, enrollments, group_sessions

P, L, E, A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)


def mark(session, meeting_id, marks):
    """Save marks for one meeting as the grid does: with the meeting's version as it shows it."""
    course_id = session.get_one(GroupSession, meeting_id).course_id
    grid = attendance.attendance_grid(session, course_id=course_id)
    version = next(m.version for m in grid.meetings if m.id == meeting_id)
    return attendance.set_marks(session, group_session_id=meeting_id, version=version, marks=marks)


def cancel(session, meeting_id):
    course_id = session.get_one(GroupSession, meeting_id).course_id
    group_sessions.set_group_session_status(
        session,
        group_session_id=meeting_id,
        course_version=courses.get_course(session, course_id=course_id).version,
        status=GroupSessionStatus.CANCELLED,
        reason="Storm",
    )


@pytest.fixture
def group(session, make):
    """A course that started four weeks ago with two enrolled couples."""
    start = date.today() - timedelta(weeks=4)
    course = make.course("HMV-A", first_date=start - timedelta(days=start.weekday() - 1))
    couples = [make.couple("Jansen"), make.couple("Bakker")]
    placed = [enrollments.enroll(session, couple_id=c.id, course_id=course.row.id) for c in couples]
    return course, placed


def test_grid_lists_the_meetings_in_step_order_and_the_enrolled_couples(session, group):
    course, placed = group
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    assert [m.position for m in grid.meetings] == list(range(1, 9))
    assert [c.partner_names for c in grid.couples] == [
        ("Anna Bakker", "Bram Visser"),
        ("Anna Jansen", "Bram Visser"),
    ]
    assert {c.enrollment_id for c in grid.couples} == {e.id for e in placed}
    assert grid.mark(placed[0].id, grid.meetings[0].id) == (None, None)


def test_recording_attendance_marks_the_meeting_held_and_can_be_undone(session, group):
    course, placed = group
    first = attendance.attendance_grid(session, course_id=course.row.id).meetings[0]
    before = mark(session, first.id, [(placed[0].id, (P, L))])
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    assert grid.mark(placed[0].id, first.id) == (P, L)
    assert grid.meetings[0].status is GroupSessionStatus.HELD
    mark(session, first.id, before)
    again = attendance.attendance_grid(session, course_id=course.row.id)
    assert again.mark(placed[0].id, first.id) == (None, None)


def test_two_missed_steps_put_a_couple_at_risk(session, group):
    course, placed = group
    meetings = attendance.attendance_grid(session, course_id=course.row.id).meetings
    for meeting, both in zip(meetings[:3], [(P, P), (A, A), (P, E)], strict=True):
        mark(session, meeting.id, [(placed[0].id, both)])
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    standing = {c.enrollment_id: c.completion for c in grid.couples}[placed[0].id]
    assert (standing.state, standing.attended, standing.missed) == (CompletionState.AT_RISK, 1, 2)


def test_attendance_on_a_cancelled_meeting_is_refused(session, group):
    course, placed = group
    meeting = attendance.attendance_grid(session, course_id=course.row.id).meetings[1]
    cancel(session, meeting.id)
    with pytest.raises(RuleError, match="cancelled"):
        mark(session, meeting.id, [(placed[0].id, (P, P))])


def test_a_couple_of_another_course_cannot_be_marked(session, group, make):
    course, _placed = group
    other = make.course("HMV-B")
    stranger = enrollments.enroll(session, couple_id=make.couple().id, course_id=other.row.id)
    meeting = attendance.attendance_grid(session, course_id=course.row.id).meetings[0]
    with pytest.raises(RuleError, match="not in the course"):
        mark(session, meeting.id, [(stranger.id, (P, P))])


def test_attendance_export_has_a_row_per_partner_per_meeting(session, group):
    from holdmetight.services import couple_export, tables

    course, placed = group
    meeting = attendance.attendance_grid(session, course_id=course.row.id).meetings[0]
    mark(session, meeting.id, [(placed[0].id, (P, A))])
    table = couple_export.attendance_table(session, language="nl", course_code="HMV-A")
    assert len(table.rows) == 8 * 2 * 2
    statuses = [row[7] for row in table.rows if row[2] == meeting.date and row[6] != ""]
    assert sorted(s for s in statuses if s) == ["aanwezig", "afwezig"]
    assert (
        tables.to_csv(table)
        .decode("utf-8-sig")
        .splitlines()[0]
        .startswith("cursus;onderdeel;datum")
    )


def test_completing_the_course_marks_the_couples_who_met_the_rule(session, make):
    from holdmetight.domain.enums import CourseStatus, EnrollmentStatus

    course = make.course("HMV-END", first_date=date.today() - timedelta(weeks=10))
    placed = [
        enrollments.enroll(session, couple_id=make.couple(name).id, course_id=course.row.id)
        for name in ("Jansen", "Bakker")
    ]
    meetings = attendance.attendance_grid(session, course_id=course.row.id).meetings
    both = (P, P)
    for meeting in meetings[:6]:
        mark(session, meeting.id, [(placed[0].id, both)])
    for meeting in meetings[:5]:
        mark(session, meeting.id, [(placed[1].id, both)])
    for status in (CourseStatus.OPEN, CourseStatus.RUNNING, CourseStatus.COMPLETED):
        courses.change_course_status(session, course_id=course.row.id, status=status)
    final = {e.id: e.status for e in enrollments.list_enrollments(session, course_id=course.row.id)}
    assert final == {
        placed[0].id: EnrollmentStatus.COMPLETED,
        placed[1].id: EnrollmentStatus.ENROLLED,
    }
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    states = {c.enrollment_id: c.completion.state for c in grid.couples}
    assert states[placed[1].id] is CompletionState.NOT_COMPLETED


def test_a_cancelled_meeting_neither_counts_nor_is_missed(session, group):
    course, placed = group
    meetings = attendance.attendance_grid(session, course_id=course.row.id).meetings
    mark(session, meetings[0].id, [(placed[0].id, (A, A))])
    cancel(session, meetings[1].id)
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    standing = {c.enrollment_id: c.completion for c in grid.couples}[placed[0].id]
    assert (standing.attended, standing.missed) == (0, 1)
    assert standing.state is CompletionState.ON_TRACK


@pytest.fixture
def soon(session, make):
    """A course whose first meeting is the day after tomorrow, with one couple."""
    course = make.course("HMV-SOON", first_date=date.today() + timedelta(days=2))
    placed = enrollments.enroll(session, couple_id=make.couple().id, course_id=course.row.id)
    meetings = attendance.attendance_grid(session, course_id=course.row.id).meetings
    return course, placed, meetings


def test_attendance_for_a_meeting_that_has_not_started_is_refused(session, soon):
    _course, placed, meetings = soon
    assert not meetings[0].started
    with pytest.raises(RuleError, match="has not started yet"):
        mark(session, meetings[0].id, [(placed.id, (P, P))])


def test_a_meeting_that_has_not_started_cannot_be_held(session, soon):
    from holdmetight.services import meeting_record

    _course, _placed, meetings = soon
    with pytest.raises(RuleError, match="has not started yet"):
        group_sessions.set_group_session_status(
            session,
            group_session_id=meetings[0].id,
            course_version=_course.version,
            status=GroupSessionStatus.HELD,
        )
    record = meeting_record.meeting_record(session, group_session_id=meetings[0].id)
    with pytest.raises(RuleError, match="has not started yet"):
        meeting_record.record_meeting(
            session,
            group_session_id=meetings[0].id,
            version=record.version,
            held=True,
            facilitator_ids=[],
            covered_position=None,
            fidelity_note="",
        )
    after = group_sessions.list_group_sessions(session, course_id=_course.row.id)[0]
    assert after.status is GroupSessionStatus.SCHEDULED and not after.started


def test_completion_counts_only_what_happened(session, soon):
    from holdmetight.domain.couple import Attendance

    course, placed, meetings = soon
    # A mark stored for a future meeting by an older version is not counted.
    session.add(
        Attendance(
            enrollment_id=placed.id,
            group_session_id=meetings[0].id,
            partner1=A.value,
            partner2=A.value,
        )
    )
    session.commit()
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    standing = grid.couples[0].completion
    assert (standing.attended, standing.missed) == (0, 0)
    assert standing.state is CompletionState.ON_TRACK


def test_a_held_meeting_cannot_be_moved_into_the_future(session, group):
    course, placed = group
    first = group_sessions.list_group_sessions(session, course_id=course.row.id)[0]
    mark(session, first.id, [(placed[0].id, (P, P))])
    first = group_sessions.list_group_sessions(session, course_id=course.row.id)[0]
    with pytest.raises(RuleError, match="make-up meeting"):
        group_sessions.update_group_session(
            session,
            group_session_id=first.id,
            course_version=first.course_version,
            on=date.today() + timedelta(days=3),
            start_time=first.start_time,
            end_time=first.end_time,
            venue_id=first.venue_id,
        )
