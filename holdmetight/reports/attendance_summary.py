"""The attendance summary of a course: the grid on A4 landscape with totals and completion."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from holdmetight.domain.completion import CompletionState
from holdmetight.domain.enums import AttendanceStatus, GroupSessionStatus
from holdmetight.i18n import _, format_number, short_date, using_language
from holdmetight.progress import Progress, no_progress
from holdmetight.reports.attendance_letters import legend, letter
from holdmetight.reports.common import FONT, FONT_BOLD, GRID, SHADE, body_width, build_pdf, styles
from holdmetight.reports.completion_rule import completion_rule_text
from holdmetight.services.attendance import AttendanceGrid
from holdmetight.services.sheets import AttendanceSummary

FILLS = {
    AttendanceStatus.PRESENT: colors.HexColor("#d8f0d2"),
    AttendanceStatus.LATE: colors.HexColor("#fbefc4"),
    AttendanceStatus.EXCUSED: colors.HexColor("#dbe7f7"),
    AttendanceStatus.ABSENT: colors.HexColor("#f6d3d0"),
}
CAME = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


def totals(grid: AttendanceGrid) -> tuple[dict[int, tuple[int, int]], tuple[int, int]]:
    """Per meeting (partners who came, partners recorded) and the same over the whole course."""
    per_meeting: dict[int, tuple[int, int]] = {}
    came_all = recorded_all = 0
    for meeting in grid.meetings:
        if meeting.status is GroupSessionStatus.CANCELLED:
            continue
        came = recorded = 0
        for couple in grid.couples:
            for status in grid.mark(couple.enrollment_id, meeting.id):
                if status is not None:
                    recorded += 1
                    came += status in CAME
        per_meeting[meeting.id] = (came, recorded)
        came_all += came
        recorded_all += recorded
    return per_meeting, (came_all, recorded_all)


HEADER_SIZE = 7.5
SMALLEST_HEADER_SIZE = 5.5
HEADER_PADDING = 2


def _meeting_headers(texts: list[str], width: float) -> list[tuple]:
    """The meetings' headings set small enough that every date stays whole on its line, however
    many meetings (make-ups included) share the width of the page."""
    widest = max(stringWidth(line, FONT_BOLD, 1) for text in texts for line in text.split("\n"))
    size = min(HEADER_SIZE, max(SMALLEST_HEADER_SIZE, (width - 2 * HEADER_PADDING) / widest))
    last = len(texts)
    return [
        ("FONT", (1, 0), (last, 0), FONT_BOLD, size, size + 1.5),
        ("LEFTPADDING", (1, 0), (last, 0), HEADER_PADDING),
        ("RIGHTPADDING", (1, 0), (last, 0), HEADER_PADDING),
    ]


def _percent(part: int, whole: int) -> str:
    return f"{format_number(round(100 * part / whole))}%" if whole else "–"


def render_attendance(
    summary: AttendanceSummary,
    *,
    language: str,
    printed_on: date | None = None,
    progress: Progress = no_progress,
) -> bytes:
    """The PDF, in ``language`` whatever the interface speaks."""
    with using_language(language):
        s = styles()
        grid, course = summary.grid, summary.course
        per_meeting, (came_all, recorded_all) = totals(grid)
        story = [
            Paragraph(escape(_("Attendance")), s["title"]),
            Paragraph(escape(f"{course.row.title} ({course.row.code})"), s["subtitle"]),
            Paragraph(
                escape(
                    _("Completion rule: {rule}").format(
                        rule=completion_rule_text(
                            course.completion_min_steps,
                            course.step_count,
                            both_partners=course.completion_both_partners,
                        )
                    )
                ),
                s["base"],
            ),
            Paragraph(
                escape(
                    _("Legend: {codes}; – = meeting cancelled; + = make-up meeting.").format(
                        codes=legend(language)
                    )
                ),
                s["small"],
            ),
            Paragraph(
                escape(
                    _(
                        "Attendance rate: {rate} ({came} of {recorded} recorded partner "
                        "attendances)"
                    ).format(
                        rate=_percent(came_all, recorded_all), came=came_all, recorded=recorded_all
                    )
                ),
                s["base"],
            ),
            Spacer(1, 4 * mm),
        ]
        header = [_("Partner")]
        for meeting in grid.meetings:
            marker = "+" if meeting.is_makeup else ""
            header.append(f"{meeting.position}{marker}\n{short_date(meeting.date)}")
        header += [_("Steps"), _("Completion")]
        rows: list[list[str]] = [header]
        style: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), FONT, 8),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, 7.5),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 1), (-1, -1), 1.2),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 1.8),
        ]
        last = len(grid.meetings) + 2
        for couple in grid.couples:
            top = len(rows)
            standing = couple.completion
            for partner in (0, 1):
                row = [couple.partner_names[partner]]
                for column, meeting in enumerate(grid.meetings, start=1):
                    if meeting.status is GroupSessionStatus.CANCELLED:
                        row.append("–")
                        style.append(
                            ("BACKGROUND", (column, top + partner), (column, top + partner), SHADE)
                        )
                        continue
                    status = grid.mark(couple.enrollment_id, meeting.id)[partner]
                    row.append(letter(status, language) if status else "")
                    if status:
                        style.append(
                            (
                                "BACKGROUND",
                                (column, top + partner),
                                (column, top + partner),
                                FILLS[status],
                            )
                        )
                if partner == 0:
                    row += [f"{standing.attended}/{standing.total}", standing.state.label]
                else:
                    row += ["", ""]
                rows.append(row)
            style += [
                ("SPAN", (last - 1, top), (last - 1, top + 1)),
                ("SPAN", (last, top), (last, top + 1)),
            ]
            if standing.state in (CompletionState.AT_RISK, CompletionState.NOT_COMPLETED):
                style.append(("TEXTCOLOR", (last, top), (last, top), colors.HexColor("#9b1c1c")))
        total_row = [_("Present per meeting")]
        for meeting in grid.meetings:
            if meeting.status is GroupSessionStatus.CANCELLED:
                total_row.append("–")
                continue
            # Empty until something is recorded for the meeting, as its cells are.
            came, recorded = per_meeting.get(meeting.id, (0, 0))
            total_row.append(f"{came}/{recorded}" if recorded else "")
        total_row += [_percent(came_all, recorded_all), ""]
        rows.append(total_row)
        style += [
            ("FONT", (0, -1), (-1, -1), FONT_BOLD, 8),
            ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ]
        page_width = body_width(landscape(A4))
        fixed = 55 * mm + 18 * mm + 30 * mm
        meeting_width = (page_width - fixed) / max(len(grid.meetings), 1)
        widths = [55 * mm] + [meeting_width] * len(grid.meetings) + [18 * mm, 30 * mm]
        if grid.meetings:
            style += _meeting_headers(header[1 : len(grid.meetings) + 1], meeting_width)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle(style))
        story.append(table)
        return build_pdf(
            story,
            pagesize=landscape(A4),
            title=_("Attendance") + f" {course.row.code}",
            organisation=summary.organisation,
            logo=summary.logo,
            printed_on=printed_on,
            progress=progress,
        )
