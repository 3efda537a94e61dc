"""What the fields of a message say: the course's facts read once, filled in per partner in
that partner's language (dates, times and amounts written the way the language writes them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from holdmetight.domain.course import Course, CourseFacilitator
from holdmetight.domain.enums import GroupSessionStatus, Language
from holdmetight.domain.names import full_name
from holdmetight.domain.organisation import Facilitator, Organisation, Venue
from holdmetight.errors import NotFoundError
from holdmetight.i18n import _, format_money, format_time, long_date, using_language
from holdmetight.services import group_sessions
from holdmetight.services.group_sessions import GroupSessionInfo


@dataclass(frozen=True)
class Sender:
    """The organisation as its messages name it."""

    name: str
    address_lines: tuple[str, ...]  # ("Stationsstraat 1", "1234 AB Utrecht")
    phone: str
    email: str
    logo_png: bytes | None

    @property
    def address(self) -> str:
        """The address on one line."""
        return ", ".join(self.address_lines)


@dataclass(frozen=True)
class CourseFacts:
    """A course as its messages describe it."""

    id: int
    code: str
    title: str
    venue: str
    venue_address: str
    facilitator_names: tuple[str, ...]
    meetings: tuple[GroupSessionInfo, ...]  # the regular meetings still on, in order
    all_meetings: tuple[GroupSessionInfo, ...]  # with the cancelled and make-up ones


@dataclass(frozen=True)
class Recipient:
    """The partner a message is for (or both, in one letter to the couple: their names
    joined)."""

    given_name: str
    full_name: str
    language: Language
    partner_given_names: tuple[str, ...]


@dataclass(frozen=True)
class Extras:
    """What one kind of message knows besides the course: its meeting, answer-by date, fee or
    questionnaires."""

    meeting: GroupSessionInfo | None = None
    answer_by: date | None = None
    fee: tuple[Decimal, Decimal, Decimal] | None = None  # assessed, paid, outstanding
    questionnaires: tuple[str, ...] = field(default_factory=tuple)
    questionnaire_date: date | None = None


def sender_of(session: Session) -> Sender:
    organisation = session.exec(select(Organisation)).first()
    if organisation is None:
        return Sender("", (), "", "", None)
    town = " ".join(p for p in (organisation.postcode, organisation.city) if p)
    lines = tuple(p for p in (organisation.address, town) if p)
    return Sender(
        name=organisation.name,
        address_lines=lines,
        phone=organisation.phone,
        email=organisation.mail_from or organisation.email,
        logo_png=organisation.logo_png,
    )


def course_facts(session: Session, course_id: int) -> CourseFacts:
    course = session.get(Course, course_id)
    if course is None:
        raise NotFoundError(_("The course no longer exists."))
    trainers = session.exec(
        select(Facilitator)
        .join(CourseFacilitator, col(CourseFacilitator.facilitator_id) == Facilitator.id)
        .where(CourseFacilitator.course_id == course_id)
        .order_by(col(CourseFacilitator.role).desc(), col(Facilitator.sort_key))
    ).all()
    venue = session.get(Venue, course.venue_id) if course.venue_id is not None else None
    place = venue.city if venue else ""
    town = " ".join(p for p in ((venue.postcode if venue else ""), place) if p)
    every = tuple(group_sessions.list_group_sessions(session, course_id=course_id))
    meetings = tuple(
        m for m in every if not m.is_makeup and m.status != GroupSessionStatus.CANCELLED
    )
    return CourseFacts(
        id=course_id,
        code=course.code,
        title=course.title,
        venue=venue.name if venue else "",
        venue_address=", ".join(p for p in ((venue.address if venue else ""), town) if p),
        facilitator_names=tuple(
            full_name(t.given_name, t.name_prefix, t.family_name) for t in trainers
        ),
        meetings=meetings,
        all_meetings=every,
    )


def joined(names: tuple[str, ...]) -> str:
    """ "A", "A en B", "A, B en C" (in the language in force)."""
    names = tuple(n for n in names if n)
    if len(names) <= 1:
        return "".join(names)
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def _span(meeting: GroupSessionInfo) -> str:
    return f"{format_time(meeting.start_time)}\u2013{format_time(meeting.end_time)}"


def field_values(
    sender: Sender, course: CourseFacts, recipient: Recipient, extras: Extras, today: date
) -> dict[str, str]:
    """Every field a message may use, in the recipient's language."""
    with using_language(recipient.language.value):
        meetings = course.meetings
        values = {
            "given_name": recipient.given_name,
            "full_name": recipient.full_name,
            "partner_names": joined(recipient.partner_given_names),
            "organisation": sender.name,
            "organisation_address": sender.address,
            "organisation_phone": sender.phone,
            "organisation_email": sender.email,
            "today": long_date(today),
            "course": course.title,
            "course_code": course.code,
            "venue": course.venue,
            "venue_address": course.venue_address,
            "facilitators": joined(course.facilitator_names),
            "first_meeting": (
                _("{date}, {time}").format(
                    date=long_date(meetings[0].date), time=format_time(meetings[0].start_time)
                )
                if meetings
                else ""
            ),
            "last_meeting": long_date(meetings[-1].date) if meetings else "",
            "meetings": "\n".join(
                f"- {long_date(m.date)}, {_span(m)}: {m.step_title}" for m in meetings
            ),
        }
        meeting = extras.meeting
        if meeting is not None:
            values["meeting_step"] = meeting.step_title
            values["meeting_date"] = long_date(meeting.date)
            values["meeting_time"] = _span(meeting)
        if extras.answer_by is not None:
            values["answer_by"] = long_date(extras.answer_by)
        if extras.fee is not None:
            assessed, paid, outstanding = extras.fee
            values["fee_assessed"] = format_money(assessed)
            values["fee_paid"] = format_money(paid)
            values["fee_outstanding"] = format_money(outstanding)
        if extras.questionnaire_date is not None:
            values["questionnaires"] = joined(extras.questionnaires)
            values["questionnaire_date"] = long_date(extras.questionnaire_date)
    return values
