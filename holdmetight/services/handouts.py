"""Handouts: the text for each programme step, in Dutch and English, and what a printed handout
needs to know about the meeting it belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from holdmetight.domain.organisation import Organisation
from holdmetight.errors import NotFoundError
from holdmetight.i18n import _
from holdmetight.installation import resources_dir
from holdmetight.services import courses, group_sessions, venues
from holdmetight.services.courses import CourseInfo
from holdmetight.services.group_sessions import GroupSessionInfo
from holdmetight.services.transaction import unit_of_work


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


def handout_text(step_code: str, language: str) -> tuple[Section, ...]:
    """The shipped handout of a step (INTRO, C1 … C7) in ``language``."""
    path = handouts_dir() / f"{step_code.upper()}.{language}.txt"
    try:
        return parse_handout(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise NotFoundError(
            _("There is no handout for step {code} in this language.").format(code=step_code)
        ) from error


@unit_of_work
def handouts_for_course(
    *, session: Session, course_code: str, language: str, meeting_ids: list[int] | None = None
) -> list[Handout]:
    """A handout per meeting of the course (regular meetings, or the ones asked for)."""
    course = courses.get_course(session=session, code=course_code)
    organisation = session.exec(select(Organisation)).first()
    addresses = {v.id: v.full_address for v in venues.list_venues(session=session)}
    result = []
    for meeting in group_sessions.list_group_sessions(session=session, course_id=course.row.id):
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
                sections=handout_text(meeting.step_code, language),
            )
        )
    return result
