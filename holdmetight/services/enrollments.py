"""Enrolling couples in courses: places, the waiting list, and the status of each enrollment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from holdmetight.domain.base import utc_now
from holdmetight.domain.couple import Couple, Enrollment, Partner
from holdmetight.domain.course import Course
from holdmetight.domain.enums import CourseStatus, EnrollmentStatus, Language
from holdmetight.domain.names import list_name
from holdmetight.domain.rules import ENROLLING_COURSE_STATUSES, PLACE_HOLDING, status_on_application
from holdmetight.errors import RuleError
from holdmetight.i18n import _
from holdmetight.services import validation as check
from holdmetight.services.transaction import audit, unit_of_work


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
    closing_date: date | None
    version: int


def places_taken(session: Session, course_id: int) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(Enrollment)
            .where(
                Enrollment.course_id == course_id, col(Enrollment.status).in_(list(PLACE_HOLDING))
            )
        ).one()
    )


@unit_of_work
def enroll(
    *, session: Session, couple_id: int, course_id: int, applied_at: datetime | None = None
) -> EnrollmentInfo:
    """Give a couple a place in a course, or a place on its waiting list when the course is full."""
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    if CourseStatus(course.status) not in ENROLLING_COURSE_STATUSES:
        raise RuleError(
            _("Couples cannot enroll in a course that is {status}.").format(
                status=CourseStatus(course.status).label
            )
        )
    already = session.exec(
        select(Enrollment.id).where(
            Enrollment.course_id == course_id, Enrollment.couple_id == couple_id
        )
    ).first()
    if already is not None:
        raise RuleError(
            _("This couple is already enrolled in course {code}.").format(code=course.code)
        )
    enrollment = Enrollment(
        couple_id=couple_id,
        course_id=course_id,
        status=status_on_application(
            places_taken=places_taken(session, course_id), capacity=course.capacity
        ),
        applied_at=applied_at or utc_now(),
    )
    session.add(enrollment)
    session.flush()
    audit(session, action="enroll", entity="enrollment", entity_id=enrollment.id)
    return next(
        e for e in list_enrollments(session=session, course_id=course_id) if e.id == enrollment.id
    )


@unit_of_work
def set_enrollment_status(
    *,
    session: Session,
    enrollment_id: int,
    status: EnrollmentStatus,
    reason: str = "",
    closing_date: date | None = None,
) -> None:
    """Record that a couple completed, withdrew or was referred (with the reason)."""
    enrollment = check.get_or_fail(
        session, Enrollment, enrollment_id, what=lambda: _("The enrollment")
    )
    if status in (EnrollmentStatus.WITHDRAWN, EnrollmentStatus.REFERRED):
        enrollment.status_reason = check.text(
            reason, field="reason", label=_("Reason"), max_length=400
        )
    enrollment.status = status
    if closing_date is not None:
        enrollment.closing_date = closing_date
    session.flush()
    audit(session, action=f"status:{status.value}", entity="enrollment", entity_id=enrollment.id)


@unit_of_work
def list_enrollments(*, session: Session, course_id: int) -> list[EnrollmentInfo]:
    """A course's enrollments: places first (by name), then the waiting list in order."""
    rows = session.exec(
        select(Enrollment, Partner)
        .join(Partner, col(Partner.couple_id) == Enrollment.couple_id)
        .where(Enrollment.course_id == course_id)
        .order_by(col(Enrollment.id), col(Partner.position))
    ).all()
    grouped: dict[int, tuple[Enrollment, list[Partner]]] = {}
    for enrollment, partner in rows:
        grouped.setdefault(enrollment.id or 0, (enrollment, []))[1].append(partner)
    waiting = sorted(
        (e for e, _p in grouped.values() if e.status == EnrollmentStatus.WAITLISTED),
        key=lambda e: (e.applied_at, e.id or 0),
    )
    position = {e.id: n for n, e in enumerate(waiting, start=1)}
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
                closing_date=enrollment.closing_date,
                version=enrollment.version,
            )
        )
    order = {EnrollmentStatus.WAITLISTED: 1, EnrollmentStatus.APPLIED: 1}
    return sorted(
        result,
        key=lambda e: (order.get(e.status, 0), e.waitlist_position or 0, e.names.casefold()),
    )
