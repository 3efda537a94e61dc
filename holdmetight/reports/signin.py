"""The sign-in sheet (presentielijst) of one meeting: a row per partner with a signature box."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from holdmetight.domain.enums import FacilitatorRole
from holdmetight.i18n import _, format_time, long_date, using_language
from holdmetight.reports.attendance_letters import legend
from holdmetight.reports.common import FONT, FONT_BOLD, GRID, SHADE, build_pdf, styles
from holdmetight.services.sheets import SigninSheet


def render_signin(sheet: SigninSheet, *, language: str, printed_on: date | None = None) -> bytes:
    """The PDF, in ``language`` whatever the interface speaks."""
    with using_language(language):
        s = styles()
        meeting = sheet.meeting
        title = meeting.step_title_nl if language == "nl" else meeting.step_title_en
        start, end = format_time(meeting.start_time), format_time(meeting.end_time)
        when = f"{long_date(meeting.date)}, {start}–{end}"
        lead = [f.name for f in sheet.course.facilitators if f.role is FacilitatorRole.LEAD]
        co = [f.name for f in sheet.course.facilitators if f.role is FacilitatorRole.CO]
        facilitators = ", ".join(
            [_("{name} (lead)").format(name=n) for n in lead]
            + [_("{name} (co)").format(name=n) for n in co]
        )
        story = [
            Paragraph(escape(_("Sign-in sheet")), s["title"]),
            Paragraph(escape(f"{sheet.course.row.title} ({sheet.course.row.code})"), s["subtitle"]),
            Paragraph(
                escape(_("Step {n}: {title}").format(n=meeting.position, title=title)), s["base"]
            ),
            Paragraph(escape(when), s["base"]),
            Paragraph(escape(_("Venue: {place}").format(place=sheet.place or "–")), s["base"]),
            Paragraph(
                escape(_("Facilitators: {names}").format(names=facilitators or "–")), s["base"]
            ),
            Spacer(1, 6 * mm),
        ]
        rows = [[_("Couple"), _("Name"), _("Signature"), _("Attendance")]]
        spans = []
        for number, (first, second) in enumerate(sheet.couples, start=1):
            top = len(rows)
            rows.append([str(number), first, "", ""])
            rows.append(["", second, "", ""])
            spans.append(("SPAN", (0, top), (0, top + 1)))
        table = Table(
            rows,
            colWidths=[16 * mm, 72 * mm, 66 * mm, 26 * mm],
            rowHeights=[8 * mm] + [11 * mm] * (len(rows) - 1),
            repeatRows=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 10),
                    ("FONT", (0, 0), (-1, 0), FONT_BOLD, 10),
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("ALIGN", (0, 0), (0, -1), "CENTER"),
                    *spans,
                ]
            )
        )
        story.append(table)
        story.append(Spacer(1, 3 * mm))
        story.append(
            Paragraph(
                escape(_("Attendance (facilitators): {codes}.").format(codes=legend(language))),
                s["small"],
            )
        )
        if not sheet.couples:
            story.append(Paragraph(escape(_("No couples are enrolled yet.")), s["base"]))
        return build_pdf(
            story,
            pagesize=A4,
            title=_("Sign-in sheet") + f" {sheet.course.row.code}",
            organisation=sheet.organisation,
            logo=sheet.logo,
            printed_on=printed_on,
        )
