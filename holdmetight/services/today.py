"""The home page (*Vandaag*): what needs doing now, across all courses.

Each list is read with a few statements for all courses together, and bounded in time, so that a
database of many years opens on this page as quickly as on a small one: meetings of this week,
meetings of the last weeks whose attendance is not recorded, couples at risk in the courses that
run now, open waiting-list offers, fees still outstanding a month after a course ended, the
follow-up questionnaires due, and messages that did not go.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col

from holdmetight.domain.base import utc_now
from holdmetight.domain.completion import ATTENDED, CompletionState
from holdmetight.domain.couple import Attendance, Couple, Enrollment, PlaceOffer
from holdmetight.domain.course import Course, CourseStep, GroupSession
from holdmetight.domain.enums import (
    AttendanceStatus,
    CourseStatus,
    EnrollmentStatus,
    GroupSessionStatus,
    MessageStatus,
    OfferOutcome,
    OutcomeWave,
)
from holdmetight.domain.fees import FeeAssessment, Payment, Waiver
from holdmetight.domain.messages import Message
from holdmetight.domain.money import to_euros
from holdmetight.domain.rules import PLACE_HOLDING, has_started
from holdmetight.domain.waiting_list import is_expired
from holdmetight.services.agenda import AgendaItem, agenda
from holdmetight.services.attendance import EMPTY, Mark, completion_of
from holdmetight.services.clock import local_dates, local_now
from holdmetight.services.fee_assessments import couple_names, name_order
from holdmetight.services.outcome_scores import due_questionnaires
from holdmetight.services.transaction import read_only

# A meeting whose attendance was not recorded within this time is left to the course's page
# (an old course someone forgot to close should not fill the home page for years).
UNRECORDED_LOOK_BACK = timedelta(weeks=8)
# A course that ended longer ago than this no longer has couples "at risk".
AT_RISK_LOOK_BACK = timedelta(weeks=8)
# A fee counts as overdue when it is still open this long after the course's last meeting; older
# courses' open fees are the fee summary's (the home page is about what is recent).
FEE_GRACE = timedelta(days=30)
FEE_LOOK_BACK = timedelta(days=365)
# Messages that could not be sent (made this long ago at most) are listed, and those left
# "being sent" for longer than an hour by a run that stopped.
NOT_SENT_LOOK_BACK = timedelta(days=30)
STRANDED_AFTER = timedelta(hours=1)
OPEN_COURSES = (CourseStatus.PLANNED, CourseStatus.OPEN, CourseStatus.RUNNING)


@dataclass(frozen=True)
class UnrecordedMeeting:
    group_session_id: int
    course_id: int
    course_code: str
    position: int
    date: date
    start_time: time
    couples_missing: int  # couples with a place and no mark for this meeting


@dataclass(frozen=True)
class CoupleAtRisk:
    course_id: int
    course_code: str
    couple_id: int
    names: str
    missed: int  # steps missed so far


@dataclass(frozen=True)
class OpenOffer:
    course_id: int
    course_code: str
    couple_id: int
    names: str
    answer_by: date
    expired: bool  # the answer-by day has passed


@dataclass(frozen=True)
class OverdueFee:
    course_id: int
    course_code: str
    couple_id: int
    names: str
    outstanding: Decimal
    course_ended: date


@dataclass(frozen=True)
class FollowUpsDue:
    """The partners of one course who still have to fill in the follow-up questionnaires."""

    course_id: int
    course_code: str
    partners: int
    due_on: date  # the earliest day one of them was due


@dataclass(frozen=True)
class MessageNotSent:
    couple_id: int
    names: str
    course_code: str
    subject: str
    error: str
    created_on: date
    stranded: bool = False  # left "being sent": whether it went is not known


@dataclass(frozen=True)
class Today:
    today: date
    week_first: date
    week_last: date
    meetings: tuple[AgendaItem, ...]
    unrecorded: tuple[UnrecordedMeeting, ...]
    at_risk: tuple[CoupleAtRisk, ...]
    offers: tuple[OpenOffer, ...]
    fees: tuple[OverdueFee, ...] | None  # None: this login does not see fees
    follow_ups: tuple[FollowUpsDue, ...]
    messages_waiting: int
    not_sent: tuple[MessageNotSent, ...]


@read_only
def today_overview(session: Session, /, *, with_fees: bool = True) -> Today:
    """What needs attention today. ``with_fees`` is False for a login that may not see fees
    (a facilitator's): those are then neither read nor shown."""
    now = local_now(session)
    today = now.date()
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    return Today(
        today=today,
        week_first=monday,
        week_last=sunday,
        meetings=tuple(agenda(session, first=monday, last=sunday)),
        unrecorded=tuple(_unrecorded(session, now)),
        at_risk=tuple(_at_risk(session, now)),
        offers=tuple(_open_offers(session, today)),
        fees=tuple(_overdue_fees(session, today)) if with_fees else None,
        follow_ups=tuple(_follow_ups(session)),
        messages_waiting=_count_waiting(session),
        not_sent=tuple(_not_sent(session)),
    )


def _unrecorded(session: Session, now: datetime) -> list[UnrecordedMeeting]:
    """Meetings of open courses that have begun in the last weeks, not cancelled, with a couple
    that had a place by then and has no mark yet. A make-up meeting asks only for the couples
    who did not attend its step at another meeting."""
    meetings = [
        row
        for row in session.execute(
            select_columns(
                col(GroupSession.id),
                col(GroupSession.course_id),
                col(Course.code),
                col(CourseStep.position),
                col(GroupSession.date),
                col(GroupSession.start_time),
                col(GroupSession.is_makeup),
            )
            .join(Course, col(Course.id) == GroupSession.course_id)
            .join(CourseStep, col(CourseStep.id) == GroupSession.course_step_id)
            .where(col(Course.status).in_(OPEN_COURSES))
            .where(col(GroupSession.status) != GroupSessionStatus.CANCELLED)
            .where(col(GroupSession.date) >= now.date() - UNRECORDED_LOOK_BACK)
            .where(col(GroupSession.date) <= now.date())
        )
        if has_started(row.date, row.start_time, now)
    ]
    if not meetings:
        return []
    course_ids = {row.course_id for row in meetings}
    local = local_dates(session)
    placed: dict[int, dict[int, date | None]] = defaultdict(dict)  # course -> enrollment -> day
    for course_id, enrollment_id, placed_at in session.execute(
        select_columns(col(Enrollment.course_id), col(Enrollment.id), col(Enrollment.placed_at))
        .where(col(Enrollment.course_id).in_(course_ids))
        .where(col(Enrollment.status).in_(list(PLACE_HOLDING)))
    ):
        placed[course_id][enrollment_id] = local(placed_at) if placed_at else None
    marked: dict[int, set[int]] = defaultdict(set)  # meeting -> enrollments with a mark
    attended: dict[tuple[int, int], set[int]] = defaultdict(set)  # (course, step) -> meetings
    for meeting_id, course_id, position, enrollment_id, first, second in session.execute(
        select_columns(
            col(Attendance.group_session_id),
            col(GroupSession.course_id),
            col(CourseStep.position),
            col(Attendance.enrollment_id),
            col(Attendance.partner1),
            col(Attendance.partner2),
        )
        .join(GroupSession, col(GroupSession.id) == Attendance.group_session_id)
        .join(CourseStep, col(CourseStep.id) == GroupSession.course_step_id)
        .where(col(GroupSession.course_id).in_(course_ids))
        .where(col(Attendance.partner1).is_not(None) | col(Attendance.partner2).is_not(None))
    ):
        marked[meeting_id].add(enrollment_id)
        if first in ATTENDED or second in ATTENDED:
            attended[(course_id, position)].add(enrollment_id)
    found = []
    for row in meetings:
        expected = {
            enrollment_id
            for enrollment_id, day in placed[row.course_id].items()
            if day is None or day <= row.date
        }
        if row.is_makeup:  # a couple who attended the step elsewhere has nothing to make up
            expected -= attended[(row.course_id, row.position)] - marked[row.id]
        missing = len(expected - marked[row.id])
        if missing:
            found.append(
                UnrecordedMeeting(
                    row.id, row.course_id, row.code, row.position, row.date, row.start_time, missing
                )
            )
    return sorted(found, key=lambda m: (m.date, m.start_time, m.course_code))


def _at_risk(session: Session, now: datetime) -> list[CoupleAtRisk]:
    """Couples who missed two or more steps of a course that runs now (or ended lately and is
    not closed yet), while completion is still in reach."""
    courses = {
        course.id or 0: course
        for course in session.scalars(
            select_columns(Course)
            .where(col(Course.status).in_(OPEN_COURSES))
            .where(col(Course.first_date) <= now.date())
            .where(col(Course.last_date) >= now.date() - AT_RISK_LOOK_BACK)
        )
    }
    if not courses:
        return []
    meetings: dict[int, list[tuple[int, int, GroupSessionStatus, bool]]] = defaultdict(list)
    for meeting_id, course_id, position, status, day, start in session.execute(
        select_columns(
            col(GroupSession.id),
            col(GroupSession.course_id),
            col(CourseStep.position),
            col(GroupSession.status),
            col(GroupSession.date),
            col(GroupSession.start_time),
        )
        .join(CourseStep, col(CourseStep.id) == GroupSession.course_step_id)
        .where(col(GroupSession.course_id).in_(list(courses)))
    ):
        started = has_started(day, start, now)
        meetings[course_id].append((meeting_id, position, GroupSessionStatus(status), started))
    enrollments = session.execute(
        select_columns(col(Enrollment.id), col(Enrollment.course_id), col(Enrollment.couple_id))
        .where(col(Enrollment.course_id).in_(list(courses)))
        .where(col(Enrollment.status) == EnrollmentStatus.ENROLLED)
    ).all()
    marks: dict[tuple[int, int], Mark] = {}
    for enrollment_id, meeting_id, first, second in session.execute(
        select_columns(
            col(Attendance.enrollment_id),
            col(Attendance.group_session_id),
            col(Attendance.partner1),
            col(Attendance.partner2),
        )
        .join(Enrollment, col(Enrollment.id) == Attendance.enrollment_id)
        .where(col(Enrollment.course_id).in_(list(courses)))
    ):
        marks[(enrollment_id, meeting_id)] = (
            AttendanceStatus(first) if first else None,
            AttendanceStatus(second) if second else None,
        )
    risky: list[tuple[int, int, int]] = []
    for enrollment_id, course_id, couple_id in enrollments:
        course_meetings = meetings[course_id]
        completion = completion_of(
            courses[course_id],
            [
                (position, status, started, marks.get((enrollment_id, meeting_id), EMPTY))
                for meeting_id, position, status, started in course_meetings
            ],
            steps=max((m[1] for m in course_meetings), default=0),
        )
        if completion.state is CompletionState.AT_RISK:
            risky.append((course_id, couple_id, completion.missed))
    names = _names(session, {couple_id for _c, couple_id, _m in risky})
    order = name_order(names)
    return [
        CoupleAtRisk(
            course_id, courses[course_id].code, couple_id, names.get(couple_id, ""), missed
        )
        for course_id, couple_id, missed in sorted(
            risky, key=lambda r: (courses[r[0]].code, order.get(r[1], len(order)))
        )
    ]


def _names(session: Session, couple_ids: set[int]) -> dict[int, str]:
    """Each couple's names as lists show them; "" for an anonymised couple (the page says so)."""
    names = couple_names(session, couple_ids=couple_ids)
    for couple_id in session.scalars(
        select_columns(col(Couple.id))
        .where(col(Couple.id).in_(couple_ids))
        .where(col(Couple.anonymised_at).is_not(None))
    ):
        names[couple_id or 0] = ""
    return names


def _open_offers(session: Session, today: date) -> list[OpenOffer]:
    rows = session.execute(
        select_columns(
            col(PlaceOffer.course_id),
            col(Course.code),
            col(Enrollment.couple_id),
            col(PlaceOffer.answer_by),
        )
        .join(Enrollment, col(Enrollment.id) == PlaceOffer.enrollment_id)
        .join(Course, col(Course.id) == PlaceOffer.course_id)
        .where(col(PlaceOffer.outcome) == OfferOutcome.OPEN)
        .where(col(Course.status) != CourseStatus.CANCELLED)
        .order_by(col(PlaceOffer.answer_by), col(Course.code))
    ).all()
    names = _names(session, {row.couple_id for row in rows})
    return [
        OpenOffer(
            row.course_id,
            row.code,
            row.couple_id,
            names.get(row.couple_id, ""),
            row.answer_by,
            is_expired(row.answer_by, today),
        )
        for row in rows
    ]


def _overdue_fees(session: Session, today: date) -> list[OverdueFee]:
    """Fees still open a month after the last meeting of a course that ended in the last year
    (the database adds up the payments and waivers, and keeps only what is still open)."""

    def total(table: type[Payment] | type[Waiver]) -> object:
        return (
            select_columns(func.coalesce(func.sum(table.amount_cents), 0))
            .where(col(table.fee_assessment_id) == FeeAssessment.id)
            .correlate(FeeAssessment)
            .scalar_subquery()
        )

    open_cents = col(FeeAssessment.amount_cents) - total(Payment) - total(Waiver)
    rows = session.execute(
        select_columns(
            col(Course.id),
            col(Course.code),
            col(Course.last_date),
            col(Enrollment.couple_id),
            open_cents.label("open_cents"),
        )
        .join(Enrollment, col(Enrollment.id) == FeeAssessment.enrollment_id)
        .join(Course, col(Course.id) == Enrollment.course_id)
        .where(col(Course.status) != CourseStatus.CANCELLED)
        .where(col(Course.last_date) < today - FEE_GRACE)
        .where(col(Course.last_date) >= today - FEE_LOOK_BACK)
        .where(open_cents > 0)
    ).all()
    names = _names(session, {row.couple_id for row in rows})
    order = name_order(names)
    return [
        OverdueFee(
            row.id,
            row.code,
            row.couple_id,
            names.get(row.couple_id, ""),
            to_euros(row.open_cents),
            row.last_date,
        )
        for row in sorted(
            rows, key=lambda r: (r.last_date, r.code, order.get(r.couple_id, len(order)))
        )
    ]


def _follow_ups(session: Session) -> list[FollowUpsDue]:
    """The follow-up questionnaires due (the outcome due list's period), per course."""
    by_course: dict[int, list[date]] = defaultdict(list)
    codes: dict[int, str] = {}
    for item in due_questionnaires(session):
        if item.wave is OutcomeWave.FOLLOW_UP:
            by_course[item.course_id].append(item.due_on)
            codes[item.course_id] = item.course_code
    return sorted(
        (
            FollowUpsDue(course_id, codes[course_id], len(days), min(days))
            for course_id, days in by_course.items()
        ),
        key=lambda f: (f.due_on, f.course_code),
    )


def _count_waiting(session: Session) -> int:
    return int(
        session.execute(
            select_columns(func.count())
            .select_from(Message)
            .where(col(Message.status) == MessageStatus.QUEUED)
        ).scalar_one()
    )


def _not_sent(session: Session) -> list[MessageNotSent]:
    since = utc_now() - NOT_SENT_LOOK_BACK
    rows = session.execute(
        select_columns(
            col(Message.couple_id),
            col(Course.code),
            col(Message.subject),
            col(Message.error),
            col(Message.status),
            col(Message.created_at),
        )
        .outerjoin(Course, col(Course.id) == Message.course_id)
        .where(
            (col(Message.status) == MessageStatus.FAILED)
            # Left "being sent" by a run that stopped: whether it went is not known.
            | (
                (col(Message.status) == MessageStatus.SENDING)
                & (col(Message.created_at) < utc_now() - STRANDED_AFTER)
            )
        )
        .where(col(Message.created_at) >= since)
        .order_by(col(Message.created_at).desc())
    ).all()
    names = _names(session, {row.couple_id for row in rows})
    local = local_dates(session)
    return [
        MessageNotSent(
            row.couple_id,
            names.get(row.couple_id, ""),
            row.code or "",
            row.subject,
            row.error,
            local(row.created_at),
            MessageStatus(row.status) is MessageStatus.SENDING,
        )
        for row in rows
    ]
