"""Finding courses: the sorted, paged list behind the Courses page.

Ten years of an office's courses stay instant: the database puts the courses in the order the
user chose and hands over one page; the dates, places and waiting lists are then read for the
courses of that page only. How long the list is shows in a count, not in work done on every
course.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Float, cast, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from holdmetight.domain.couple import Enrollment, PlaceOffer
from holdmetight.domain.course import Course
from holdmetight.domain.enums import (
    CourseStatus,
    EnrollmentStatus,
    Language,
    OfferOutcome,
)
from holdmetight.domain.organisation import Venue
from holdmetight.domain.program import Program
from holdmetight.domain.rules import PLACE_HOLDING
from holdmetight.services.list_order import by_label, directed
from holdmetight.services.transaction import read_only


@dataclass(frozen=True)
class CourseRow:
    """A course as listed: what a coordinator scans for."""

    id: int
    code: str
    title: str
    program_code: str
    language: Language
    status: CourseStatus
    first_date: date | None
    last_date: date | None
    enrolled: int
    waitlisted: int  # on the waiting list, those with an open offer included
    offered: int  # places offered from the waiting list, awaiting an answer
    capacity: int
    venue_name: str


class CourseOrder(StrEnum):
    """What the list can be sorted by: one for each column of the Courses page."""

    CODE = "code"
    TITLE = "title"
    DATES = "dates"  # by the first meeting; courses without meetings count as latest
    ENROLLED = "enrolled"  # by how full: places taken of capacity, then the waiting list
    STATUS = "status"  # by the status's name in the language in use


def _counts(session: Session, course_ids: list[int]) -> dict[tuple[int, EnrollmentStatus], int]:
    rows = session.exec(
        select(Enrollment.course_id, Enrollment.status, func.count())
        .where(col(Enrollment.course_id).in_(course_ids))
        .group_by(col(Enrollment.course_id), col(Enrollment.status))
    ).all()
    return {(course_id, EnrollmentStatus(status)): n for course_id, status, n in rows}


def course_rows(session: Session, courses: list[Course]) -> list[CourseRow]:
    """The listed form of ``courses``, in the order given, read in a few queries for all."""
    ids = [c.id for c in courses if c.id is not None]
    counts = _counts(session, ids)
    offered = dict(
        session.exec(
            select(PlaceOffer.course_id, func.count())
            .where(col(PlaceOffer.course_id).in_(ids), PlaceOffer.outcome == OfferOutcome.OPEN)
            .group_by(col(PlaceOffer.course_id))
        ).all()
    )
    venue_ids = {c.venue_id for c in courses if c.venue_id is not None}
    venues = dict(
        session.exec(select(Venue.id, Venue.name).where(col(Venue.id).in_(venue_ids))).all()
    )
    program_ids = {c.program_id for c in courses}
    programs = dict(
        session.exec(select(Program.id, Program.code).where(col(Program.id).in_(program_ids))).all()
    )
    result = []
    for course in courses:
        assert course.id is not None
        result.append(
            CourseRow(
                id=course.id,
                code=course.code,
                title=course.title,
                program_code=programs.get(course.program_id, ""),
                language=Language(course.language),
                status=CourseStatus(course.status),
                first_date=course.first_date,
                last_date=course.last_date,
                enrolled=sum(counts.get((course.id, s), 0) for s in PLACE_HOLDING),
                waitlisted=counts.get((course.id, EnrollmentStatus.WAITLISTED), 0),
                offered=offered.get(course.id, 0),
                capacity=course.capacity,
                venue_name=venues.get(course.venue_id, "") if course.venue_id else "",
            )
        )
    return result


def _enrollments_with(statuses: frozenset[EnrollmentStatus]) -> Any:
    """How many of the course's enrollments have one of ``statuses`` (a correlated count)."""
    return (
        sa_select(func.count())
        .select_from(Enrollment)
        .where(col(Enrollment.course_id) == col(Course.id), col(Enrollment.status).in_(statuses))
        .correlate(Course)
        .scalar_subquery()
    )


def first_meeting() -> Any:
    """The date of the course's first meeting that is not cancelled, as stored on the course
    (see course_span); no value for a course without meetings."""
    return col(Course.first_date)


def _ordering(order: CourseOrder, descending: bool) -> list[ColumnElement[Any]]:
    """ORDER BY terms for ``order``; the code breaks ties, in the same direction."""
    keys: list[Any]
    if order is CourseOrder.DATES:
        first = first_meeting()
        # Not planned yet sorts as the latest: on top of the list, latest first.
        dated = first.desc().nulls_first() if descending else first.asc().nulls_last()
        return [dated, *directed([col(Course.code)], descending=descending)]
    if order is CourseOrder.CODE:
        keys = []
    elif order is CourseOrder.TITLE:
        keys = [col(Course.title_key)]
    elif order is CourseOrder.ENROLLED:
        taken = cast(_enrollments_with(PLACE_HOLDING), Float) / col(Course.capacity)
        keys = [taken, _enrollments_with(frozenset({EnrollmentStatus.WAITLISTED}))]
    else:
        keys = [by_label(col(Course.status), CourseStatus)]
    return directed([*keys, col(Course.code)], descending=descending)


def _conditions(status: CourseStatus | None) -> list[ColumnElement[bool]]:
    return [] if status is None else [col(Course.status) == status]


@read_only
def list_courses(
    session: Session,
    /,
    *,
    status: CourseStatus | None = None,
    order: CourseOrder = CourseOrder.DATES,
    descending: bool = True,
    offset: int = 0,
    limit: int | None = None,
) -> list[CourseRow]:
    """Courses (only those with ``status`` if given) in ``order``, by default the ones starting
    latest first; ``limit`` of them from ``offset`` on, or all."""
    page = (
        select(Course)
        .where(*_conditions(status))
        .order_by(*_ordering(order, descending))
        .offset(offset)
        .limit(limit)
    )
    return course_rows(session, list(session.exec(page)))


@read_only
def count_courses(session: Session, /, *, status: CourseStatus | None = None) -> int:
    """How many courses :func:`list_courses` pages through."""
    query = sa_select(func.count()).select_from(Course).where(*_conditions(status))
    return int(session.execute(query).scalar_one())


@read_only
def course_place(
    session: Session,
    /,
    *,
    course_id: int,
    status: CourseStatus | None = None,
    order: CourseOrder = CourseOrder.DATES,
    descending: bool = True,
) -> int | None:
    """Where the course stands in the list (0 for the first), or None when it is not listed:
    lets a view fetch just far enough to show the course chosen."""
    place = func.row_number().over(order_by=_ordering(order, descending)).label("place")
    ranked = sa_select(col(Course.id).label("id"), place).where(*_conditions(status)).subquery()
    found = session.execute(sa_select(ranked.c.place).where(ranked.c.id == course_id)).first()
    return None if found is None else int(found[0]) - 1
