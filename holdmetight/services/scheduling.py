"""Planning a course's meetings: code suggestions, date proposals, conflicts, make-ups."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time

from sqlmodel import Session, col, select

from holdmetight.domain.base import touch
from holdmetight.domain.course import Course, CourseFacilitator, CourseStep, GroupSession
from holdmetight.domain.enums import GroupSessionStatus, Language
from holdmetight.domain.names import full_name
from holdmetight.domain.organisation import Facilitator, Room, Venue
from holdmetight.domain.program import Program, ProgramStep
from holdmetight.domain.schedule import ProposedMeeting, out_of_order, overlaps, propose_for_steps
from holdmetight.errors import NotFoundError, ValidationError
from holdmetight.i18n import _, format_date, format_time
from holdmetight.services import (
    aggregates,
    courses,
    group_sessions,
    organisations,
    school_holidays,
)
from holdmetight.services import validation as check
from holdmetight.services.group_sessions import GroupSessionInfo
from holdmetight.services.transaction import audit, read_only, unit_of_work

CODE_PREFIX = "HMV"


@dataclass(frozen=True)
class MeetingSlot:
    """A meeting as planned or proposed: which step, when, where."""

    position: int
    date: date
    start_time: time
    end_time: time
    venue_id: int | None = None
    room_id: int | None = None
    group_session_id: int | None = None  # set for a meeting that exists already
    is_makeup: bool = False


@read_only
def suggest_course_code(session: Session, /, *, first_date: date) -> str:
    """A free code such as ``HMV-27-03A`` (year, month of the first meeting, a letter)."""
    stem = f"{CODE_PREFIX}-{first_date:%y}-{first_date.month:02d}"
    taken = set(session.exec(select(Course.code).where(col(Course.code).startswith(stem))))
    for letter in "ABCDEFGHJKLMNPQRSTUVWXYZ":
        if f"{stem}{letter}" not in taken:
            return f"{stem}{letter}"
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


@read_only
def school_holiday_warning(session: Session, /, *, dates: Iterable[date]) -> str | None:
    """A warning when some of ``dates`` lie in school years whose school holidays the table of
    the organisation's region does not know (so they could not be skipped there)."""
    region = organisations.school_region(session)
    if region is None:
        return None
    return school_holidays.coverage_warning(session, region=region, dates=dates)


@read_only
def propose_schedule(
    session: Session,
    /,
    *,
    program_code: str,
    first_date: date,
    start_time: time,
    skip_holidays: bool = True,
    exclude: Iterable[date] = (),
    skip_school_holidays: bool = False,
) -> list[ProposedMeeting]:
    """Dates and times for every step of a programme, for the user to check and edit.

    With ``skip_school_holidays`` the school holidays of the organisation's region are passed
    over too; :func:`school_holiday_warning` says when the proposal reaches beyond the school
    years they are known for.
    """
    program = session.exec(select(Program).where(Program.code == program_code.upper())).first()
    if program is None:
        raise NotFoundError(_("There is no programme with code {code}.").format(code=program_code))
    steps = session.exec(
        select(ProgramStep)
        .where(ProgramStep.program_id == program.id)
        .order_by(col(ProgramStep.position))
    ).all()
    school_days = (
        school_holidays.days_to_skip(session, organisations.school_region(session), first_date)
        if skip_school_holidays
        else set()
    )
    try:
        return propose_for_steps(
            [(s.duration_minutes, s.day) for s in steps],
            first_date=first_date,
            start_time=start_time,
            skip_holidays=skip_holidays,
            exclude=exclude,
            school_holidays=school_days,
        )
    except ValueError as error:
        raise ValidationError(
            _("The steps of one day do not fit in that day: start earlier."), field="start_time"
        ) from error


@unit_of_work
def create_planned_course(
    session: Session,
    /,
    *,
    code: str,
    title: str,
    program_code: str,
    lead_facilitator_id: int | None,
    co_facilitator_id: int | None,
    venue_id: int | None,
    language: Language,
    capacity: int,
    meetings: Sequence[ProposedMeeting],
    room_id: int | None = None,
    funding_municipality: str = "",
) -> courses.CourseInfo:
    """Create a course and its meetings in one go (as the new-course dialog saves it)."""
    info = courses.create_course(
        session,
        code=code,
        title=title,
        program_code=program_code,
        lead_facilitator_id=lead_facilitator_id,
        co_facilitator_id=co_facilitator_id,
        venue_id=venue_id,
        language=language,
        capacity=capacity,
        funding_municipality=funding_municipality,
    )
    if len(meetings) != info.step_count:
        raise ValidationError(
            _("Give a date for each of the {n} steps.").format(n=info.step_count), field="meetings"
        )
    group_sessions.plan_sessions(session, course_id=info.row.id, meetings=meetings, room_id=room_id)
    return courses.get_course(session, course_id=info.row.id)


def _when(day: date, start: time, end: time) -> str:
    return _("{date}, {start}–{end}").format(
        date=format_date(day), start=format_time(start), end=format_time(end)
    )


def _booking_conflicts(
    session: Session,
    slot: MeetingSlot,
    *,
    course_id: int | None,
    facilitator_ids: Sequence[int],
) -> list[str]:
    others = session.exec(
        select(GroupSession, Course)
        .join(Course, col(Course.id) == GroupSession.course_id)
        .where(GroupSession.date == slot.date)
        .where(GroupSession.status != GroupSessionStatus.CANCELLED)
        .where(GroupSession.id != (slot.group_session_id or -1))
    ).all()
    warnings: list[str] = []
    for other, course in others:
        if not overlaps((slot.start_time, slot.end_time), (other.start_time, other.end_time)):
            continue
        when = _when(other.date, other.start_time, other.end_time)
        if course.id == course_id:
            warnings.append(_("This course already meets at that time ({when}).").format(when=when))
            continue
        same_room = slot.room_id is None or other.room_id is None or slot.room_id == other.room_id
        if slot.venue_id is not None and other.venue_id == slot.venue_id and same_room:
            venue = session.get_one(Venue, slot.venue_id)
            room = session.get(Room, other.room_id) if other.room_id else None
            warnings.append(
                _("{venue} is already booked for course {code} on {when}.").format(
                    venue=" – ".join([venue.name] + ([room.name] if room else [])),
                    code=course.code,
                    when=when,
                )
            )
        shared = session.exec(
            select(Facilitator)
            .join(CourseFacilitator, col(CourseFacilitator.facilitator_id) == Facilitator.id)
            .where(CourseFacilitator.course_id == course.id)
            .where(col(Facilitator.id).in_(list(facilitator_ids)))
        ).all()
        for person in shared:
            warnings.append(
                _("{name} already leads course {code} on {when}.").format(
                    name=full_name(person.given_name, person.name_prefix, person.family_name),
                    code=course.code,
                    when=when,
                )
            )
    return warnings


def _order_warnings(slots: Sequence[MeetingSlot]) -> list[str]:
    regular = [(s.position, s.date, s.start_time) for s in slots if not s.is_makeup]
    return [
        _("The meeting for step {n} comes before an earlier step of the programme.").format(n=n)
        for n in out_of_order(regular)
    ]


@read_only
def check_new_course(
    session: Session,
    /,
    *,
    meetings: Sequence[MeetingSlot],
    facilitator_ids: Sequence[int],
) -> list[str]:
    """Warnings for a course being planned: double bookings and steps out of order."""
    warnings: list[str] = []
    for slot in meetings:
        if slot.end_time <= slot.start_time:
            warnings.append(_("A group session must end after it starts."))
            continue
        warnings += _booking_conflicts(
            session, slot, course_id=None, facilitator_ids=facilitator_ids
        )
    return warnings + _order_warnings(meetings)


def _course_facilitators(session: Session, course_id: int) -> list[int]:
    return list(
        session.exec(
            select(CourseFacilitator.facilitator_id).where(CourseFacilitator.course_id == course_id)
        )
    )


def _course_slots(session: Session, course_id: int) -> list[MeetingSlot]:
    return [
        MeetingSlot(
            position=info.position,
            date=info.date,
            start_time=info.start_time,
            end_time=info.end_time,
            venue_id=info.venue_id,
            room_id=info.room_id,
            group_session_id=info.id,
            is_makeup=info.is_makeup,
        )
        for info in group_sessions.list_group_sessions(session, course_id=course_id)
        if info.status is not GroupSessionStatus.CANCELLED
    ]


@read_only
def check_meeting(session: Session, /, *, course_id: int, slot: MeetingSlot) -> list[str]:
    """Warnings for one meeting moved or added: double bookings and steps out of order."""
    if slot.end_time <= slot.start_time:
        return [_("A group session must end after it starts.")]
    warnings = _booking_conflicts(
        session, slot, course_id=course_id, facilitator_ids=_course_facilitators(session, course_id)
    )
    slots = [
        s for s in _course_slots(session, course_id) if s.group_session_id != slot.group_session_id
    ]
    return warnings + _order_warnings([*slots, slot])


@unit_of_work
def add_makeup_session(
    session: Session,
    /,
    *,
    course_id: int,
    course_version: int,
    position: int,
    on: date,
    start_time: time,
    end_time: time,
    venue_id: int | None,
    room_id: int | None = None,
    note: str = "",
) -> GroupSessionInfo:
    """An extra meeting for a step that has to be done again (e.g. after a cancellation).

    ``course_version`` is the course's as the user read it with its meetings
    (:attr:`CourseInfo.version`)."""
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    aggregates.check_course(session, course, course_version)
    step = session.exec(
        select(CourseStep).where(CourseStep.course_id == course_id, CourseStep.position == position)
    ).first()
    if step is None:
        raise ValidationError(_("The course has no step {n}.").format(n=position), field="step")
    if end_time <= start_time:
        raise ValidationError(_("A group session must end after it starts."), field="end_time")
    if venue_id is not None:
        check.get_or_fail(session, Venue, venue_id, what=lambda: _("The venue"))
    group_sessions.check_room(session, venue_id, room_id)
    touch(course)
    gs = GroupSession(
        course_id=course_id,
        course_step_id=step.id or 0,
        date=on,
        start_time=start_time,
        end_time=end_time,
        venue_id=venue_id,
        room_id=room_id,
        is_makeup=True,
        note=(note or "").strip(),
    )
    session.add(gs)
    session.flush()
    audit(session, action="create", entity="group_session", entity_id=gs.id)
    return next(
        s for s in group_sessions.list_group_sessions(session, course_id=course_id) if s.id == gs.id
    )
