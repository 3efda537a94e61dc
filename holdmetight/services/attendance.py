"""Who came to which meeting: the attendance grid of a course, and recording it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time

from sqlmodel import Session, col, select

from holdmetight.domain.base import touch
from holdmetight.domain.completion import Completion, CompletionState, evaluate, merge_meetings
from holdmetight.domain.couple import Attendance, Enrollment, Partner
from holdmetight.domain.course import Course, CourseStep, GroupSession
from holdmetight.domain.enums import (
    AttendanceStatus,
    CourseStatus,
    EnrollmentStatus,
    GroupSessionStatus,
)
from holdmetight.domain.names import full_name
from holdmetight.domain.rules import PLACE_HOLDING, has_started
from holdmetight.errors import RuleError
from holdmetight.i18n import _, current_language
from holdmetight.services import aggregates
from holdmetight.services import validation as check
from holdmetight.services.clock import local_now, refuse_before_start
from holdmetight.services.transaction import audit, read_only, unit_of_work

Mark = tuple[AttendanceStatus | None, AttendanceStatus | None]
EMPTY: Mark = (None, None)


@dataclass(frozen=True)
class GridMeeting:
    id: int
    position: int
    step_title_nl: str
    step_title_en: str
    date: date
    start_time: time
    status: GroupSessionStatus
    is_makeup: bool
    started: bool  # only a meeting that has begun can have attendance
    version: int  # the meeting's, as read: saving marks for it hands this back (set_marks)

    @property
    def step_title(self) -> str:
        return self.step_title_nl if current_language() == "nl" else self.step_title_en


@dataclass(frozen=True)
class GridCouple:
    enrollment_id: int
    couple_id: int
    partner_names: tuple[str, str]
    status: EnrollmentStatus
    completion: Completion


@dataclass(frozen=True)
class AttendanceGrid:
    course_id: int
    meetings: tuple[GridMeeting, ...]
    couples: tuple[GridCouple, ...]
    marks: dict[tuple[int, int], Mark]  # (enrollment id, meeting id) -> both partners
    both_partners: bool = True  # the course's rule: both partners must attend a step

    def mark(self, enrollment_id: int, meeting_id: int) -> Mark:
        return self.marks.get((enrollment_id, meeting_id), EMPTY)


@read_only
def attendance_grid(session: Session, /, *, course_id: int) -> AttendanceGrid:
    """The course's meetings in order, its couples, what was recorded, and each couple's
    standing under the completion rule."""
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    now = local_now(session)
    meetings = [
        GridMeeting(
            id=gs.id or 0,
            position=step.position,
            step_title_nl=step.title_nl,
            step_title_en=step.title_en,
            date=gs.date,
            start_time=gs.start_time,
            status=GroupSessionStatus(gs.status),
            is_makeup=gs.is_makeup,
            started=has_started(gs.date, gs.start_time, now),
            version=gs.version,
        )
        for gs, step in session.exec(
            select(GroupSession, CourseStep)
            .join(CourseStep, col(CourseStep.id) == GroupSession.course_step_id)
            .where(GroupSession.course_id == course_id)
            .order_by(
                col(CourseStep.position), col(GroupSession.date), col(GroupSession.start_time)
            )
        )
    ]
    marks: dict[tuple[int, int], Mark] = {}
    for row in session.exec(
        select(Attendance).where(col(Attendance.group_session_id).in_([m.id for m in meetings]))
    ):
        marks[(row.enrollment_id, row.group_session_id)] = (
            AttendanceStatus(row.partner1) if row.partner1 else None,
            AttendanceStatus(row.partner2) if row.partner2 else None,
        )
    with_marks = {enrollment_id for enrollment_id, _m in marks}
    names: dict[int, dict[int, str]] = {}
    order: dict[int, str] = {}
    enrollments = session.exec(
        select(Enrollment).where(Enrollment.course_id == course_id).order_by(col(Enrollment.id))
    ).all()
    for partner in session.exec(
        select(Partner).where(col(Partner.couple_id).in_([e.couple_id for e in enrollments]))
    ):
        names.setdefault(partner.couple_id, {})[partner.position] = full_name(
            partner.given_name, partner.name_prefix, partner.family_name
        )
        if partner.position == 1:
            order[partner.couple_id] = partner.sort_key
    steps = max((m.position for m in meetings), default=0)
    couples = []
    for enrollment in enrollments:
        status = EnrollmentStatus(enrollment.status)
        if status not in PLACE_HOLDING and enrollment.id not in with_marks:
            continue
        enrollment_id = enrollment.id or 0
        pair = names.get(enrollment.couple_id, {})
        couples.append(
            GridCouple(
                enrollment_id=enrollment_id,
                couple_id=enrollment.couple_id,
                partner_names=(pair.get(1, ""), pair.get(2, "")),
                status=status,
                completion=completion_of(
                    course,
                    [
                        (m.position, m.status, m.started, marks.get((enrollment_id, m.id), EMPTY))
                        for m in meetings
                    ],
                    steps=steps,
                ),
            )
        )
    couples.sort(key=lambda c: order.get(c.couple_id, ""))
    return AttendanceGrid(
        course_id, tuple(meetings), tuple(couples), marks, course.completion_both_partners
    )


def completion_of(
    course: Course,
    meetings: Iterable[tuple[int, GroupSessionStatus, bool, Mark]],
    *,
    steps: int,
) -> Completion:
    """A couple's standing under the course's completion rule, from each meeting of the course
    (step position, status, begun or not, the couple's mark) and the number of steps."""
    happened = [
        (position, status == GroupSessionStatus.HELD, *mark)
        for position, status, started, mark in meetings
        if status != GroupSessionStatus.CANCELLED and started
    ]
    records = merge_meetings(happened, both_partners=course.completion_both_partners)
    finished = CourseStatus(course.status) in (CourseStatus.COMPLETED, CourseStatus.CANCELLED)
    return evaluate(records, required=course.completion_min_steps, total=steps, finished=finished)


def write_marks(
    session: Session, meeting: GroupSession, marks: Sequence[tuple[int, Mark]]
) -> list[tuple[int, Mark]]:
    """Store who came to ``meeting``: (enrollment id, (partner 1, partner 2)) for each couple
    given, and move the meeting's version. Returns the marks as they were before.

    A meeting that has begun and gets attendance counts as held. The caller has checked the
    version the user read (:func:`aggregates.check_meeting`).
    """
    if meeting.status == GroupSessionStatus.CANCELLED:
        raise RuleError(_("The meeting was cancelled; there is no attendance to record."))
    refuse_before_start(meeting.date, meeting.start_time, local_now(session))
    touch(meeting)
    before: list[tuple[int, Mark]] = []
    for enrollment_id, (first, second) in marks:
        enrollment = check.get_or_fail(
            session, Enrollment, enrollment_id, what=lambda: _("The enrollment")
        )
        if enrollment.course_id != meeting.course_id:
            raise RuleError(_("This couple is not in the course of that meeting."))
        row = session.exec(
            select(Attendance).where(
                Attendance.enrollment_id == enrollment_id,
                Attendance.group_session_id == meeting.id,
            )
        ).first()
        previous: Mark = (
            (
                AttendanceStatus(row.partner1) if row.partner1 else None,
                AttendanceStatus(row.partner2) if row.partner2 else None,
            )
            if row
            else EMPTY
        )
        before.append((enrollment_id, previous))
        if row is None:
            row = Attendance(enrollment_id=enrollment_id, group_session_id=meeting.id or 0)
        row.partner1, row.partner2 = first, second
        session.add(row)
        if (first or second) and meeting.status == GroupSessionStatus.SCHEDULED:
            meeting.status = GroupSessionStatus.HELD
    session.flush()
    return before


@unit_of_work
def set_marks(
    session: Session,
    /,
    *,
    group_session_id: int,
    version: int,
    marks: Sequence[tuple[int, Mark]],
) -> list[tuple[int, Mark]]:
    """Record who came to one meeting: (enrollment id, (partner 1, partner 2)) in one go.

    ``version`` is the meeting's as the user read it (:attr:`GridMeeting.version`): marks typed
    over a meeting that someone else recorded since are refused, not saved over theirs. Returns
    the marks as they were before, so the change can be undone with another call.
    """
    meeting = check.get_or_fail(
        session, GroupSession, group_session_id, what=lambda: _("The group session")
    )
    aggregates.check_meeting(session, meeting, version, advice=_look_again)
    before = write_marks(session, meeting, marks)
    audit(session, action="attendance", entity="group_session", entity_id=group_session_id)
    return before


def _look_again() -> str:
    return _("Look at the attendance as it is now and enter yours again.")


def finalise_enrollments(session: Session, course_id: int) -> int:
    """When a course is completed: couples who meet the completion rule become *completed*;
    the others keep their place (the grid shows them as not completed). Returns how many."""
    grid = attendance_grid(session, course_id=course_id)
    done = 0
    for couple in grid.couples:
        if (
            couple.status is EnrollmentStatus.ENROLLED
            and couple.completion.state is CompletionState.COMPLETED
        ):
            enrollment = session.get_one(Enrollment, couple.enrollment_id)
            enrollment.status = EnrollmentStatus.COMPLETED
            done += 1
    session.flush()
    return done
