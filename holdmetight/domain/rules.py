"""Pure rules of the course process, over plain values."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from holdmetight.domain.enums import CourseStatus, EnrollmentStatus

COURSE_TRANSITIONS: dict[CourseStatus, frozenset[CourseStatus]] = {
    CourseStatus.PLANNED: frozenset({CourseStatus.OPEN, CourseStatus.CANCELLED}),
    CourseStatus.OPEN: frozenset(
        {CourseStatus.PLANNED, CourseStatus.RUNNING, CourseStatus.CANCELLED}
    ),
    CourseStatus.RUNNING: frozenset({CourseStatus.COMPLETED, CourseStatus.CANCELLED}),
    CourseStatus.COMPLETED: frozenset(),
    CourseStatus.CANCELLED: frozenset({CourseStatus.PLANNED}),
}

# Couples who hold a place in the group (the capacity counts these).
PLACE_HOLDING: frozenset[EnrollmentStatus] = frozenset(
    {EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED}
)

ENROLLMENT_TRANSITIONS: dict[EnrollmentStatus, frozenset[EnrollmentStatus]] = {
    EnrollmentStatus.APPLIED: frozenset(
        {
            EnrollmentStatus.ENROLLED,
            EnrollmentStatus.WAITLISTED,
            EnrollmentStatus.WITHDRAWN,
            EnrollmentStatus.REFERRED,
        }
    ),
    EnrollmentStatus.WAITLISTED: frozenset(
        {EnrollmentStatus.ENROLLED, EnrollmentStatus.WITHDRAWN, EnrollmentStatus.REFERRED}
    ),
    EnrollmentStatus.ENROLLED: frozenset(
        {EnrollmentStatus.COMPLETED, EnrollmentStatus.WITHDRAWN, EnrollmentStatus.REFERRED}
    ),
    EnrollmentStatus.COMPLETED: frozenset(),
    EnrollmentStatus.WITHDRAWN: frozenset(),
    EnrollmentStatus.REFERRED: frozenset(),
}

ENROLLING_COURSE_STATUSES: frozenset[CourseStatus] = frozenset(
    {CourseStatus.PLANNED, CourseStatus.OPEN}
)


def can_change_course_status(current: CourseStatus, new: CourseStatus) -> bool:
    """Whether a course may go from ``current`` to ``new`` (planned -> open -> running -> ...)."""
    return new in COURSE_TRANSITIONS[current]


def can_change_enrollment_status(current: EnrollmentStatus, new: EnrollmentStatus) -> bool:
    """applied -> enrolled | waitlisted -> completed | withdrawn | referred (DESIGN.md)."""
    return new in ENROLLMENT_TRANSITIONS[current]


def weekly_dates(
    start: date, count: int, *, skip: Iterable[date] = (), interval_weeks: int = 1
) -> list[date]:
    """``count`` dates on the weekday of ``start``, every ``interval_weeks``, passing over
    the dates in ``skip`` (public holidays, a school holiday the user excluded)."""
    if count < 0:
        raise ValueError("count must not be negative")
    return _dates_every(start, count, timedelta(weeks=interval_weeks), skip)


def following_days(start: date, count: int, *, skip: Iterable[date] = ()) -> list[date]:
    """``count`` days one after another from ``start`` (an intensive course's days), passing
    over the dates in ``skip``."""
    if count < 0:
        raise ValueError("count must not be negative")
    return _dates_every(start, count, timedelta(days=1), skip)


def _dates_every(start: date, count: int, step: timedelta, skip: Iterable[date]) -> list[date]:
    excluded = set(skip)
    dates: list[date] = []
    current = start
    while len(dates) < count:
        if current not in excluded:
            dates.append(current)
        current += step
    return dates


def has_started(day: date, start: time, now: datetime) -> bool:
    """Whether a meeting has begun by ``now`` (local wall-clock time, as meetings are kept):
    only then can it be held and attendance be recorded for it."""
    return datetime.combine(day, start) <= now
