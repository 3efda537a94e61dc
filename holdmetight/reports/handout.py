"""A handout for one meeting: what the session is about, an exercise, questions, room for notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from holdmetight.domain.enums import FacilitatorRole
from holdmetight.i18n import _, format_time, long_date, using_language
from holdmetight.progress import Progress, no_progress
from holdmetight.reports.common import FONT, GRID, body_width, build_pdf, styles
from holdmetight.services.handouts import Handout

NOTE_LINES = 8


def _notes(label: str) -> Table:
    rows = [[label]] + [[""] for _ in range(NOTE_LINES)]
    table = Table(rows, colWidths=[body_width(A4)], rowHeights=[7 * mm] + [8 * mm] * NOTE_LINES)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 10),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, GRID),
            ]
        )
    )
    return table


def handout_story(handout: Handout, language: str, catch_up: str | None = None) -> list[Flowable]:
    s = styles()
    meeting, course = handout.meeting, handout.course
    title = meeting.step_title_nl if language == "nl" else meeting.step_title_en
    start, end = format_time(meeting.start_time), format_time(meeting.end_time)
    when = f"{long_date(meeting.date)}, {start}–{end}"
    lead = [f.name for f in course.facilitators if f.role is FacilitatorRole.LEAD]
    co = [f.name for f in course.facilitators if f.role is FacilitatorRole.CO]
    people = ", ".join(lead + co)
    story: list[Flowable] = [
        Paragraph(escape(handout.organisation), s["small"]),
        Paragraph(escape(f"{course.row.title} ({course.row.code})"), s["subtitle"]),
        Paragraph(escape(title), s["title"]),
        Paragraph(escape(when), s["base"]),
        Paragraph(escape(_("Venue: {place}").format(place=handout.place or "–")), s["base"]),
        Paragraph(escape(_("Facilitators: {names}").format(names=people or "–")), s["base"]),
        Spacer(1, 5 * mm),
    ]
    if catch_up:
        box = Table([[Paragraph(escape(catch_up), s["base"])]], colWidths=[body_width(A4)])
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor("#5b7fb0")),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#eef3fa")),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        story += [box, Spacer(1, 5 * mm)]
    for section in handout.sections:
        part: list[Flowable] = [Paragraph(escape(section.heading), s["subtitle"])]
        part += [Paragraph(escape(p), s["base"]) for p in section.paragraphs]
        if section.bullets:
            part.append(
                ListFlowable(
                    [
                        ListItem(Paragraph(escape(b), s["base"]), leftIndent=12)
                        for b in section.bullets
                    ],
                    bulletType="bullet",
                    start="•",
                    bulletFontName=FONT,
                    leftIndent=12,
                )
            )
        part.append(Spacer(1, 3 * mm))
        story.append(KeepTogether(part))
    # Every handout says whose programme it follows and that it is the organisation's own
    # material, also when the organisation wrote the text itself.
    credit = _(
        "This course is based on ‘Hold Me Tight’ by Sue Johnson (2008; in Dutch ‘Houd me"
        " vast’). This handout is our own course material, not part of the book."
    )
    story += [
        CondPageBreak(85 * mm),
        KeepTogether(
            [_notes(_("Notes")), Spacer(1, 3 * mm), Paragraph(escape(credit), s["small"])]
        ),
    ]
    return story


def render_handouts(
    handouts: Sequence[Handout],
    *,
    language: str,
    printed_on: date | None = None,
    catch_up: str | None = None,
    progress: Progress = no_progress,
) -> bytes:
    """One PDF with each handout starting on a new page."""
    return render_handouts_in_languages(
        [(language, handouts)],
        language=language,
        printed_on=printed_on,
        catch_up=catch_up,
        progress=progress,
    )


def render_handouts_in_languages(
    parts: Sequence[tuple[str, Sequence[Handout]]],
    *,
    language: str,
    printed_on: date | None = None,
    catch_up: str | Mapping[str, str] | None = None,
    progress: Progress = no_progress,
) -> bytes:
    """One PDF of handouts in several languages, each part in its own; the page footers are
    in ``language``. A catch-up note may be given per language."""
    story: list[Flowable] = []
    first: Handout | None = None
    for part_language, items in parts:
        with using_language(part_language):
            for handout in items:
                if story:
                    story.append(PageBreak())
                note = catch_up.get(part_language) if isinstance(catch_up, Mapping) else catch_up
                story += handout_story(handout, part_language, note)
                first = first or handout
    with using_language(language):
        organisation = first.organisation if first else ""
        return build_pdf(
            story,
            pagesize=A4,
            title=_("Handout"),
            organisation=organisation,
            logo=first.logo if first else None,
            printed_on=printed_on,
            progress=progress,
        )
