"""The agenda: meetings of all courses in a period, for planning the weeks ahead."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

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
        select(GroupSession, Course, CourseStep)
        .join(Course, col(Course.id) == GroupSession.course_id)
        .join(CourseStep, col(CourseStep.id) == GroupSession.course_step_id)
        .where(col(GroupSession.date) >= first, col(GroupSession.date) <= last)
        .where(Course.status != CourseStatus.CANCELLED)
        .order_by(col(GroupSession.date), col(GroupSession.start_time), col(Course.code))
    )
    if venue_id is not None:
        query = query.where(GroupSession.venue_id == venue_id)
    if facilitator_id is not None:
        query = query.where(
            col(GroupSession.course_id).in_(
                select(CourseFacilitator.course_id).where(
                    CourseFacilitator.facilitator_id == facilitator_id
                )
            )
        )
    rows = session.exec(query).all()
    course_ids = {course.id for _gs, course, _step in rows}
    people: dict[int, list[str]] = defaultdict(list)
    for link, person in session.exec(
        select(CourseFacilitator, Facilitator)
        .join(Facilitator, col(Facilitator.id) == CourseFacilitator.facilitator_id)
        .where(col(CourseFacilitator.course_id).in_(course_ids))
        .order_by(col(CourseFacilitator.role).desc())
    ):
        people[link.course_id].append(
            full_name(person.given_name, person.name_prefix, person.family_name)
        )
    venues = dict(session.exec(select(Venue.id, Venue.name)).all())
    rooms = dict(session.exec(select(Room.id, Room.name)).all())
    return [
        AgendaItem(
            id=gs.id or 0,
            course_id=course.id or 0,
            course_code=course.code,
            course_title=course.title,
            position=step.position,
            step_title_nl=step.title_nl,
            step_title_en=step.title_en,
            date=gs.date,
            start_time=gs.start_time,
            end_time=gs.end_time,
            venue_name=" – ".join(
                p
                for p in (
                    venues.get(gs.venue_id, "") if gs.venue_id else "",
                    rooms.get(gs.room_id, "") if gs.room_id else "",
                )
                if p
            ),
            facilitators=", ".join(people[course.id or 0]),
            status=GroupSessionStatus(gs.status),
            is_makeup=gs.is_makeup,
        )
        for gs, course, step in rows
    ]
