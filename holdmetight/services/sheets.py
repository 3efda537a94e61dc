"""What the printed attendance documents need, read in one go (no layout here)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from holdmetight.domain.enums import GroupSessionStatus
from holdmetight.domain.organisation import Organisation
from holdmetight.errors import NotFoundError
from holdmetight.i18n import _
from holdmetight.services import attendance, courses, group_sessions, venues
from holdmetight.services.attendance import AttendanceGrid
from holdmetight.services.courses import CourseInfo
from holdmetight.services.group_sessions import GroupSessionInfo
from holdmetight.services.transaction import read_only


@dataclass(frozen=True)
class SigninSheet:
    organisation: str
    logo: bytes | None
    course: CourseInfo
    meeting: GroupSessionInfo
    place: str  # venue, room and address
    couples: tuple[tuple[str, str], ...]  # both partners' names, in list order


@dataclass(frozen=True)
class AttendanceSummary:
    organisation: str
    logo: bytes | None
    course: CourseInfo
    grid: AttendanceGrid


def _organisation(session: Session) -> tuple[str, bytes | None]:
    org = session.exec(select(Organisation)).first()
    return (org.name, org.logo_png) if org else ("", None)


def find_meeting(meetings: list[GroupSessionInfo], step: str) -> GroupSessionInfo:
    """The meeting for a step given as its position (1-based) or code; a regular meeting is
    preferred over a make-up, and a cancelled one is never chosen."""
    wanted = step.strip().upper()
    candidates = [
        m
        for m in meetings
        if m.status is not GroupSessionStatus.CANCELLED
        and (str(m.position) == wanted or m.step_code.upper() == wanted)
    ]
    candidates.sort(key=lambda m: (m.is_makeup, m.date, m.start_time))
    if not candidates:
        raise NotFoundError(_("The course has no meeting for step {step}.").format(step=step))
    return candidates[0]


@read_only
def signin_sheet(
    session: Session, /, *, course_code: str, step: str, meeting_id: int | None = None
) -> SigninSheet:
    """The sign-in sheet of one meeting: by step (position or code), or by meeting id."""
    course = courses.get_course(session, code=course_code)
    meetings = group_sessions.list_group_sessions(session, course_id=course.row.id)
    if meeting_id is not None:
        meeting = next((m for m in meetings if m.id == meeting_id), None)
        if meeting is None:
            raise NotFoundError(_("The group session no longer exists."))
    else:
        meeting = find_meeting(meetings, step)
    place = meeting.place
    venue = next((v for v in venues.list_venues(session) if v.id == meeting.venue_id), None)
    if venue is not None and venue.full_address:
        place = f"{place}, {venue.full_address}"
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    name, logo = _organisation(session)
    return SigninSheet(
        organisation=name,
        logo=logo,
        course=course,
        meeting=meeting,
        place=place,
        couples=tuple(c.partner_names for c in grid.couples),
    )


@read_only
def attendance_summary(session: Session, /, *, course_code: str) -> AttendanceSummary:
    course = courses.get_course(session, code=course_code)
    name, logo = _organisation(session)
    return AttendanceSummary(
        organisation=name,
        logo=logo,
        course=course,
        grid=attendance.attendance_grid(session, course_id=course.row.id),
    )
