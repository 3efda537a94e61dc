"""A course's first and last meeting dates, kept on the course whenever a meeting is written.

Lists and reports sort and select courses by these dates; reading them from every meeting of
ten years would make each list as slow as the history is long. Any flush that adds, moves,
cancels, reinstates or removes a meeting sets the dates of its course again from the meetings
not cancelled, in the same transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, func, inspect, select, update
from sqlmodel import Session

from holdmetight.domain.course import Course, GroupSession
from holdmetight.domain.enums import GroupSessionStatus

_TOUCHED = "holdmetight.course_span.touched"


def span_of(course_id: Any, *, last: bool) -> Any:
    """The first (or last) date of the course's meetings not cancelled, as a subquery."""
    meetings = GroupSession.__table__  # type: ignore[attr-defined]
    pick = func.max if last else func.min
    return (
        select(pick(meetings.c.date))
        .where(meetings.c.course_id == course_id)
        .where(meetings.c.status != GroupSessionStatus.CANCELLED)
        .scalar_subquery()
    )


def set_spans(session: Session, course_ids: set[int] | None = None) -> None:
    """Set the stored dates of ``course_ids`` (every course when None) from their meetings."""
    courses = Course.__table__  # type: ignore[attr-defined]
    statement = update(courses).values(
        first_date=span_of(courses.c.id, last=False), last_date=span_of(courses.c.id, last=True)
    )
    if course_ids is not None:
        statement = statement.where(courses.c.id.in_(sorted(course_ids)))
    session.connection().execute(statement)


@event.listens_for(Session, "before_flush")
def _note_meetings(session: Session, _context: Any, _instances: Any) -> None:
    touched: set[int] = session.info.setdefault(_TOUCHED, set())
    for item in (*session.new, *session.dirty, *session.deleted):
        if isinstance(item, GroupSession):
            touched.add(item.course_id)
            # A meeting moved to another course leaves its first course's dates changed too.
            touched.update(inspect(item).attrs.course_id.history.deleted)


@event.listens_for(Session, "after_flush_postexec")
def _keep_spans(session: Session, _context: Any) -> None:
    touched = {course_id for course_id in session.info.pop(_TOUCHED, ()) if course_id}
    if not touched:
        return
    set_spans(session, touched)
    for item in list(session.identity_map.values()):
        if isinstance(item, Course) and item.id in touched:
            session.expire(item, ["first_date", "last_date"])
