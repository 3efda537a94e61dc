"""Pure rules of the course process, over plain values."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

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

ENROLLING_COURSE_STATUSES: frozenset[CourseStatus] = frozenset(
    {CourseStatus.PLANNED, CourseStatus.OPEN}
)


def can_change_course_status(current: CourseStatus, new: CourseStatus) -> bool:
    """Whether a course may go from ``current`` to ``new`` (planned -> open -> running -> ...)."""
    return new in COURSE_TRANSITIONS[current]


def status_on_application(*, places_taken: int, capacity: int) -> EnrollmentStatus:
    """A new applicant gets a place while there is one, else joins the waiting list."""
    return EnrollmentStatus.ENROLLED if places_taken < capacity else EnrollmentStatus.WAITLISTED


def weekly_dates(
    start: date, count: int, *, skip: Iterable[date] = (), interval_weeks: int = 1
) -> list[date]:
    """``count`` dates on the weekday of ``start``, every ``interval_weeks``, passing over
    the dates in ``skip`` (public holidays, a school holiday the user excluded)."""
    if count < 0:
        raise ValueError("count must not be negative")
    excluded = set(skip)
    dates: list[date] = []
    current = start
    while len(dates) < count:
        if current not in excluded:
            dates.append(current)
        current += timedelta(weeks=interval_weeks)
    return dates
