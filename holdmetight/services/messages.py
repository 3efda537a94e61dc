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
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, col, select

from holdmetight.domain.couple import Attendance, Couple, Enrollment, Partner, PlaceOffer
from holdmetight.domain.enums import (
    AttendanceStatus,
    ConsentPurpose,
    EnrollmentStatus,
    Language,
    MessageChannel,
    MessageKind,
    OfferOutcome,
    OutcomeWave,
)
from holdmetight.domain.messages import fill, for_channel
from holdmetight.domain.names import full_name
from holdmetight.errors import ValidationError
from holdmetight.i18n import _, using_language
from holdmetight.services import consents, fee_assessments, outcome_scores
from holdmetight.services.clock import local_now
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
from holdmetight.services.message_templates import (
    MAX_SUBJECT,
    TemplateText,
    check_template,
    template_text,
)
from holdmetight.services.transaction import read_only

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
    couple: Couple, partner: Partner, *, agreed: bool, email_only: bool
) -> tuple[MessageChannel | None, str, str]:
    """How a message reaches ``partner`` (``agreed``: to contact by e-mail, today): the channel
    and the address, or None and the reason it cannot."""
    name = full_name(partner.given_name, partner.name_prefix, partner.family_name)
    wants_email = bool(partner.email) and not partner.prefers_post and agreed
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
    session: Session, kind: MessageKind, facts: CourseFacts, meeting_id: int | None, today: date
) -> list[Found]:
    """The enrollments a message of ``kind`` goes to, what it knows about each, and for a
    catch-up message only the partners (positions) who missed the meeting."""
    course_id = facts.id
    meeting = next((m for m in facts.all_meetings if m.id == meeting_id), None)
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


@dataclass
class _Writing:
    """What every message of one kind for one course is made from."""

    session: Session
    kind: MessageKind
    course_id: int
    today: date
    sender: Sender
    facts: CourseFacts
    texts: dict[Language, TemplateText]
    couples: dict[int, Couple] = field(default_factory=dict)
    partners: dict[int, list[Partner]] = field(default_factory=dict)
    agreed: set[int] = field(default_factory=set)  # partners who agreed to e-mail, today

    def read(self, found: dict[int, Found]) -> None:
        """The couples, their partners and their consent to e-mail, at once."""
        ids = sorted(found)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for couple in self.session.exec(select(Couple).where(col(Couple.id).in_(chunk))):
                self.couples[couple.id or 0] = couple
            for partner in self.session.exec(
                select(Partner)
                .where(col(Partner.couple_id).in_(chunk))
                .order_by(col(Partner.couple_id), col(Partner.position))
            ):
                self.partners.setdefault(partner.couple_id, []).append(partner)
        every = [p.id or 0 for people in self.partners.values() for p in people]
        self.agreed |= consents.partners_with_consent(
            self.session, every, ConsentPurpose.EMAIL, self.today
        )

    def for_couple(
        self,
        couple_id: int,
        extras: Extras,
        who: frozenset[int] | None,
        *,
        email_only: bool,
        per_couple: bool,
    ) -> tuple[list[Draft], list[LeftOut]]:
        """The drafts for one couple's partners (or one to both), and who cannot be reached."""
        kind, course_id, today = self.kind, self.course_id, self.today
        drafts: list[Draft] = []
        left_out: list[LeftOut] = []
        couple = self.couples[couple_id]
        if couple.anonymised_at is not None:
            return drafts, left_out
        partners = self.partners.get(couple_id, [])
        given = tuple(p.given_name for p in partners)
        meeting = extras.meeting.id if extras.meeting is not None else None
        reached: list[tuple[Partner, MessageChannel, str]] = []
        notes: dict[int, str] = {}
        for partner in partners:
            if not partner.family_name or (who is not None and partner.position not in who):
                continue  # an erased partner, or one a catch-up or questionnaire is not for
            channel, address, reason = _channel(
                couple, partner, agreed=(partner.id or 0) in self.agreed, email_only=email_only
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
            values = field_values(self.sender, self.facts, recipient, extras, today)
            text = self.texts[language]
            partner_id = first.id or 0 if len(group) == 1 else None
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
                    attachments=self._files(channel, extras),
                    note=notes.get(first.id or 0, "") if len(group) == 1 else "",
                )
            )
        return drafts, left_out

    def _files(self, channel: MessageChannel, extras: Extras) -> tuple[str, ...]:
        """What an e-mail carries: the course's calendar with an invitation, the missed
        meeting's handout with a catch-up message."""
        if channel != MessageChannel.EMAIL:
            return ()
        if self.kind == MessageKind.INVITATION:
            return (calendar_file(self.facts.code),)
        if self.kind == MessageKind.CATCH_UP and extras.meeting is not None:
            return (handout_file(self.facts.code, extras.meeting.step_code),)
        return ()


@dataclass(frozen=True)
class Common:
    """What every message of one kind shares, whatever its course: sender and texts."""

    kind: MessageKind
    sender: Sender
    texts: dict[Language, TemplateText]


def common_to(session: Session, kind: MessageKind) -> Common:
    """The sender and the checked texts of ``kind`` (a text that would not fill in is refused
    here, before any message is made)."""
    texts: dict[Language, TemplateText] = {}
    for language in Language:
        text = template_text(session, kind, language)
        check_template(kind, text.subject, text.body)
        texts[language] = text
    return Common(kind, sender_of(session), texts)


def prepare_in(
    session: Session,
    kind: MessageKind,
    course_id: int,
    *,
    meeting_id: int | None = None,
    couple_ids: Sequence[int] | None = None,
    email_only: bool = False,
    per_couple: bool = False,
    common: Common | None = None,
) -> Prepared:
    """The messages of ``kind`` for a course (for the couples chosen), in the caller's
    transaction. ``email_only``: partners who cannot get an e-mail are left out (a schedule
    prints no letters). ``per_couple``: partners who both get a letter at one address, in one
    language, get one letter together. ``common``: what messages of ``kind`` share, read once
    for many courses (see :func:`common_to`)."""
    today = local_now(session).date()
    common = common or common_to(session, kind)
    sender, texts = common.sender, common.texts
    facts: CourseFacts = course_facts(session, course_id)
    if kind in NEEDS_MEETINGS and not facts.meetings:
        raise ValidationError(
            _("This course has no meetings planned yet: plan them before sending this message."),
            field="kind",
        )
    drafts: list[Draft] = []
    left_out: list[LeftOut] = []
    chosen = set(couple_ids) if couple_ids is not None else None
    writing = _Writing(session, kind, course_id, today, sender, facts, texts)
    found = {
        couple_id: entry
        for couple_id, entry in _merge(_who_gets(session, kind, facts, meeting_id, today)).items()
        if chosen is None or couple_id in chosen
    }
    writing.read(found)
    for couple_id, (_enrollment, extras, who) in found.items():
        made, missed = writing.for_couple(
            couple_id, extras, who, email_only=email_only, per_couple=per_couple
        )
        drafts += made
        left_out += missed
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


def calendar_file(course_code: str) -> str:
    """The name of a course's calendar attached to an invitation: its code, nothing personal."""
    return f"{course_code}.ics"


def handout_file(course_code: str, step_code: str) -> str:
    """The name of a meeting's handout attached to a catch-up message."""
    return f"{course_code}-{step_code}.pdf"


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
