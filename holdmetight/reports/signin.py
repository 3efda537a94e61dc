"""The sign-in sheet (presentielijst) of one meeting: a row per partner with a signature box."""

from __future__ import annotations

from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from holdmetight.domain.enums import FacilitatorRole
from holdmetight.i18n import _, format_time, long_date, using_language
from holdmetight.reports.attendance_letters import legend
from holdmetight.reports.common import (
    BOTTOM_MARGIN,
    CELL_PADDING,
    FONT,
    FONT_BOLD,
    FRAME_PADDING,
    GRID,
    MARGIN,
    SHADE,
    body_width,
    build_pdf,
    cell,
    styles,
)
from holdmetight.services.sheets import SigninSheet

TYPE_SIZE = 10
HEADER_ROW = 8 * mm
ROOMY_ROW = 11 * mm  # a signature box as a sheet for a small group has it
SMALLEST_ROW = 8 * mm  # still room to sign: below it a larger group takes a second page
SMALLEST_SIGNATURE = 60 * mm  # the name column gives way to it: a longer name wraps
SMALLEST_NAME = 45 * mm
SMALLEST_TYPE = 8


def _widths(header: list[str], names: list[str], numbers: int) -> list[float]:
    """Column widths from the texts in the document's language: the couple's number, the
    names and the attendance column as wide as their widest text; the signature the rest,
    at least :data:`SMALLEST_SIGNATURE`."""

    def wide(text: str, font: str) -> float:
        return float(stringWidth(text, font, TYPE_SIZE)) + CELL_PADDING

    couple, name, _signature, attendance = (wide(title, FONT_BOLD) for title in header)
    couple = max(couple, wide(str(max(numbers, 1)), FONT))
    attendance = max(attendance, 18 * mm)
    longest = body_width(A4) - couple - attendance - SMALLEST_SIGNATURE
    name = min(max([name, SMALLEST_NAME, *(wide(n, FONT) for n in names)]), longest)
    return [couple, name, body_width(A4) - couple - name - attendance, attendance]


def _name(name: str, width: float, style: ParagraphStyle) -> str | Paragraph:
    """A partner's name in a column ``width`` points wide: in smaller type if that keeps it on
    one line, else wrapped."""
    size = float(TYPE_SIZE)
    while size > SMALLEST_TYPE and stringWidth(name, FONT, size) > width - CELL_PADDING:
        size -= 0.5
    if size == TYPE_SIZE:
        return cell(name, style, width)
    return Paragraph(escape(name), style.clone("name_smaller", fontSize=size, leading=size + 2))


def _height(flowables: list[Flowable], width: float) -> float:
    """How much of the page ``flowables`` take, with the space around them."""
    total = 0.0
    for flowable in flowables:
        _w, high = flowable.wrap(width, A4[1])
        total += high + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def render_signin(sheet: SigninSheet, *, language: str, printed_on: date | None = None) -> bytes:
    """The PDF, in ``language`` whatever the interface speaks. A group of the usual size fits
    on one page; a larger one goes on with the column titles and the meeting atop each page."""
    with using_language(language):
        s = styles()
        width = body_width(A4)
        meeting = sheet.meeting
        title = meeting.step_title_nl if language == "nl" else meeting.step_title_en
        step = _("Step {n}: {title}").format(n=meeting.position, title=title)
        start, end = format_time(meeting.start_time), format_time(meeting.end_time)
        when = f"{long_date(meeting.date)}, {start}–{end}"
        lead = [f.name for f in sheet.course.facilitators if f.role is FacilitatorRole.LEAD]
        co = [f.name for f in sheet.course.facilitators if f.role is FacilitatorRole.CO]
        facilitators = ", ".join(
            [_("{name} (lead)").format(name=n) for n in lead]
            + [_("{name} (co)").format(name=n) for n in co]
        )
        heading: list[Flowable] = [
            Paragraph(escape(_("Sign-in sheet")), s["title"]),
            Paragraph(escape(f"{sheet.course.row.title} ({sheet.course.row.code})"), s["subtitle"]),
            Paragraph(escape(step), s["base"]),
            Paragraph(escape(when), s["base"]),
            Paragraph(escape(_("Venue: {place}").format(place=sheet.place or "–")), s["base"]),
            Paragraph(
                escape(_("Facilitators: {names}").format(names=facilitators or "–")), s["base"]
            ),
            Spacer(1, 6 * mm),
        ]
        below: list[Flowable] = [
            Spacer(1, 3 * mm),
            Paragraph(
                escape(_("Attendance (facilitators): {codes}.").format(codes=legend(language))),
                s["small"],
            ),
        ]
        if not sheet.couples:
            below.append(Paragraph(escape(_("No couples are enrolled yet.")), s["base"]))
        header = [_("Couple"), _("Name"), _("Signature"), _("Attendance")]
        names = [name for pair in sheet.couples for name in pair]
        widths = _widths(header, names, len(sheet.couples))
        name_style = s["base"].clone("name", fontSize=TYPE_SIZE, leading=TYPE_SIZE + 2)
        rows: list[list[Any]] = [header]
        spans = []
        for number, (first, second) in enumerate(sheet.couples, start=1):
            top = len(rows)
            rows.append([str(number), _name(first, widths[1], name_style), "", ""])
            rows.append(["", _name(second, widths[1], name_style), "", ""])
            spans.append(("SPAN", (0, top), (0, top + 1)))
        page = A4[1] - MARGIN - BOTTOM_MARGIN - 2 * FRAME_PADDING
        room = page - _height(heading, width) - _height(below, width) - HEADER_ROW - 2 * mm
        # A name too long for its column wraps, and its row is as high as it needs.
        wrapped = [c for row in rows[1:] if isinstance(c := row[1], Paragraph)]
        needed = max((c.wrap(widths[1] - CELL_PADDING, A4[1])[1] + 6 for c in wrapped), default=0)
        row_height = max(min(ROOMY_ROW, room / max(len(names), 1)), needed)
        if row_height < SMALLEST_ROW:
            row_height = max(ROOMY_ROW, needed)
        table = Table(
            rows,
            colWidths=widths,
            rowHeights=[HEADER_ROW] + [row_height] * (len(rows) - 1),
            repeatRows=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, TYPE_SIZE),
                    ("FONT", (0, 0), (-1, 0), FONT_BOLD, TYPE_SIZE),
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("ALIGN", (0, 0), (0, -1), "CENTER"),
                    *spans,
                ]
            )
        )
        return build_pdf(
            [*heading, table, *below],
            pagesize=A4,
            title=_("Sign-in sheet") + f" {sheet.course.row.code}",
            organisation=sheet.organisation,
            logo=sheet.logo,
            printed_on=printed_on,
            running_head=" – ".join(
                (_("Sign-in sheet"), sheet.course.row.code, step, long_date(meeting.date))
            ),
        )
