"""Each course has its own completion rule, starting from its programme's, changeable until the
course is completed; the couples' standing follows it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from holdmetight.domain.completion import CompletionState
from holdmetight.domain.enums import AttendanceStatus, CourseStatus, ProgramVariant
from holdmetight.errors import RuleError, ValidationError
from holdmetight.services import attendance, courses, enrollments, programs

P, A = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT


def test_a_new_course_starts_with_its_programmes_rule(session, make):
    weekly = programs.get_program(session, code="HMT-WEEKLY")
    assert (weekly.completion_min_steps, weekly.completion_both_partners) == (6, True)
    steps = [
        programs.StepInput(
            code=s.code,
            title_nl=s.title_nl,
            title_en=s.title_en,
            duration_minutes=s.duration_minutes,
        )
        for s in weekly.steps
    ]
    programs.create_program(
        session,
        code="HMT-LIGHT",
        name_nl="Houd me vast (licht)",
        name_en="Hold Me Tight (light)",
        variant=ProgramVariant.WEEKLY,
        steps=steps,
        completion_min_steps=5,
        completion_both_partners=False,
    )
    course = make.course("HMV-LIGHT", program="HMT-LIGHT")
    assert (course.completion_min_steps, course.completion_both_partners) == (5, False)


def test_a_minimum_above_the_number_of_steps_is_refused(session, make):
    course = make.course("HMV-MAX")
    with pytest.raises(ValidationError, match="has 8 steps"):
        courses.set_completion_rule(
            session,
            course_id=course.row.id,
            version=course.version,
            min_steps=9,
            both_partners=True,
        )


def test_letting_one_partner_count_completes_a_couple_whose_partner_missed(session, make):
    course = make.course("HMV-ONE", first_date=date.today() - timedelta(weeks=10))
    place = enrollments.enroll(session, couple_id=make.couple().id, course_id=course.row.id)
    meetings = attendance.attendance_grid(session, course_id=course.row.id).meetings
    for meeting in meetings:
        attendance.set_marks(
            session,
            group_session_id=meeting.id,
            version=meeting.version,
            marks=[(place.id, (P, A))],
        )
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    assert grid.couples[0].completion.state is CompletionState.NOT_COMPLETED
    changed = courses.set_completion_rule(
        session,
        course_id=course.row.id,
        version=course.version,
        min_steps=7,
        both_partners=False,
    )
    assert (changed.completion_min_steps, changed.completion_both_partners) == (7, False)
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    assert grid.couples[0].completion.state is CompletionState.COMPLETED
    assert grid.couples[0].completion.attended == 8


def test_the_rule_is_fixed_once_the_course_is_completed(session, make):
    course = make.course("HMV-DONE", first_date=date.today() - timedelta(weeks=10))
    for status in (CourseStatus.OPEN, CourseStatus.RUNNING, CourseStatus.COMPLETED):
        courses.change_course_status(session, course_id=course.row.id, status=status)
    done = courses.get_course(session, course_id=course.row.id)
    with pytest.raises(RuleError, match="can no longer be changed"):
        courses.set_completion_rule(
            session,
            course_id=done.row.id,
            version=done.version,
            min_steps=3,
            both_partners=True,
        )


def test_the_attendance_summary_prints_the_courses_own_rule(session, make):
    import io

    from pypdf import PdfReader

    from holdmetight.reports.attendance_summary import render_attendance
    from holdmetight.services import sheets

    course = make.course("HMV-PDF")
    courses.set_completion_rule(
        session, course_id=course.row.id, version=course.version, min_steps=5, both_partners=False
    )
    summary = sheets.attendance_summary(session, course_code="HMV-PDF")
    for language, wording in (
        ("en", "Completion rule: attended at least 5 of 8 steps, at least one partner"),
        ("nl", "Afrondingsregel: minstens 5 van de 8 onderdelen bijgewoond, minstens één partner"),
    ):
        pdf = render_attendance(summary, language=language)
        text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
        assert wording in text
