"""Handouts: the text for each programme step, in Dutch and English, and what a printed handout
needs to know about the meeting it belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from holdmetight.domain.base import utc_now
from holdmetight.domain.enums import Language
from holdmetight.domain.organisation import Organisation
from holdmetight.domain.program import HandoutText
from holdmetight.errors import NotFoundError, ValidationError
from holdmetight.i18n import _
from holdmetight.installation import resources_dir
from holdmetight.services import courses, group_sessions, venues
from holdmetight.services.courses import CourseInfo
from holdmetight.services.group_sessions import GroupSessionInfo
from holdmetight.services.transaction import audit, read_only, unit_of_work


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class Handout:
    organisation: str
    logo: bytes | None
    course: CourseInfo
    meeting: GroupSessionInfo
    place: str
    sections: tuple[Section, ...]


def handouts_dir() -> Path:
    return resources_dir() / "programs" / "handouts"


def parse_handout(text: str) -> tuple[Section, ...]:
    """Sections from a handout file: "# Heading" lines, paragraphs, and "- " bullets."""
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[str] = []
    bullets: list[str] = []

    def close() -> None:
        if heading is not None:
            sections.append(Section(heading, tuple(paragraphs), tuple(bullets)))

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("# "):
            close()
            heading, paragraphs, bullets = line[2:].strip(), [], []
        elif line.startswith("- "):
            bullets.append(line[2:].strip())
        elif line:
            paragraphs.append(line)
    close()
    return tuple(sections)


def shipped_text(step_code: str, language: str) -> str | None:
    """The text of the shipped handout file, or None when the installation has none."""
    path = handouts_dir() / f"{step_code.upper()}.{language}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _own_text(session: Session, step_code: str, language: str) -> HandoutText | None:
    return session.exec(
        select(HandoutText).where(
            HandoutText.step_code == step_code.upper(), HandoutText.language == language
        )
    ).first()


def handout_text(
    step_code: str, language: str, *, session: Session | None = None
) -> tuple[Section, ...]:
    """A step's handout in ``language``: the organisation's own text when it has one (read
    through ``session``), else the shipped one."""
    own = _own_text(session, step_code, language) if session is not None else None
    text = own.text if own is not None else shipped_text(step_code, language)
    if text is None:
        raise NotFoundError(
            _("There is no handout for step {code} in this language.").format(code=step_code)
        )
    return parse_handout(text)


@dataclass(frozen=True)
class HandoutSource:
    step_code: str
    language: str
    text: str
    own: bool  # the organisation's own text rather than the shipped one


@read_only
def handout_source(session: Session, /, *, step_code: str, language: str) -> HandoutSource:
    """The text to edit: the organisation's own, or the shipped one to start from."""
    own = _own_text(session, step_code, language)
    if own is not None:
        return HandoutSource(step_code.upper(), language, own.text, True)
    return HandoutSource(
        step_code.upper(), language, shipped_text(step_code, language) or "", False
    )


@unit_of_work
def save_handout_text(
    session: Session, /, *, step_code: str, language: str, text: str
) -> HandoutSource:
    """Use the organisation's own text for this step's handout from now on."""
    if not parse_handout(text):
        raise ValidationError(
            _("Start each part of the handout with a line beginning with '# ' (its heading)."),
            field="text",
        )
    own = _own_text(session, step_code, language) or HandoutText(
        step_code=step_code.upper(), language=Language(language), text=""
    )
    own.text = text.strip() + "\n"
    own.updated_at = utc_now()
    session.add(own)
    session.flush()
    audit(session, action="save", entity="handout_text", entity_id=own.id)
    return HandoutSource(own.step_code, language, own.text, True)


@unit_of_work
def restore_shipped_handout(session: Session, /, *, step_code: str, language: str) -> HandoutSource:
    """Go back to the shipped text for this step's handout."""
    own = _own_text(session, step_code, language)
    if own is not None:
        session.delete(own)
        session.flush()
        audit(session, action="delete", entity="handout_text", entity_id=own.id)
    return HandoutSource(
        step_code.upper(), language, shipped_text(step_code, language) or "", False
    )


@read_only
def handouts_for_course(
    session: Session, /, *, course_code: str, language: str, meeting_ids: list[int] | None = None
) -> list[Handout]:
    """A handout per meeting of the course (regular meetings, or the ones asked for)."""
    course = courses.get_course(session, code=course_code)
    organisation = session.exec(select(Organisation)).first()
    addresses = {v.id: v.full_address for v in venues.list_venues(session)}
    result = []
    for meeting in group_sessions.list_group_sessions(session, course_id=course.row.id):
        if meeting_ids is None and (meeting.is_makeup or meeting.status.value == "cancelled"):
            continue
        if meeting_ids is not None and meeting.id not in meeting_ids:
            continue
        address = addresses.get(meeting.venue_id or -1, "")
        result.append(
            Handout(
                organisation=organisation.name if organisation else "",
                logo=organisation.logo_png if organisation else None,
                course=course,
                meeting=meeting,
                place=", ".join(p for p in (meeting.place, address) if p),
                sections=handout_text(meeting.step_code, language, session=session),
            )
        )
    return result
