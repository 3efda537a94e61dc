"""The outcome figures as PDF, of a course or of the courses that started in a period: per
questionnaire the partners, mean and SD per wave, and the change from before the course."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from holdmetight.i18n import _, format_date, format_exact, ngettext, using_language
from holdmetight.reports.common import HEADED_GRID, build_pdf, styles
from holdmetight.services.outcome_figures import InstrumentFigures, OutcomeFigures
from holdmetight.services.outcome_tables import (
    change_cells,
    change_columns,
    explanation,
    scoring_line,
    wave_cells,
    wave_columns,
    with_categories,
)
from holdmetight.services.tables import Cell, Column, Kind

# Landscape A4 holds 263 mm of table; a Dutch heading ("Gemiddelde verandering") wraps
# between its words, never inside one.
WAVE_WIDTHS = (30 * mm, 18 * mm, 24 * mm, 20 * mm)
CHANGE_WIDTHS = (30 * mm, 18 * mm, 24 * mm, 24 * mm, 24 * mm, 28 * mm, 13 * mm)
CATEGORY_WIDTHS = (25 * mm,) * 4


def _text(value: Cell) -> str:
    if isinstance(value, int | Decimal):
        return format_exact(value)
    return "" if value is None else str(value)


def figure_table(
    columns: Sequence[Column],
    rows: Sequence[tuple[Cell, ...]],
    s: dict[str, ParagraphStyle],
    widths: Sequence[float],
) -> Table:
    """Figures under their headings: text to the left, numbers to the right, in the
    document's number format."""
    right = ParagraphStyle("cell_right", parent=s["cell"], alignment=TA_RIGHT)
    cells = [[Paragraph(escape(c.title), s["cell_bold"]) for c in columns]]
    cells += [
        [
            Paragraph(escape(_text(v)), s["cell"] if c.kind is Kind.TEXT else right)
            for v, c in zip(row, columns, strict=True)
        ]
        for row in rows
    ]
    table = Table(cells, repeatRows=1, hAlign="LEFT", colWidths=widths)
    table.setStyle(TableStyle(list(HEADED_GRID)))
    return table


def instrument_section(
    figures: InstrumentFigures, s: dict[str, ParagraphStyle], language: str
) -> list[Flowable]:
    categories = with_categories(figures)
    story: list[Flowable] = [
        Paragraph(escape(figures.instrument.name_in(language)), s["subtitle"]),
        Paragraph(escape(scoring_line(figures)), s["small"]),
        Spacer(1, 2 * mm),
        figure_table(wave_columns(), [wave_cells(w) for w in figures.waves], s, WAVE_WIDTHS),
    ]
    if figures.changes:
        story += [
            Spacer(1, 3 * mm),
            figure_table(
                change_columns(with_categories=categories),
                [change_cells(c, with_categories=categories) for c in figures.changes],
                s,
                CHANGE_WIDTHS + (CATEGORY_WIDTHS if categories else ()),
            ),
        ]
    return [KeepTogether(story)]


def render_outcomes(
    figures: OutcomeFigures,
    *,
    title_line: str,
    organisation: str,
    logo: bytes | None,
    language: str,
    printed_on: date | None = None,
) -> bytes:
    with using_language(language):
        s = styles()
        title = (
            _("Outcomes of the course")
            if figures.selection.course_code is not None
            else _("Outcomes of the courses")
        )
        story: list[Flowable] = [
            Paragraph(escape(title), s["title"]),
            Paragraph(escape(title_line), s["subtitle"]),
            Paragraph(escape(explanation()), s["small"]),
            Spacer(1, 5 * mm),
        ]
        if figures.instruments:
            for index, instrument in enumerate(figures.instruments):
                if index:
                    story.append(Spacer(1, 6 * mm))
                story += instrument_section(instrument, s, language)
        else:
            story.append(Paragraph(escape(_("No questionnaire scores were entered.")), s["base"]))
        return build_pdf(
            story,
            pagesize=landscape(A4),
            title=title,
            organisation=organisation,
            logo=logo,
            printed_on=printed_on,
            running_head=title_line,
        )


def selection_line(figures: OutcomeFigures) -> str:
    """What the figures are of, in the language in force: a course, or a period."""
    selection = figures.selection
    if selection.course_code is not None:
        return _("Course {code}").format(code=figures.courses[0])
    assert selection.first is not None and selection.last is not None
    return ngettext(
        "Courses starting {first} – {last} ({n} course)",
        "Courses starting {first} – {last} ({n} courses)",
        len(figures.courses),
    ).format(
        first=format_date(selection.first), last=format_date(selection.last), n=len(figures.courses)
    )
