"""A course's first and last meeting dates, stored on the course for lists and reports, follow
every change to its meetings: planning, moving, cancelling, reinstating and make-ups."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlmodel import select

from holdmetight.domain.course import Course
from holdmetight.domain.enums import GroupSessionStatus
from holdmetight.services import course_list, courses, group_sessions, scheduling

START = date.today() + timedelta(weeks=2)


def stored(session, course_id: int) -> tuple[date | None, date | None]:
    session.expire_all()
    course = session.exec(select(Course).where(Course.id == course_id)).one()
    return course.first_date, course.last_date


def from_meetings(session, course_id: int) -> tuple[date | None, date | None]:
    held = [
        m.date
        for m in group_sessions.list_group_sessions(session, course_id=course_id)
        if m.status is not GroupSessionStatus.CANCELLED
    ]
    return (min(held), max(held)) if held else (None, None)


def test_the_dates_follow_every_change_to_the_meetings(session, make):
    course = make.course("HMV-DATUM")
    assert stored(session, course.row.id) == (None, None)
    group_sessions.plan_weekly(
        session, course_id=course.row.id, first_date=START, start_time=time(19, 30)
    )
    assert stored(session, course.row.id) == from_meetings(session, course.row.id)
    meetings = group_sessions.list_group_sessions(session, course_id=course.row.id)
    first, last = meetings[0], meetings[-1]

    def version() -> int:
        return courses.get_course(session, course_id=course.row.id).version

    group_sessions.update_group_session(
        session,
        group_session_id=last.id,
        course_version=version(),
        on=last.date + timedelta(days=3),
        start_time=last.start_time,
        end_time=last.end_time,
        venue_id=last.venue_id,
    )
    assert stored(session, course.row.id)[1] == last.date + timedelta(days=3)
    group_sessions.set_group_session_status(
        session,
        group_session_id=first.id,
        course_version=version(),
        status=GroupSessionStatus.CANCELLED,
        reason="Ziekte",
    )
    assert stored(session, course.row.id)[0] == meetings[1].date
    makeup = scheduling.add_makeup_session(
        session,
        course_id=course.row.id,
        course_version=version(),
        position=1,
        on=last.date + timedelta(weeks=2),
        start_time=time(19, 30),
        end_time=time(21, 30),
        venue_id=last.venue_id,
    )
    assert stored(session, course.row.id) == (meetings[1].date, makeup.date)
    group_sessions.set_group_session_status(
        session,
        group_session_id=first.id,
        course_version=version(),
        status=GroupSessionStatus.SCHEDULED,
    )
    assert stored(session, course.row.id) == from_meetings(session, course.row.id)
    (row,) = course_list.list_courses(session)
    assert (row.first_date, row.last_date) == (first.date, makeup.date)
