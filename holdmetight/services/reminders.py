"""Reminders sent on a schedule, without a server of our own: when the organisation switched
them on, each partner with e-mail gets a reminder of each meeting a set number of days before
it, once, whichever PC (or scheduled task) sends it first."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from sqlmodel import Session, col, select

from holdmetight.domain.course import Course, GroupSession
from holdmetight.domain.enums import CourseStatus, GroupSessionStatus, MessageKind
from holdmetight.domain.organisation import Organisation
from holdmetight.services.clock import local_now
from holdmetight.services.mail_server import settings_in
from holdmetight.services.message_log import record_in, sent_before_in
from holdmetight.services.messages import Draft, LeftOut, common_to, prepare_in
from holdmetight.services.transaction import read_only, unit_of_work


@dataclass(frozen=True)
class Due:
    drafts: tuple[Draft, ...]
    left_out: tuple[LeftOut, ...]


def once_key(draft: Draft) -> str:
    return f"reminder:m{draft.group_session_id}:p{draft.partner_id}"


def _due(session: Session) -> Due:
    if session.exec(select(Organisation.id)).first() is None:
        return Due((), ())
    settings = settings_in(session)
    if not settings.reminders_on:
        return Due((), ())
    now = local_now(session)
    today = now.date()
    last = today + timedelta(days=settings.reminder_days)
    meetings = session.exec(
        select(GroupSession)
        .join(Course, col(Course.id) == GroupSession.course_id)
        .where(
            col(GroupSession.date) >= today,
            col(GroupSession.date) <= last,
            GroupSession.status == GroupSessionStatus.SCHEDULED,
            col(Course.status).not_in([CourseStatus.CANCELLED, CourseStatus.COMPLETED]),
        )
        .order_by(col(GroupSession.date), col(GroupSession.start_time))
    ).all()
    drafts: list[Draft] = []
    left_out: list[LeftOut] = []
    common = common_to(session, MessageKind.MEETING_REMINDER) if meetings else None
    for meeting in meetings:
        if meeting.date == today and meeting.start_time <= now.time():
            continue  # begun already: a reminder now would come too late
        prepared = prepare_in(
            session,
            MessageKind.MEETING_REMINDER,
            meeting.course_id,
            meeting_id=meeting.id,
            email_only=True,
            common=common,
        )
        drafts += [replace(d, once_key=once_key(d)) for d in prepared.drafts]
        left_out += prepared.left_out
    # A partner reminded by hand already is not reminded again.
    before = sent_before_in(session, drafts)
    return Due(tuple(d for d in drafts if d.repeat_key not in before), tuple(left_out))


@read_only
def due_reminders(session: Session, /) -> Due:
    """The reminders due now that have not been sent (for ``send-due --dry-run``)."""
    found = _due(session)
    return Due(tuple(d for d in found.drafts if not _sent(session, d)), found.left_out)


def _sent(session: Session, draft: Draft) -> bool:
    from holdmetight.domain.messages import Message

    return (
        session.exec(select(Message.id).where(Message.once_key == draft.once_key)).first()
        is not None
    )


@unit_of_work
def claim_due_reminders(session: Session, /) -> list[int]:
    """Write the reminders due now to the log, each once across every PC; returns the ids of
    the e-mails to send."""
    return record_in(session, _due(session).drafts)
