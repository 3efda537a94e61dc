"""The texts of messages to couples: shipped per kind and language (``resources/messages``), and
the organisation's own where it wrote one; restoring the shipped text removes the own one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from holdmetight.domain.base import utc_now
from holdmetight.domain.enums import Language, MessageKind
from holdmetight.domain.messages import (
    KIND_FIELDS,
    NAME_FIELDS,
    MessageTemplate,
    fields_in,
    template_problems,
)
from holdmetight.errors import NotFoundError, ValidationError
from holdmetight.i18n import _
from holdmetight.installation import resources_dir
from holdmetight.services.transaction import audit, read_only, unit_of_work

SUBJECT = "Subject:"
MAX_SUBJECT = 300
# Characters that break a line: none may be in a subject (an e-mail header is one line).
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def named_or_listed(subject: str) -> set[str]:
    """The fields of ``subject`` (none when its braces are malformed: that is said elsewhere)."""
    try:
        return set(fields_in(subject))
    except ValueError:
        return set()


@dataclass(frozen=True)
class TemplateText:
    kind: MessageKind
    language: Language
    subject: str
    body: str
    own: bool  # the organisation's own text rather than the shipped one

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields this kind of message can fill in."""
        return KIND_FIELDS[self.kind]


def messages_dir() -> Path:
    return resources_dir() / "messages"


def shipped_template(kind: MessageKind, language: Language) -> TemplateText:
    """The text shipped with the application: a first line "Subject: …", an empty line, the
    body."""
    path = messages_dir() / f"{kind.value}.{language.value}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFoundError(
            _("The installation has no text for the message \u201c{kind}\u201d.").format(
                kind=kind.label
            )
        ) from None
    first, _newline, body = text.partition("\n")
    return TemplateText(kind, language, first.removeprefix(SUBJECT).strip(), body.strip(), False)


def _own(session: Session, kind: MessageKind, language: Language) -> MessageTemplate | None:
    return session.exec(
        select(MessageTemplate).where(
            MessageTemplate.kind == kind, MessageTemplate.language == language
        )
    ).first()


def template_text(session: Session, kind: MessageKind, language: Language) -> TemplateText:
    """The text messages of ``kind`` in ``language`` are made from (in the caller's
    transaction)."""
    own = _own(session, kind, language)
    if own is None:
        return shipped_template(kind, language)
    return TemplateText(kind, language, own.subject, own.body, True)


@read_only
def get_template(session: Session, /, *, kind: MessageKind, language: Language) -> TemplateText:
    return template_text(session, MessageKind(kind), Language(language))


def check_template(kind: MessageKind, subject: str, body: str) -> None:
    """Refuse a text a message of ``kind`` could not be made from, naming the field."""
    if not subject.strip():
        raise ValidationError(_("A message needs a subject."), field="subject")
    if len(subject.strip()) > MAX_SUBJECT:
        raise ValidationError(
            _("A subject can be at most {n} characters long.").format(n=MAX_SUBJECT),
            field="subject",
        )
    if any(c in LINE_BREAKS for c in subject.strip()):
        raise ValidationError(_("A subject is one line."), field="subject")
    if not body.strip():
        raise ValidationError(_("A message needs a text."), field="body")
    named = NAME_FIELDS.intersection(named_or_listed(subject))
    if "meetings" in named_or_listed(subject):
        raise ValidationError(
            _("The list of meetings cannot be in the subject: it takes several lines."),
            field="subject",
        )
    if named:
        raise ValidationError(
            _(
                "Leave names out of the subject ({field}): it shows on a locked phone and in "
                "lists of e-mails."
            ).format(field=", ".join(f"{{{f}}}" for f in sorted(named))),
            field="subject",
        )
    for problem in template_problems(kind, subject, body):
        if problem.malformed:
            raise ValidationError(
                _(
                    "A field is written as a name between braces, like {{given_name}}; check "
                    "the braces near \u201c{field}\u201d (a brace meant as text is written "
                    "twice: {{{{ or }}}})."
                ).format(field=problem.field),
                field="body",
            )
        if problem.known:
            raise ValidationError(
                _(
                    "The field {{{field}}} cannot be filled in in a message of the kind "
                    "\u201c{kind}\u201d."
                ).format(field=problem.field, kind=kind.label),
                field="body",
            )
        raise ValidationError(
            _("There is no field {{{field}}}. The fields of this message: {fields}.").format(
                field=problem.field, fields=", ".join(f"{{{f}}}" for f in KIND_FIELDS[kind])
            ),
            field="body",
        )


@unit_of_work
def save_template(
    session: Session, /, *, kind: MessageKind, language: Language, subject: str, body: str
) -> TemplateText:
    """Use the organisation's own text for this kind of message from now on."""
    kind, language = MessageKind(kind), Language(language)
    check_template(kind, subject, body)
    own = _own(session, kind, language) or MessageTemplate(
        kind=kind, language=language, subject="", body=""
    )
    own.subject = subject.strip()
    own.body = body.strip()
    own.updated_at = utc_now()
    session.add(own)
    session.flush()
    audit(session, action="save", entity="message_template", entity_id=own.id)
    return TemplateText(kind, language, own.subject, own.body, True)


@unit_of_work
def restore_shipped_template(
    session: Session, /, *, kind: MessageKind, language: Language
) -> TemplateText:
    """Go back to the shipped text for this kind of message."""
    kind, language = MessageKind(kind), Language(language)
    own = _own(session, kind, language)
    if own is not None:
        session.delete(own)
        session.flush()
        audit(session, action="delete", entity="message_template", entity_id=own.id)
    return shipped_template(kind, language)
