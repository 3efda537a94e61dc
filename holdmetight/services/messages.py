"""Messages to couples: who gets which message of a course, made from the templates in each
partner's own language, by e-mail where the partner agreed to e-mail contact and on paper
otherwise; and the log of what was sent or printed.

Preparing reads only: it returns the drafts (to preview) and the partners left out with the
reason. Recording them (:func:`record`) writes each as a :class:`Message`, waiting to be sent
(e-mail) or printed (letter). A draft names what it is about (``repeat_key``), so that sending
the same again can be asked about first; one sent on a schedule also carries a ``once_key``,
unique in the database, so that of several PCs only one sends it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from holdmetight.domain.couple import Attendance, Couple, Enrollment, Partner, PlaceOffer
from holdmetight.domain.course import Course, GroupSession
from holdmetight.domain.enums import (
    AttendanceStatus,
    ConsentPurpose,
    EnrollmentStatus,
    GroupSessionStatus,
    Language,
    MessageChannel,
    MessageKind,
    MessageStatus,
    OfferOutcome,
    OutcomeWave,
)
from holdmetight.domain.messages import Message, fill, for_channel
from holdmetight.domain.names import full_name
from holdmetight.errors import NotFoundError, RuleError, ValidationError
from holdmetight.i18n import _, using_language
from holdmetight.services import consents, fee_assessments, group_sessions, outcome_scores
from holdmetight.services.clock import local_moments, local_now
from holdmetight.services.couples import PostalAddress
from holdmetight.services.mail_server import settings_in
from holdmetight.services.message_fields import (
    CourseFacts,
    Extras,
    Recipient,
    Sender,
    course_facts,
    field_values,
    joined,
    sender_of,
)
from holdmetight.services.message_templates import MAX_SUBJECT, check_template, template_text
from holdmetight.services.transaction import audit, current_user, read_only, unit_of_work

# The kinds of message that are about one meeting.
ABOUT_A_MEETING = frozenset({MessageKind.MEETING_REMINDER, MessageKind.CATCH_UP})
# The kinds that tell the course's meetings: none can go before the meetings are planned.
NEEDS_MEETINGS = ABOUT_A_MEETING | {MessageKind.INVITATION, MessageKind.WAITING_LIST_OFFER}
# The kinds of message that go to the couple once, not to each partner.
ONE_PER_COUPLE = frozenset({MessageKind.FEE_REMINDER})
# Days a partner has to fill in the follow-up questionnaires when invited on or after the day
# they were due.
ANSWER_DAYS = 14


@dataclass(frozen=True)
class Draft:
    """One message to one partner, made and ready to preview."""

    couple_id: int
    partner_id: int | None  # None: one letter to both partners
    partner_name: str
    course_id: int
    group_session_id: int | None
    kind: MessageKind
    channel: MessageChannel
    language: Language
    recipient: str  # an e-mail address, or the address lines joined by newlines
    subject: str
    body: str
    repeat_key: str
    once_key: str | None = None
    attachments: tuple[str, ...] = ()  # the files an e-mail carries
    note: str = ""  # why a partner with an e-mail address gets a letter


@dataclass(frozen=True)
class LeftOut:
    """A partner who gets no message, and why."""

    couple_id: int
    partner_name: str
    reason: str


@dataclass(frozen=True)
class Prepared:
    drafts: tuple[Draft, ...]
    left_out: tuple[LeftOut, ...]


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


def repeat_key(
    kind: MessageKind,
    partner_id: int | None,
    course_id: int,
    meeting_id: int | None,
    couple_id: int,
) -> str:
    """What a message is about: its kind, its meeting or course, and its partner (or the
    couple, for one letter to both)."""
    about = f"m{meeting_id}" if meeting_id is not None else f"c{course_id}"
    to = f"p{partner_id}" if partner_id is not None else f"k{couple_id}"
    return f"{kind.value}:{about}:{to}"


def _one_line(subject: str) -> str:
    """A filled-in subject as a header takes it: one line, within the log's 300 characters."""
    flat = " ".join(subject.split())
    return flat if len(flat) <= MAX_SUBJECT else flat[: MAX_SUBJECT - 1] + "\u2026"


def _name(partner: Partner) -> str:
    return full_name(partner.given_name, partner.name_prefix, partner.family_name)


def _one_for_the_couple(
    reached: list[tuple[Partner, MessageChannel, str]],
) -> tuple[list[tuple[Partner, MessageChannel, str]], bool]:
    """A message about the couple's money goes once: by e-mail to the first partner who can
    get one, else as one letter (to both, where they live together and read one language)."""
    emails = [r for r in reached if r[1] == MessageChannel.EMAIL]
    if emails:
        return emails[:1], False
    if len(_letters_together(reached)) == 1:
        return reached, True
    return reached[:1], False


def _letters_together(
    reached: list[tuple[Partner, MessageChannel, str]],
) -> list[list[tuple[Partner, MessageChannel, str]]]:
    """Both partners in one letter when both get one, at the same address, in one language;
    otherwise a message each."""
    letters = [r for r in reached if r[1] == MessageChannel.LETTER]
    if len(letters) == 2:
        (one, _c1, at_one), (two, _c2, at_two) = letters
        same_place = at_one.splitlines()[1:] == at_two.splitlines()[1:]
        if same_place and one.preferred_language == two.preferred_language:
            return [letters, *[[r] for r in reached if r[1] != MessageChannel.LETTER]]
    return [[r] for r in reached]


def _address(couple: Couple, partner: Partner) -> PostalAddress:
    own = PostalAddress(partner.street, partner.house_number, partner.postcode, partner.town)
    if not own.is_empty:
        return own
    return PostalAddress(couple.street, couple.house_number, couple.postcode, couple.town)


def _channel(
    session: Session, couple: Couple, partner: Partner, today: date, *, email_only: bool
) -> tuple[MessageChannel | None, str, str]:
    """How a message reaches ``partner``: the channel and the address, or None and the reason
    it cannot."""
    name = full_name(partner.given_name, partner.name_prefix, partner.family_name)
    wants_email = (
        bool(partner.email)
        and not partner.prefers_post
        and consents.has_consent(session, partner.id or 0, ConsentPurpose.EMAIL, today)
    )
    if wants_email:
        return MessageChannel.EMAIL, partner.email, ""
    if email_only:
        if partner.prefers_post:
            return None, "", _("{name} prefers letters by post.").format(name=name)
        if not partner.email:
            return None, "", _("{name} has no e-mail address.").format(name=name)
        return None, "", _("{name} has not agreed to contact by e-mail.").format(name=name)
    address = _address(couple, partner)
    if not address.is_complete:
        return (
            None,
            "",
            _("{name} gets no e-mail and has no complete postal address.").format(name=name),
        )
    if partner.prefers_post:
        why = _("prefers letters")
    elif not partner.email:
        why = _("no e-mail address")
    else:
        why = _("no consent to e-mail")
    return MessageChannel.LETTER, "\n".join((name, *address.lines())), why


def _who_gets(
    session: Session, kind: MessageKind, course_id: int, meeting_id: int | None, today: date
) -> list[Found]:
    """The enrollments a message of ``kind`` goes to, what it knows about each, and for a
    catch-up message only the partners (positions) who missed the meeting."""
    meeting = next(
        (
            m
            for m in group_sessions.list_group_sessions(session, course_id=course_id)
            if meeting_id is not None and m.id == meeting_id
        ),
        None,
    )
    if kind in ABOUT_A_MEETING and meeting is None:
        raise ValidationError(_("Choose the meeting this message is about."), field="meeting")
    enrollments = session.exec(
        select(Enrollment).where(Enrollment.course_id == course_id).order_by(col(Enrollment.id))
    ).all()
    placed = [e for e in enrollments if e.status == EnrollmentStatus.ENROLLED]
    result: list[Found] = []
    if kind in (MessageKind.INVITATION, MessageKind.MEETING_REMINDER):
        result = [(e, Extras(meeting=meeting), None) for e in placed]
    elif kind == MessageKind.CATCH_UP:
        missed = {AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED}
        marks = {
            a.enrollment_id: a
            for a in session.exec(
                select(Attendance).where(Attendance.group_session_id == meeting_id)
            )
        }
        for e in placed:
            mark = marks.get(e.id or 0)
            if mark is None:
                continue
            who = frozenset(
                n for n, status in ((1, mark.partner1), (2, mark.partner2)) if status in missed
            )
            if who:
                result.append((e, Extras(meeting=meeting), who))
    elif kind == MessageKind.WAITING_LIST_OFFER:
        offers = {
            o.enrollment_id: o
            for o in session.exec(
                select(PlaceOffer).where(
                    PlaceOffer.course_id == course_id, PlaceOffer.outcome == OfferOutcome.OPEN
                )
            )
        }
        result = [
            (e, Extras(answer_by=offers[e.id or 0].answer_by), None)
            for e in enrollments
            if (e.id or 0) in offers
        ]
    elif kind == MessageKind.FEE_REMINDER:
        rows = {
            r.enrollment_id: r for r in fee_assessments.fee_overview(session, course_id=course_id)
        }
        for e in enrollments:
            row = rows.get(e.id or 0)
            if row is not None and row.assessed is not None and row.outstanding > 0:
                result.append((e, Extras(fee=(row.assessed, row.paid, row.outstanding)), None))
    elif kind == MessageKind.FOLLOW_UP_QUESTIONNAIRE:
        due: dict[tuple[int, int], tuple[date, tuple[str, ...]]] = {}
        for item in outcome_scores.due_questionnaires(session, course_id=course_id):
            if item.wave != OutcomeWave.FOLLOW_UP:
                continue  # before and after are filled in at the meetings themselves
            due.setdefault((item.couple_id, item.partner), (item.due_on, item.instrument_codes))
        by_couple = {e.couple_id: e for e in enrollments}
        answer_by = today + timedelta(days=ANSWER_DAYS)
        for (couple_id, position), (due_on, codes) in sorted(due.items()):
            enrollment = by_couple.get(couple_id)
            if enrollment is not None:
                result.append(
                    (
                        enrollment,
                        Extras(questionnaires=codes, questionnaire_date=max(due_on, answer_by)),
                        frozenset({position}),
                    )
                )
    elif kind == MessageKind.CLOSING_LETTER:
        result = [
            (e, Extras(), None) for e in enrollments if e.status == EnrollmentStatus.COMPLETED
        ]
    return result


Found = tuple[Enrollment, Extras, frozenset[int] | None]


def _merge(found: list[Found]) -> dict[int, Found]:
    """One entry per couple: a partner due for two waves is invited once, for the earliest."""
    merged: dict[int, Found] = {}
    for enrollment, extras, who in found:
        earlier = merged.get(enrollment.couple_id)
        if earlier is None:
            merged[enrollment.couple_id] = (enrollment, extras, who)
        else:
            both = None if earlier[2] is None or who is None else earlier[2] | who
            merged[enrollment.couple_id] = (earlier[0], earlier[1], both)
    return merged


def prepare_in(
    session: Session,
    kind: MessageKind,
    course_id: int,
    *,
    meeting_id: int | None = None,
    couple_ids: Sequence[int] | None = None,
    email_only: bool = False,
    per_couple: bool = False,
) -> Prepared:
    """The messages of ``kind`` for a course (for the couples chosen), in the caller's
    transaction. ``email_only``: partners who cannot get an e-mail are left out (a schedule
    prints no letters). ``per_couple``: partners who both get a letter at one address, in one
    language, get one letter together."""
    today = local_now(session).date()
    sender = sender_of(session)
    facts: CourseFacts = course_facts(session, course_id)
    if kind in NEEDS_MEETINGS and not facts.meetings:
        raise ValidationError(
            _("This course has no meetings planned yet: plan them before sending this message."),
            field="kind",
        )
    texts = {}
    for language in Language:
        text = template_text(session, kind, language)
        check_template(kind, text.subject, text.body)
        texts[language] = text
    drafts: list[Draft] = []
    left_out: list[LeftOut] = []
    chosen = set(couple_ids) if couple_ids is not None else None
    for couple_id, (_enrollment, extras, who) in _merge(
        _who_gets(session, kind, course_id, meeting_id, today)
    ).items():
        if chosen is not None and couple_id not in chosen:
            continue
        couple = session.get_one(Couple, couple_id)
        if couple.anonymised_at is not None:
            continue
        partners = session.exec(
            select(Partner).where(Partner.couple_id == couple_id).order_by(col(Partner.position))
        ).all()
        given = tuple(p.given_name for p in partners)
        meeting = extras.meeting.id if extras.meeting is not None else None
        reached: list[tuple[Partner, MessageChannel, str]] = []
        notes: dict[int, str] = {}
        for partner in partners:
            if not partner.family_name or (who is not None and partner.position not in who):
                continue  # an erased partner, or one a catch-up or questionnaire is not for
            channel, address, reason = _channel(
                session, couple, partner, today, email_only=email_only
            )
            if channel is None:
                left_out.append(LeftOut(couple_id, _name(partner), reason))
            else:
                reached.append((partner, channel, address))
                notes[partner.id or 0] = reason
        together = per_couple
        if kind in ONE_PER_COUPLE and reached:
            reached, together = _one_for_the_couple(reached)
        for group in _letters_together(reached) if together else [[r] for r in reached]:
            first, channel, address = group[0]
            language = Language(first.preferred_language)
            names = tuple(_name(p) for p, _c, _a in group)
            with using_language(language.value):
                recipient = Recipient(
                    given_name=joined(tuple(p.given_name for p, _c, _a in group)),
                    full_name=joined(names),
                    language=language,
                    partner_given_names=given,
                )
                if len(group) > 1:  # one letter to both: both names above the address
                    address = "\n".join((joined(names), *address.splitlines()[1:]))
            values = field_values(sender, facts, recipient, extras, today)
            text = texts[language]
            partner_id = first.id or 0 if len(group) == 1 else None
            files: tuple[str, ...] = ()
            if channel == MessageChannel.EMAIL and kind == MessageKind.INVITATION:
                files = (calendar_file(facts.code),)
            elif channel == MessageChannel.EMAIL and kind == MessageKind.CATCH_UP:
                assert extras.meeting is not None
                files = (handout_file(facts.code, extras.meeting.step_code),)
            drafts.append(
                Draft(
                    couple_id=couple_id,
                    partner_id=partner_id,
                    partner_name=" & ".join(names),
                    course_id=course_id,
                    group_session_id=meeting,
                    kind=kind,
                    channel=channel,
                    language=language,
                    recipient=address,
                    subject=_one_line(fill(text.subject, values)),
                    body=fill(for_channel(text.body, channel), values),
                    repeat_key=repeat_key(kind, partner_id, course_id, meeting, couple_id),
                    attachments=files,
                    note=notes.get(first.id or 0, "") if len(group) == 1 else "",
                )
            )
    return Prepared(tuple(drafts), tuple(left_out))


@read_only
def prepare(
    session: Session,
    /,
    *,
    kind: MessageKind,
    course_id: int,
    meeting_id: int | None = None,
    couple_ids: Sequence[int] | None = None,
    email_only: bool = False,
    per_couple: bool = False,
) -> Prepared:
    """The messages of ``kind`` for a course, to preview before they are recorded."""
    return prepare_in(
        session,
        MessageKind(kind),
        course_id,
        meeting_id=meeting_id,
        couple_ids=couple_ids,
        email_only=email_only,
        per_couple=per_couple,
    )


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


def calendar_file(course_code: str) -> str:
    """The name of a course's calendar attached to an invitation: its code, nothing personal."""
    return f"{course_code}.ics"


def handout_file(course_code: str, step_code: str) -> str:
    """The name of a meeting's handout attached to a catch-up message."""
    return f"{course_code}-{step_code}.pdf"


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


@dataclass(frozen=True)
class LetterSetup:
    """What every letter shares: the sender, the envelopes' window, the day."""

    sender: Sender
    window_left_mm: int
    window_top_mm: int
    today: date


@read_only
def letter_setup(session: Session, /) -> LetterSetup:
    settings = settings_in(session)
    return LetterSetup(
        sender=sender_of(session),
        window_left_mm=settings.window_left_mm,
        window_top_mm=settings.window_top_mm,
        today=local_now(session).date(),
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
