"""The dated group sessions (meetings) of a course."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time

from sqlmodel import Session, col, select

from holdmetight.domain.base import touch
from holdmetight.domain.couple import Attendance
from holdmetight.domain.course import Course, CourseStep, GroupSession
from holdmetight.domain.enums import GroupSessionStatus
from holdmetight.domain.organisation import Room, Venue
from holdmetight.domain.rules import has_started
from holdmetight.domain.schedule import ProposedMeeting, propose_days, propose_weekly
from holdmetight.errors import RuleError, ValidationError
from holdmetight.i18n import _, current_language
from holdmetight.services import aggregates, organisations, school_holidays
from holdmetight.services import validation as check
from holdmetight.services.clock import local_now, refuse_before_start
from holdmetight.services.transaction import audit, read_only, unit_of_work


@dataclass(frozen=True)
class GroupSessionInfo:
    id: int
    uid: str
    course_id: int
    position: int
    step_code: str
    step_title_nl: str
    step_title_en: str
    date: date
    start_time: time
    end_time: time
    venue_id: int | None
    venue_name: str
    room_id: int | None
    room_name: str
    status: GroupSessionStatus
    is_makeup: bool
    note: str
    course_version: int  # the course's, as read: moving or cancelling a meeting hands it back
    started: bool  # only a meeting that has begun can be held

    @property
    def step_title(self) -> str:
        return self.step_title_nl if current_language() == "nl" else self.step_title_en

    @property
    def place(self) -> str:
        """Venue and room as one text: "Wijkcentrum De Brug – Zaal 1"."""
        return " – ".join(p for p in (self.venue_name, self.room_name) if p)


def check_room(session: Session, venue_id: int | None, room_id: int | None) -> None:
    """A room must belong to the venue chosen with it."""
    if room_id is None:
        return
    room = check.get_or_fail(session, Room, room_id, what=lambda: _("The room"))
    if room.venue_id != venue_id:
        raise ValidationError(_("That room is not part of the chosen venue."), field="room")


def _steps(session: Session, course_id: int) -> list[CourseStep]:
    return list(
        session.exec(
            select(CourseStep)
            .where(CourseStep.course_id == course_id)
            .order_by(col(CourseStep.position))
        )
    )


@unit_of_work
def plan_sessions(
    session: Session,
    /,
    *,
    course_id: int,
    meetings: Sequence[ProposedMeeting],
    room_id: int | None = None,
) -> list[GroupSessionInfo]:
    """Store the meetings of a course that has none yet (one per course step)."""
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    touch(course)
    existing = session.exec(
        select(GroupSession.id).where(GroupSession.course_id == course_id)
    ).first()
    if existing is not None:
        raise RuleError(_("This course already has its group sessions planned."))
    check_room(session, course.venue_id, room_id)
    steps = {step.position: step for step in _steps(session, course_id)}
    for meeting in meetings:
        step = steps.get(meeting.position)
        if step is None:
            raise ValidationError(_("The course has no step {n}.").format(n=meeting.position))
        if meeting.end_time <= meeting.start_time:
            raise ValidationError(_("A group session must end after it starts."), field="end_time")
        session.add(
            GroupSession(
                course_id=course_id,
                course_step_id=step.id or 0,
                date=meeting.date,
                start_time=meeting.start_time,
                end_time=meeting.end_time,
                venue_id=course.venue_id,
                room_id=room_id,
            )
        )
    session.flush()
    audit(session, action="plan", entity="course", entity_id=course_id)
    return list_group_sessions(session, course_id=course_id)


@unit_of_work
def plan_weekly(
    session: Session,
    /,
    *,
    course_id: int,
    first_date: date,
    start_time: time,
    skip_holidays: bool = True,
    exclude: Iterable[date] = (),
    skip_school_holidays: bool = False,
) -> list[GroupSessionInfo]:
    """One meeting a week per step, skipping Dutch public holidays and excluded dates, and
    with ``skip_school_holidays`` the school holidays of the organisation's region."""
    durations = [step.duration_minutes for step in _steps(session, course_id)]
    school_days = (
        school_holidays.days_to_skip(session, organisations.school_region(session), first_date)
        if skip_school_holidays
        else set()
    )
    meetings = propose_weekly(
        durations,
        first_date=first_date,
        start_time=start_time,
        skip_holidays=skip_holidays,
        exclude=exclude,
        school_holidays=school_days,
    )
    return plan_sessions(session, course_id=course_id, meetings=meetings)


@unit_of_work
def plan_days(
    session: Session,
    /,
    *,
    course_id: int,
    day_dates: Sequence[date],
    start_time: time,
    day_of_step: Sequence[int],
) -> list[GroupSessionInfo]:
    """Several steps on each of a few long days (the intensive variant)."""
    steps = _steps(session, course_id)
    if len(day_of_step) != len(steps):
        raise ValidationError(_("Give a course day for every step."))
    try:
        meetings = propose_days(
            [(s.duration_minutes, d) for s, d in zip(steps, day_of_step, strict=True)],
            day_dates=day_dates,
            start_time=start_time,
        )
    except ValueError as error:
        raise ValidationError(_("The steps of one day do not fit in that day.")) from error
    return plan_sessions(session, course_id=course_id, meetings=meetings)


@read_only
def list_group_sessions(session: Session, /, *, course_id: int) -> list[GroupSessionInfo]:
    """A course's meetings in date order, cancelled ones included."""
    venues = dict(session.exec(select(Venue.id, Venue.name)).all())
    rooms = dict(session.exec(select(Room.id, Room.name)).all())
    now = local_now(session)
    course_version = session.exec(select(Course.version).where(Course.id == course_id)).first()
    rows = session.exec(
        select(GroupSession, CourseStep)
        .join(CourseStep, col(CourseStep.id) == GroupSession.course_step_id)
        .where(GroupSession.course_id == course_id)
        .order_by(col(GroupSession.date), col(GroupSession.start_time), col(CourseStep.position))
    ).all()
    return [
        GroupSessionInfo(
            id=gs.id or 0,
            uid=gs.uid,
            course_id=gs.course_id,
            position=step.position,
            step_code=step.code,
            step_title_nl=step.title_nl,
            step_title_en=step.title_en,
            date=gs.date,
            start_time=gs.start_time,
            end_time=gs.end_time,
            venue_id=gs.venue_id,
            venue_name=venues.get(gs.venue_id, "") if gs.venue_id else "",
            room_id=gs.room_id,
            room_name=rooms.get(gs.room_id, "") if gs.room_id else "",
            status=GroupSessionStatus(gs.status),
            is_makeup=gs.is_makeup,
            note=gs.note,
            course_version=course_version or 0,
            started=has_started(gs.date, gs.start_time, now),
        )
        for gs, step in rows
    ]


@unit_of_work
def update_group_session(
    session: Session,
    /,
    *,
    group_session_id: int,
    course_version: int,
    on: date,
    start_time: time,
    end_time: time,
    venue_id: int | None,
    room_id: int | None = None,
    note: str = "",
) -> GroupSessionInfo:
    """Move one meeting (date, times, venue) or change its note; the others stay as they are.

    ``course_version`` is the course's as the user read it with its meetings
    (:attr:`GroupSessionInfo.course_version`): a course whose meetings someone else moved,
    cancelled or added to since refuses the move."""
    gs = check.get_or_fail(
        session, GroupSession, group_session_id, what=lambda: _("The group session")
    )
    course = session.get_one(Course, gs.course_id)
    aggregates.check_course(session, course, course_version)
    if end_time <= start_time:
        raise ValidationError(_("A group session must end after it starts."), field="end_time")
    if venue_id is not None:
        check.get_or_fail(session, Venue, venue_id, what=lambda: _("The venue"))
    check_room(session, venue_id, room_id)
    recorded = session.exec(
        select(Attendance.id).where(Attendance.group_session_id == group_session_id)
    ).first()
    if (gs.status == GroupSessionStatus.HELD or recorded is not None) and not has_started(
        on, start_time, local_now(session)
    ):
        raise RuleError(
            _(
                "This meeting was held and its attendance recorded; it cannot be moved to a "
                "time that has not come yet. Add a make-up meeting instead."
            )
        )
    touch(course)
    gs.date, gs.start_time, gs.end_time, gs.venue_id = on, start_time, end_time, venue_id
    gs.room_id = room_id
    gs.note = (note or "").strip()
    session.flush()
    audit(session, action="update", entity="group_session", entity_id=gs.id)
    return next(s for s in list_group_sessions(session, course_id=gs.course_id) if s.id == gs.id)


@unit_of_work
def set_group_session_status(
    session: Session,
    /,
    *,
    group_session_id: int,
    course_version: int,
    status: GroupSessionStatus,
    reason: str = "",
) -> None:
    """Mark a meeting held or cancelled (a cancellation needs a reason).

    ``course_version`` is the course's as the user read it with its meetings, as for
    :func:`update_group_session`."""
    gs = check.get_or_fail(
        session, GroupSession, group_session_id, what=lambda: _("The group session")
    )
    course = session.get_one(Course, gs.course_id)
    aggregates.check_course(session, course, course_version)
    if status is GroupSessionStatus.CANCELLED:
        gs.cancel_reason = check.text(reason, field="reason", label=_("Reason"), max_length=400)
    if status is GroupSessionStatus.HELD:
        refuse_before_start(gs.date, gs.start_time, local_now(session))
    touch(course)
    gs.status = status
    session.flush()
    audit(session, action=f"status:{status.value}", entity="group_session", entity_id=gs.id)
