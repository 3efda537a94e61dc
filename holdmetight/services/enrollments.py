"""Enrolling couples in courses: places, the waiting list, and the status of each enrollment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from holdmetight.domain.base import utc_now
from holdmetight.domain.couple import Couple, Enrollment, Intake, Partner
from holdmetight.domain.course import Course
from holdmetight.domain.enums import (
    CourseStatus,
    EnrollmentStatus,
    IntakeOutcome,
    Language,
    LeavingFee,
    TrafficLight,
)
from holdmetight.domain.names import list_name
from holdmetight.domain.rules import ENROLLING_COURSE_STATUSES, can_change_enrollment_status
from holdmetight.domain.waiting_list import takes_place_at_once
from holdmetight.errors import RuleError, ValidationError
from holdmetight.i18n import _
from holdmetight.services import leaving_fees, waiting_list
from holdmetight.services import validation as check
from holdmetight.services.access import without_intake_notes
from holdmetight.services.clock import local_now
from holdmetight.services.couples import refuse_if_anonymised
from holdmetight.services.transaction import audit, read_only, unit_of_work
from holdmetight.services.waiting_list import places_of


@dataclass(frozen=True)
class EnrollmentInfo:
    id: int
    couple_id: int
    course_id: int
    names: str
    languages: tuple[Language, Language]
    status: EnrollmentStatus
    applied_at: datetime
    waitlist_position: int | None
    status_reason: str
    override_reason: str
    closing_date: date | None
    closing_advice: str
    had_place: bool  # False for a couple that only waited (and perhaps left the list)
    fee_on_leaving: LeavingFee | None
    not_ready: str  # on the waiting list: why the couple cannot take a place now
    offer_answer_by: date | None  # on the waiting list: an open offer to answer by this day
    version: int


@dataclass(frozen=True)
class Places:
    """How full a course is: places taken, offered (awaiting an answer), free, and waiting."""

    capacity: int
    taken: int
    offered: int
    waiting: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.taken - self.offered, 0)


@read_only
def course_places(session: Session, /, *, course_id: int) -> Places:
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    waiting = session.exec(
        select(func.count())
        .select_from(Enrollment)
        .where(Enrollment.course_id == course_id, Enrollment.status == EnrollmentStatus.WAITLISTED)
    ).one()
    places = places_of(session, course)
    return Places(course.capacity, places.taken, places.offered, int(waiting))


@dataclass(frozen=True)
class Objection:
    """Why the latest intake speaks against a group course, and whether a reason may
    override it (a red light or a referral may; screening flags may not)."""

    message: str
    may_override: bool


@read_only
def intake_objection(session: Session, /, *, couple_id: int) -> Objection | None:
    """What the couple's latest intake says against enrolling them, if anything."""
    intake = session.exec(
        select(Intake)
        .options(without_intake_notes())  # not every role may read them
        .where(Intake.couple_id == couple_id)
        .order_by(col(Intake.date).desc(), col(Intake.id).desc())
    ).first()
    if intake is None:
        return None
    if (
        intake.flag_affair
        or intake.flag_violence
        or intake.flag_addiction
        or intake.flag_mental_disorder
    ):
        return Objection(
            _(
                "The intake recorded a reason the programme excludes (screening flags); "
                "refer the couple instead of enrolling them."
            ),
            may_override=False,
        )
    if intake.traffic_light == TrafficLight.RED or intake.outcome != IntakeOutcome.SUITABLE:
        return Objection(
            _("The intake advises against a group course (red light, referral or not suitable)."),
            may_override=True,
        )
    return None


@unit_of_work
def enroll(
    session: Session,
    /,
    *,
    couple_id: int,
    course_id: int,
    applied_at: datetime | None = None,
    override_reason: str = "",
) -> EnrollmentInfo:
    """Give a couple a place in a course, or a place at the end of its waiting list: when the
    course is full, when others are waiting already, or when the organisation asks for a
    suitable intake first and the couple has none yet.

    An intake that advises against a group course blocks the enrollment unless a reason to
    enroll anyway is given; screening flags always block it.
    """
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    refuse_if_anonymised(
        check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    )
    if CourseStatus(course.status) not in ENROLLING_COURSE_STATUSES:
        raise RuleError(
            _("Couples cannot enroll in a course that is {status}.").format(
                status=CourseStatus(course.status).label
            )
        )
    earlier = session.exec(
        select(Enrollment).where(
            Enrollment.course_id == course_id, Enrollment.couple_id == couple_id
        )
    ).first()
    if earlier is not None:
        waiting_list.refuse_again(earlier, course.code)
    waiting_list.refuse_second_place(session, couple_id, course_id)
    reason = check.text(
        override_reason, field="override_reason", label=_("Reason"), required=False, max_length=400
    )
    objection = intake_objection(session, couple_id=couple_id)
    if objection is not None:
        if not objection.may_override:
            raise RuleError(objection.message)
        if not reason:
            raise RuleError(objection.message + " " + _("Give a reason to enroll them anyway."))
    # A couple that left the waiting list without ever having had a place may apply again.
    enrollment = earlier or Enrollment(couple_id=couple_id, course_id=course_id)
    enrollment.status = EnrollmentStatus.WAITLISTED
    enrollment.applied_at = applied_at or utc_now()
    enrollment.status_reason = ""
    enrollment.passed_over_reason = ""
    enrollment.override_reason = reason if objection else ""
    rules = waiting_list.settings(session)
    ready = not waiting_list.why_not_ready(session, enrollment, rules)
    if takes_place_at_once(
        places_of(session, course), waiting_list.line_of(session, course_id, rules), ready=ready
    ):
        enrollment.status = EnrollmentStatus.ENROLLED
        enrollment.placed_at = enrollment.applied_at
    session.add(enrollment)
    session.flush()
    audit(session, action="enroll", entity="enrollment", entity_id=enrollment.id)
    if enrollment.status == EnrollmentStatus.ENROLLED:
        waiting_list.leave_other_lists(session, enrollment)
    waiting_list.settle(session, course_id)
    return _one(session, enrollment)


def _one(session: Session, enrollment: Enrollment) -> EnrollmentInfo:
    return next(
        e
        for e in list_enrollments(session, course_id=enrollment.course_id)
        if e.id == enrollment.id
    )


@unit_of_work
def set_enrollment_status(
    session: Session,
    /,
    *,
    enrollment_id: int,
    status: EnrollmentStatus,
    reason: str = "",
    closing_date: date | None = None,
    fee_on_leaving: LeavingFee | None = None,
    refund: Decimal | None = None,
) -> EnrollmentInfo:
    """Record that a couple completed, withdrew or was referred (the last two with a reason,
    and, when it had paid or still owes something, what happens to the rest of its fee).

    A place that frees up is offered to the first couple in line; a waiting couple gets a
    place only by accepting such an offer (see :mod:`holdmetight.services.waiting_list`).
    """
    enrollment = check.get_or_fail(
        session, Enrollment, enrollment_id, what=lambda: _("The enrollment")
    )
    current = EnrollmentStatus(enrollment.status)
    if not can_change_enrollment_status(current, status):
        raise RuleError(
            _("An enrollment that is {current} cannot become {new}.").format(
                current=current.label, new=status.label
            )
        )
    if status is EnrollmentStatus.ENROLLED:
        raise RuleError(
            _(
                "A couple on the waiting list gets a place by accepting the offer of one; "
                "free places are offered in the order of application."
            )
        )
    if status in (EnrollmentStatus.WITHDRAWN, EnrollmentStatus.REFERRED):
        enrollment.status_reason = check.text(
            reason, field="reason", label=_("Reason"), max_length=400
        )
        waiting_list.withdraw_open_offer(session, enrollment_id)
        if enrollment.placed_at is None and fee_on_leaving is None:
            leaving_fees.owe_nothing(session, enrollment)
        else:
            leaving_fees.decide(session, enrollment, fee_on_leaving, refund)
    enrollment.status = status
    if closing_date is not None:
        enrollment.closing_date = closing_date
    session.flush()
    audit(session, action=f"status:{status.value}", entity="enrollment", entity_id=enrollment.id)
    waiting_list.settle(session, enrollment.course_id)
    return _one(session, enrollment)


@unit_of_work
def record_closing(
    session: Session, /, *, enrollment_id: int, version: int, on: date, advice: str
) -> EnrollmentInfo:
    """The closing conversation after the course: when, and the advice given."""
    enrollment = check.get_or_fail(
        session, Enrollment, enrollment_id, what=lambda: _("The enrollment")
    )
    check.check_version(enrollment, version)
    if on > local_now(session).date():
        raise ValidationError(
            _("The closing conversation cannot be in the future."), field="closing_date"
        )
    enrollment.closing_date = on
    enrollment.closing_advice = (advice or "").strip()
    session.flush()
    audit(session, action="closing", entity="enrollment", entity_id=enrollment.id)
    return _one(session, enrollment)


@read_only
def list_enrollments(session: Session, /, *, course_id: int) -> list[EnrollmentInfo]:
    """A course's enrollments: places first (by name), then the waiting list in order."""
    # In the couples' list order (the stored sort key), as every list of couples.
    rows = session.exec(
        select(Enrollment, Partner)
        .join(Partner, col(Partner.couple_id) == Enrollment.couple_id)
        .join(Couple, col(Couple.id) == Enrollment.couple_id)
        .where(Enrollment.course_id == course_id)
        .order_by(col(Couple.sort_key), col(Enrollment.id), col(Partner.position))
    ).all()
    grouped: dict[int, tuple[Enrollment, list[Partner]]] = {}
    for enrollment, partner in rows:
        grouped.setdefault(enrollment.id or 0, (enrollment, []))[1].append(partner)
    waiting = sorted(
        (e for e, _p in grouped.values() if e.status == EnrollmentStatus.WAITLISTED),
        key=lambda e: (e.applied_at, e.id or 0),
    )
    position = {e.id: n for n, e in enumerate(waiting, start=1)}
    rules = waiting_list.settings(session)
    offers = {o.enrollment_id: o.answer_by for o in waiting_list.open_offers(session, course_id)}
    result = []
    for enrollment, partners in grouped.values():
        first, second = partners[0], partners[1]
        result.append(
            EnrollmentInfo(
                id=enrollment.id or 0,
                couple_id=enrollment.couple_id,
                course_id=course_id,
                names=" & ".join(
                    list_name(p.given_name, p.name_prefix, p.family_name) for p in (first, second)
                ),
                languages=(Language(first.preferred_language), Language(second.preferred_language)),
                status=EnrollmentStatus(enrollment.status),
                applied_at=enrollment.applied_at,
                waitlist_position=position.get(enrollment.id),
                status_reason=enrollment.status_reason,
                override_reason=enrollment.override_reason,
                closing_date=enrollment.closing_date,
                closing_advice=enrollment.closing_advice,
                had_place=enrollment.placed_at is not None,
                fee_on_leaving=(
                    LeavingFee(enrollment.fee_on_leaving) if enrollment.fee_on_leaving else None
                ),
                not_ready=(
                    waiting_list.why_not_ready(session, enrollment, rules)
                    if enrollment.status == EnrollmentStatus.WAITLISTED
                    else ""
                ),
                offer_answer_by=offers.get(enrollment.id or 0),
                version=enrollment.version,
            )
        )
    order = {EnrollmentStatus.WAITLISTED: 1, EnrollmentStatus.APPLIED: 1}
    # Stable: within places, and among applications, the couples stay in their list order.
    return sorted(result, key=lambda e: (order.get(e.status, 0), e.waitlist_position or 0))
