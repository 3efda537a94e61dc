"""The agenda: meetings of all courses in a period, for planning the weeks ahead."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from holdmetight.domain.course import Course, CourseFacilitator, CourseStep, GroupSession
from holdmetight.domain.enums import CourseStatus, GroupSessionStatus
from holdmetight.domain.names import full_name
from holdmetight.domain.organisation import Facilitator, Room, Venue
from holdmetight.i18n import current_language
from holdmetight.services.transaction import read_only


@dataclass(frozen=True)
class AgendaItem:
    id: int  # the group session
    course_id: int
    course_code: str
    course_title: str
    position: int
    step_title_nl: str
    step_title_en: str
    date: date
    start_time: time
    end_time: time
    venue_name: str
    facilitators: str
    status: GroupSessionStatus
    is_makeup: bool

    @property
    def step_title(self) -> str:
        return self.step_title_nl if current_language() == "nl" else self.step_title_en


@read_only
def agenda(
    session: Session,
    /,
    *,
    first: date,
    last: date,
    facilitator_id: int | None = None,
    venue_id: int | None = None,
) -> list[AgendaItem]:
    """Meetings from ``first`` to ``last`` (inclusive) of courses that are not cancelled,
    optionally only those of one facilitator or at one venue, in time order."""
    query = (
        sa_select(
            col(GroupSession.id),
            col(GroupSession.course_id),
            col(GroupSession.date),
            col(GroupSession.start_time),
            col(GroupSession.end_time),
            col(GroupSession.venue_id),
            col(GroupSession.room_id),
            col(GroupSession.status),
            col(GroupSession.is_makeup),
            col(Course.code),
            col(Course.title),
            col(CourseStep.position),
            col(CourseStep.title_nl),
            col(CourseStep.title_en),
        )
        .join(Course, col(Course.id) == GroupSession.course_id)
        .join(CourseStep, col(CourseStep.id) == GroupSession.course_step_id)
        .where(col(GroupSession.date) >= first, col(GroupSession.date) <= last)
        .where(col(Course.status) != CourseStatus.CANCELLED)
        .order_by(col(GroupSession.date), col(GroupSession.start_time), col(Course.code))
    )
    if venue_id is not None:
        query = query.where(col(GroupSession.venue_id) == venue_id)
    if facilitator_id is not None:
        query = query.where(
            col(GroupSession.course_id).in_(
                select(CourseFacilitator.course_id).where(
                    CourseFacilitator.facilitator_id == facilitator_id
                )
            )
        )
    rows = session.execute(query).all()
    people: dict[int, list[str]] = defaultdict(list)
    for course_id, given, prefix, family in session.exec(
        select(
            CourseFacilitator.course_id,
            Facilitator.given_name,
            Facilitator.name_prefix,
            Facilitator.family_name,
        )
        .join(Facilitator, col(Facilitator.id) == CourseFacilitator.facilitator_id)
        .where(col(CourseFacilitator.course_id).in_({row.course_id for row in rows}))
        .order_by(col(CourseFacilitator.role).desc())
    ):
        people[course_id].append(full_name(given, prefix, family))
    venues = dict(session.exec(select(Venue.id, Venue.name)).all())
    rooms = dict(session.exec(select(Room.id, Room.name)).all())
    return [
        AgendaItem(
            id=row.id or 0,
            course_id=row.course_id,
            course_code=row.code,
            course_title=row.title,
            position=row.position,
            step_title_nl=row.title_nl,
            step_title_en=row.title_en,
            date=row.date,
            start_time=row.start_time,
            end_time=row.end_time,
            venue_name=" – ".join(
                name for name in (venues.get(row.venue_id, ""), rooms.get(row.room_id, "")) if name
            ),
            facilitators=", ".join(people[row.course_id]),
            status=GroupSessionStatus(row.status),
            is_makeup=row.is_makeup,
        )
        for row in rows
    ]
