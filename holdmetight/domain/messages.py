"""Messages to couples: the organisation's templates per kind and language, and the log of every
message sent (or printed as a letter) to a partner.

A template is plain text with fields in braces, ``{given_name}``; a literal brace is written
twice. Which fields a template may use depends on its kind (a reminder knows its meeting, an
offer its answer-by date), so that a field that would stay empty is refused when the template is
saved, not discovered when a couple reads the message.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from holdmetight.domain.base import Versioned, enum_column, fk, utc_now
from holdmetight.domain.enums import Language, MessageChannel, MessageKind, MessageStatus
from holdmetight.i18n import N_

# Fields that name the partner: never in a subject, which shows on a locked phone.
NAME_FIELDS = frozenset({"given_name", "full_name", "partner_names"})
# Fields every message knows: the partner it is for, the organisation that sends it, the day.
PERSON_FIELDS = (
    "given_name",
    "full_name",
    "partner_names",
    "organisation",
    "organisation_address",
    "organisation_phone",
    "organisation_email",
    "today",
)
# Fields of the course the message is about.
COURSE_FIELDS = (
    "course",
    "course_code",
    "venue",
    "venue_address",
    "facilitators",
    "first_meeting",
    "last_meeting",
    "meetings",
)
# Fields of the one meeting a reminder or a catch-up message is about.
MEETING_FIELDS = ("meeting_step", "meeting_date", "meeting_time")

KIND_FIELDS: dict[MessageKind, tuple[str, ...]] = {
    MessageKind.INVITATION: PERSON_FIELDS + COURSE_FIELDS,
    MessageKind.MEETING_REMINDER: PERSON_FIELDS + COURSE_FIELDS + MEETING_FIELDS,
    MessageKind.WAITING_LIST_OFFER: PERSON_FIELDS + COURSE_FIELDS + ("answer_by",),
    MessageKind.CATCH_UP: PERSON_FIELDS + COURSE_FIELDS + MEETING_FIELDS,
    MessageKind.FEE_REMINDER: PERSON_FIELDS
    + COURSE_FIELDS
    + ("fee_assessed", "fee_paid", "fee_outstanding"),
    MessageKind.FOLLOW_UP_QUESTIONNAIRE: PERSON_FIELDS
    + COURSE_FIELDS
    + ("questionnaires", "questionnaire_date"),
    MessageKind.CLOSING_LETTER: PERSON_FIELDS + COURSE_FIELDS,
}

# What each field says, for the text editor's list (translated where shown).
FIELD_LABELS = {
    "given_name": N_("the partner's given name"),
    "full_name": N_("the partner's full name"),
    "partner_names": N_("both partners' given names"),
    "organisation": N_("the organisation's name"),
    "organisation_address": N_("the organisation's address"),
    "organisation_phone": N_("the organisation's phone number"),
    "organisation_email": N_("the address messages come from"),
    "today": N_("today's date"),
    "course": N_("the course's title"),
    "course_code": N_("the course's code"),
    "venue": N_("the venue"),
    "venue_address": N_("the venue's address"),
    "facilitators": N_("the trainers' names"),
    "first_meeting": N_("date and time of the first meeting"),
    "last_meeting": N_("date of the last meeting"),
    "meetings": N_("every meeting, one per line"),
    "meeting_step": N_("the meeting's step"),
    "meeting_date": N_("the meeting's date"),
    "meeting_time": N_("the meeting's times"),
    "answer_by": N_("the day to answer the offer by"),
    "fee_assessed": N_("the fee"),
    "fee_paid": N_("the amount paid"),
    "fee_outstanding": N_("the amount still to pay"),
    "questionnaires": N_("the questionnaires to fill in"),
    "questionnaire_date": N_("the day they are due"),
}


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field of a template: ``field`` is as the template wrote it."""

    field: str
    known: bool  # False: no such field at all; True: a field, but not one this kind knows
    malformed: bool = False  # a brace left open, or more than a plain name in the braces


def fields_in(text: str) -> list[str]:
    """The field names ``text`` uses, in order, or raise ``ValueError`` for a brace left open or
    closed without opening ("{given_name" or "given_name}")."""
    names: list[str] = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if spec or conversion:
            # "{today:%d}" or "{given_name!r}": more than a name.
            names.append(
                f"{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}"
            )
        else:
            names.append(name)
    return names


def template_problems(kind: MessageKind, *texts: str) -> list[FieldProblem]:
    """Every field of ``texts`` (subject, body) that a message of ``kind`` cannot fill in."""
    allowed = set(KIND_FIELDS[kind])
    every = {name for names in KIND_FIELDS.values() for name in names}
    problems: list[FieldProblem] = []
    for text in texts:
        try:
            names = fields_in(text)
        except ValueError:
            problems.append(FieldProblem(field="{", known=False, malformed=True))
            continue
        for name in names:
            if name in allowed or any(p.field == name for p in problems):
                continue
            if not name.isidentifier():
                problems.append(FieldProblem(field=name, known=False, malformed=True))
            else:
                problems.append(FieldProblem(field=name, known=name in every))
    return problems


# A paragraph starting with one of these is kept only in an e-mail, or only in a letter (the
# marker itself is left out): "A calendar file is attached" has no place on paper.
EMAIL_ONLY = ("[e-mail]", "[email]", "[e\u2011mail]")
LETTER_ONLY = ("[letter]", "[brief]")


def for_channel(body: str, channel: MessageChannel) -> str:
    """``body`` without the paragraphs marked for the other channel, and without the marks."""
    kept: list[str] = []
    for paragraph in re.split(r"\n[ \t]*\n", body):
        head = paragraph.lstrip()
        marker = next((m for m in EMAIL_ONLY + LETTER_ONLY if head.lower().startswith(m)), None)
        if marker is None:
            kept.append(paragraph)
        elif (marker in EMAIL_ONLY) == (channel == MessageChannel.EMAIL):
            kept.append(head[len(marker) :].lstrip())
    return "\n\n".join(kept)


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with its fields replaced by ``values`` (checked by :func:`template_problems`
    first: a field missing from ``values`` raises ``KeyError``).

    A line whose fields are all empty is left out ("Locatie: {venue}" for a course without a
    venue), and a line with some of them empty loses the separators they leave behind."""
    lines: list[str] = []
    for line in text.split("\n"):
        parts: list[str] = []
        filled = empty = 0
        for literal, name, _spec, _conversion in string.Formatter().parse(line):
            parts.append(literal)
            if name is not None:
                value = values[name]
                parts.append(value)
                filled += 1
                empty += not value.strip()
        if filled and empty == filled:
            continue
        lines.append(_tidy("".join(parts)) if empty else "".join(parts))
    return "\n".join(lines)


def _tidy(line: str) -> str:
    """A line without the separators an empty field left: ", ," and a trailing ", "."""
    line = re.sub(r"(,\s*)+,", ",", line)
    line = re.sub(r":\s*,\s*", ": ", line)
    return re.sub(r"[\s,\u2013-]+$", "", line) if line.rstrip().endswith((",", "\u2013")) else line


class MessageTemplate(Versioned, table=True):
    """The organisation's own text for one kind of message in one language; without one, the
    text shipped with the application is used."""

    __tablename__ = "message_template"
    __table_args__ = (sa.UniqueConstraint("kind", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: MessageKind = Field(sa_column=enum_column(MessageKind))
    language: Language = Field(sa_column=enum_column(Language))
    subject: str = Field(max_length=300)
    body: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    updated_at: datetime = Field(default_factory=utc_now)


class Message(Versioned, table=True):
    """One message to one partner, by e-mail or as a printed letter: what it said, to which
    address, and what became of it.

    ``once_key`` is set for what is sent on a schedule ("reminder of meeting 12 for partner 7"):
    it is unique, so two PCs sharing the database cannot both send it. ``repeat_key`` names what
    a message is about without that guarantee, so that sending by hand can ask before sending
    the same thing again."""

    __table_args__ = (
        sa.Index("ix_message_repeat_key", "repeat_key"),
        sa.Index("ix_message_status", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    couple_id: int = Field(sa_column=fk("couple.id", ondelete="CASCADE"))
    partner_id: int | None = Field(
        default=None, sa_column=fk("partner.id", nullable=True, ondelete="CASCADE")
    )
    course_id: int | None = Field(
        default=None, sa_column=fk("course.id", nullable=True, ondelete="SET NULL")
    )
    # The meeting a reminder or a catch-up message is about.
    group_session_id: int | None = Field(
        default=None, sa_column=fk("group_session.id", nullable=True, ondelete="SET NULL")
    )
    kind: MessageKind = Field(sa_column=enum_column(MessageKind))
    channel: MessageChannel = Field(sa_column=enum_column(MessageChannel))
    language: Language = Field(sa_column=enum_column(Language))
    # An e-mail address, or the lines of a postal address joined by newlines.
    recipient: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    subject: str = Field(max_length=300)
    body: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    attachments: str = Field(default="", max_length=1000)  # file names, newline-separated
    repeat_key: str = Field(max_length=120)
    once_key: str | None = Field(default=None, max_length=160, sa_column_kwargs={"unique": True})
    status: MessageStatus = Field(sa_column=enum_column(MessageStatus))
    error: str = Field(default="", max_length=1000)
    created_at: datetime = Field(default_factory=utc_now)
    created_by: str = Field(default="", max_length=200)
    sent_at: datetime | None = Field(default=None)
