"""One version per aggregate: a couple with its partners, a meeting with its record and marks,
a course with its meetings.

A service that changes any part of an aggregate moves the version of its root
(:func:`~holdmetight.domain.base.touch`), so the version a user read stands for everything they
saw. A save carries that version; when the stored one has moved since, the save is refused
before anything is written, with a message naming the aggregate and, from the audit trail, who
changed it and when.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session, col, select

from holdmetight.domain.audit import AuditEntry
from holdmetight.domain.couple import Couple, Enrollment
from holdmetight.domain.course import Course, CourseStep, GroupSession
from holdmetight.domain.fees import FeeAssessment
from holdmetight.errors import ConflictError
from holdmetight.i18n import _, format_date, format_time
from holdmetight.services.access import may_read
from holdmetight.services.clock import local_moments

# What the audit trail records for a meeting that changes its record, not the course's plan.
_RECORD_ACTIONS = ("record", "attendance")
# What transaction.current_user records when the operating system names no user.
_NO_USER = "unknown"


def reopen_advice() -> str:
    return _("Reopen it to see their change and try again.")


def check_couple(
    session: Session, couple: Couple, expected: int, *, names: Callable[[], str]
) -> None:
    """Refuse a save of ``couple`` or its partners made from a copy older than the stored one."""
    assert couple.id is not None
    stored = session.exec(
        select(Couple.version).where(Couple.id == couple.id).with_for_update()
    ).first()
    if stored == expected:
        return
    assessments = (
        select(FeeAssessment.id)
        .join(Enrollment, col(Enrollment.id) == FeeAssessment.enrollment_id)
        .where(Enrollment.couple_id == couple.id)
    )
    entry = _last_change(
        session,
        or_(
            _about("couple", couple.id),
            and_(
                col(AuditEntry.entity) == "fee_assessment",
                col(AuditEntry.entity_id).in_(assessments),
            ),
        ),
    )
    what = _("the couple {names}").format(names=names())
    raise _conflict(session, what, entry, reopen_advice())


def check_meeting(
    session: Session,
    meeting: GroupSession,
    expected: int,
    *,
    advice: Callable[[], str] = reopen_advice,
) -> None:
    """Refuse a save of ``meeting``'s record or marks made from a copy older than the stored
    one (someone recorded, moved or cancelled it since)."""
    assert meeting.id is not None
    stored = session.exec(
        select(GroupSession.version).where(GroupSession.id == meeting.id).with_for_update()
    ).first()
    if stored == expected:
        return
    entry = _last_change(session, _about("group_session", meeting.id))
    raise _conflict(session, meeting_name(session, meeting), entry, advice())


def check_course(session: Session, course: Course, expected: int) -> None:
    """Refuse a change to ``course`` or to its meetings' plan made from a copy older than the
    stored one; the message names the meeting when that is what changed."""
    assert course.id is not None
    stored = session.exec(
        select(Course.version).where(Course.id == course.id).with_for_update()
    ).first()
    if stored == expected:
        return
    meetings = select(GroupSession.id).where(GroupSession.course_id == course.id)
    entry = _last_change(
        session,
        or_(
            _about("course", course.id),
            and_(
                col(AuditEntry.entity) == "group_session",
                col(AuditEntry.entity_id).in_(meetings),
                col(AuditEntry.action).not_in(_RECORD_ACTIONS),
            ),
        ),
    )
    meeting = (
        session.get(GroupSession, entry.entity_id)
        if entry is not None and entry.entity == "group_session" and entry.entity_id
        else None
    )
    what = (
        meeting_name(session, meeting)
        if meeting is not None
        else _("course {code}").format(code=course.code)
    )
    raise _conflict(session, what, entry, reopen_advice())


def meeting_name(session: Session, meeting: GroupSession) -> str:
    """A meeting as a message names it: "meeting 3 of course HMV-27-03A (12 Mar 2027)"."""
    code = session.exec(select(Course.code).where(Course.id == meeting.course_id)).one()
    position = session.exec(
        select(CourseStep.position).where(CourseStep.id == meeting.course_step_id)
    ).one()
    return _("meeting {n} of course {code} ({date})").format(
        n=position, code=code, date=format_date(meeting.date)
    )


def _about(entity: str, entity_id: int) -> ColumnElement[bool]:
    """Changes recorded for one record (its creation is no change since anyone read it)."""
    return and_(
        col(AuditEntry.entity) == entity,
        col(AuditEntry.entity_id) == entity_id,
        col(AuditEntry.action) != "create",
    )


def _last_change(session: Session, which: ColumnElement[bool]) -> AuditEntry | None:
    """Who changed it last, for a login that may read the audit trail (else None)."""
    if not may_read(session, "audit_entry"):
        return None
    return session.exec(
        select(AuditEntry)
        .where(which)
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    ).first()


def _conflict(session: Session, what: str, entry: AuditEntry | None, advice: str) -> ConflictError:
    if entry is None:
        refusal = _("Someone else changed {what} in the meantime; nothing was saved.").format(
            what=what
        )
    else:
        moment = local_moments(session)(entry.at)
        refusal = _(
            "{user} changed {what} in the meantime (on {date} at {time}); nothing was saved."
        ).format(
            user=entry.os_user if entry.os_user != _NO_USER else _("Someone else"),
            what=what,
            date=format_date(moment.date()),
            time=format_time(moment),
        )
    return ConflictError(f"{refusal} {advice}")
