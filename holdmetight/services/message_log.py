"""The log of messages to couples: writing drafts to it (e-mails waiting to be sent, letters
printed), what went before (so that sending again can be asked about), what no longer applies
when its turn comes, taking a waiting message back, and a couple's messages as listed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from holdmetight.domain.couple import Enrollment, Partner, PlaceOffer
from holdmetight.domain.course import Course, GroupSession
from holdmetight.domain.enums import (
    ConsentPurpose,
    EnrollmentStatus,
    GroupSessionStatus,
    Language,
    MessageChannel,
    MessageKind,
    MessageStatus,
    OfferOutcome,
)
from holdmetight.domain.messages import Message
from holdmetight.domain.names import full_name
from holdmetight.errors import NotFoundError, RuleError
from holdmetight.i18n import _
from holdmetight.services import consents, fee_assessments
from holdmetight.services.clock import local_moments, local_now
from holdmetight.services.messages import ABOUT_A_MEETING, Draft
from holdmetight.services.transaction import audit, current_user, read_only, unit_of_work


@dataclass(frozen=True)
class MessageInfo:
    """A message of the log, as the couple's page lists it."""

    id: int
    couple_id: int
    partner_name: str
    course_code: str
    kind: MessageKind
    channel: MessageChannel
    language: Language
    recipient: str
    subject: str
    body: str
    attachments: tuple[str, ...]
    meeting_date: date | None  # of the meeting a reminder or catch-up message is about
    status: MessageStatus
    error: str
    created_at: datetime  # in the organisation's time zone, as are the other moments
    created_by: str
    sent_at: datetime | None


@read_only
def sent_before(session: Session, /, *, drafts: Sequence[Draft]) -> frozenset[str]:
    """The ``repeat_key`` of every draft whose message went before (sent, on its way, or
    printed), to the same partner or in one letter to the couple: sending those again is asked
    about first."""
    return sent_before_in(session, drafts)


def sent_before_in(session: Session, drafts: Sequence[Draft]) -> frozenset[str]:
    """:func:`sent_before` in the caller's transaction."""
    couple_ids = sorted({d.couple_id for d in drafts})
    earlier: dict[int, list[tuple[str, int | None]]] = {}
    for start in range(0, len(couple_ids), 500):
        for key, couple_id, partner_id in session.exec(
            select(Message.repeat_key, Message.couple_id, Message.partner_id).where(
                col(Message.couple_id).in_(couple_ids[start : start + 500]),
                col(Message.status).not_in([MessageStatus.FAILED, MessageStatus.WITHDRAWN]),
            )
        ):
            earlier.setdefault(couple_id, []).append((key.rpartition(":")[0], partner_id))
    found: set[str] = set()
    for draft in drafts:
        about = draft.repeat_key.rpartition(":")[0]
        for before, partner_id in earlier.get(draft.couple_id, []):
            same_partner = None in (draft.partner_id, partner_id) or partner_id == draft.partner_id
            if before == about and same_partner:
                found.add(draft.repeat_key)
    return frozenset(found)


def record_in(session: Session, drafts: Sequence[Draft]) -> list[int]:
    """Write ``drafts`` to the log (e-mails waiting to be sent, letters printed), in the
    caller's transaction; a draft whose ``once_key`` is in the log already is skipped. Returns
    the ids of the e-mails to send."""
    once = [d.once_key for d in drafts if d.once_key]
    taken = (
        set(session.exec(select(Message.once_key).where(col(Message.once_key).in_(once))).all())
        if once
        else set()
    )
    who = current_user()
    to_send: list[int] = []
    for draft in drafts:
        if draft.once_key and draft.once_key in taken:
            continue
        letter = draft.channel == MessageChannel.LETTER
        message = Message(
            couple_id=draft.couple_id,
            partner_id=draft.partner_id,
            course_id=draft.course_id,
            group_session_id=draft.group_session_id,
            kind=draft.kind,
            channel=draft.channel,
            language=draft.language,
            recipient=draft.recipient,
            subject=draft.subject,
            body=draft.body,
            attachments="\n".join(draft.attachments),
            repeat_key=draft.repeat_key,
            once_key=draft.once_key,
            status=MessageStatus.PRINTED if letter else MessageStatus.QUEUED,
            created_by=who[:200],
        )
        session.add(message)
        session.flush()
        assert message.id is not None
        audit(
            session,
            action="print" if letter else "send",
            entity="message",
            entity_id=message.id,
            couple_id=draft.couple_id,
            detail=f"message={draft.kind.value}",
        )
        if not letter:
            to_send.append(message.id)
    return to_send


@unit_of_work
def record(session: Session, /, *, drafts: Sequence[Draft]) -> list[int]:
    """Write ``drafts`` to the log; returns the ids of the e-mails to send."""
    return record_in(session, drafts)


def no_longer_applies(session: Session, message: Message) -> str | None:
    """Why a message waiting to be sent should not go any more, or None when it still should:
    the partner withdrew consent to e-mail or changed address, the meeting was cancelled or
    has begun, the offer was answered or passed, the fee was paid, the couple left the
    course. (In the language in force: it is shown as the reason in the couple's messages.)"""
    partner = session.get(Partner, message.partner_id) if message.partner_id else None
    today = local_now(session).date()
    if partner is None or not partner.family_name:
        return _("The partner's data were erased.")
    if partner.email != message.recipient:
        return _("The e-mail address changed since the message was made.")
    if not consents.has_consent(session, partner.id or 0, ConsentPurpose.EMAIL, today):
        return _("The partner no longer agrees to contact by e-mail.")
    enrollment = session.exec(
        select(Enrollment).where(
            Enrollment.couple_id == message.couple_id, Enrollment.course_id == message.course_id
        )
    ).first()
    if enrollment is None:
        return _("The couple no longer takes part in the course.")
    kind = MessageKind(message.kind)
    if kind in ABOUT_A_MEETING:
        meeting = session.get(GroupSession, message.group_session_id or 0)
        if meeting is None or meeting.status == GroupSessionStatus.CANCELLED:
            return _("The meeting was cancelled.")
        begun = datetime.combine(meeting.date, meeting.start_time) <= local_now(session)
        if kind == MessageKind.MEETING_REMINDER and begun:
            return _("The meeting has begun already.")
    if kind in (MessageKind.INVITATION, MessageKind.MEETING_REMINDER) and (
        enrollment.status != EnrollmentStatus.ENROLLED
    ):
        return _("The couple no longer takes part in the course.")
    if kind == MessageKind.WAITING_LIST_OFFER and open_offer(session, enrollment.id or 0) is None:
        return _("The offer was answered or its time ran out.")
    if kind == MessageKind.FEE_REMINDER:
        row = fee_assessments.fee_row(session, enrollment_id=enrollment.id or 0)
        if row.outstanding <= 0:
            return _("Nothing is outstanding any more.")
    return None


def open_offer(session: Session, enrollment_id: int) -> PlaceOffer | None:
    return session.exec(
        select(PlaceOffer).where(
            PlaceOffer.enrollment_id == enrollment_id, PlaceOffer.outcome == OfferOutcome.OPEN
        )
    ).first()


@unit_of_work
def withdraw_message(session: Session, /, *, message_id: int) -> None:
    """Take back a message still waiting to be sent: it is not sent, and says who took it
    back."""
    message = session.get(Message, message_id)
    if message is None:
        raise NotFoundError(_("The message no longer exists."))
    if message.status != MessageStatus.QUEUED:
        raise RuleError(_("Only a message still waiting to be sent can be taken back."))
    message.status = MessageStatus.WITHDRAWN
    message.error = _("Taken back by {who}.").format(who=current_user())[:1000]
    session.add(message)
    session.flush()
    audit(
        session,
        action="withdraw",
        entity="message",
        entity_id=message.id,
        couple_id=message.couple_id,
        detail=f"message={MessageKind(message.kind).value}",
    )


@read_only
def messages_of(session: Session, /, *, couple_id: int) -> list[MessageInfo]:
    """Every message sent or printed to the couple, newest first."""
    rows = session.exec(
        select(Message, Partner, Course, col(GroupSession.date))
        .outerjoin(Partner, col(Partner.id) == Message.partner_id)
        .outerjoin(Course, col(Course.id) == Message.course_id)
        .outerjoin(GroupSession, col(GroupSession.id) == Message.group_session_id)
        .where(Message.couple_id == couple_id)
        .order_by(col(Message.created_at).desc(), col(Message.id).desc())
    ).all()
    local = local_moments(session)
    return [
        MessageInfo(
            id=m.id or 0,
            couple_id=m.couple_id,
            partner_name=full_name(p.given_name, p.name_prefix, p.family_name) if p else "",
            course_code=c.code if c else "",
            kind=MessageKind(m.kind),
            channel=MessageChannel(m.channel),
            language=Language(m.language),
            recipient=m.recipient,
            subject=m.subject,
            body=m.body,
            attachments=tuple(a for a in m.attachments.split("\n") if a),
            meeting_date=meeting_date,
            status=MessageStatus(m.status),
            error=m.error,
            created_at=local(m.created_at),
            created_by=m.created_by,
            sent_at=local(m.sent_at) if m.sent_at is not None else None,
        )
        for m, p, c, meeting_date in rows
    ]
