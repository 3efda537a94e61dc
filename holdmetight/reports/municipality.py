"""The municipality report as PDF: anonymous figures per municipality for a period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from holdmetight.i18n import _, capitalised, format_date, format_money, using_language
from holdmetight.reports.common import HEADED_GRID, build_pdf, styles
from holdmetight.reports.outcomes import figure_table
from holdmetight.services.municipality_report import (
    SMALLEST_SHOWN,
    MunicipalityFigures,
    as_rows,
    bands_counted,
    published,
)
from holdmetight.services.outcome_figures import InstrumentFigures
from holdmetight.services.outcome_tables import (
    explanation,
    municipality_columns,
    municipality_rows,
)
from holdmetight.services.tables import Kind


def outcome_section(
    outcomes: Sequence[tuple[str, InstrumentFigures]], s: dict[str, ParagraphStyle], language: str
) -> list[Flowable]:
    """Does the course help the municipality's residents: the change per questionnaire of
    the partners of the courses that started in the period."""
    columns = municipality_columns()
    rows = municipality_rows([(m, f) for m, f in outcomes], language, shown_only=True)
    heading = [
        Spacer(1, 8 * mm),
        Paragraph(escape(_("Outcomes per municipality")), s["subtitle"]),
    ]
    if not rows:
        note = _(
            "No municipality had {n} or more partners measured before and after: there are no "
            "outcome figures to show."
        ).format(n=SMALLEST_SHOWN)
        return [*heading, Paragraph(escape(note), s["small"])]
    widths = [w * mm for w in (34, 46, 32, 20, 26, 26, 28, 30, 14)]
    table = figure_table(columns, rows, s, widths)
    return [
        *heading,
        Paragraph(escape(explanation()), s["small"]),
        Paragraph(
            escape(
                _("Municipalities with fewer than {n} partners measured are not listed.").format(
                    n=SMALLEST_SHOWN
                )
            ),
            s["small"],
        ),
        Spacer(1, 3 * mm),
        table,
    ]


def render_municipality_report(
    report: list[MunicipalityFigures],
    *,
    outcomes: Sequence[tuple[str, InstrumentFigures]] = (),
    first: date,
    last: date,
    organisation: str,
    logo: bytes | None,
    language: str,
    printed_on: date | None = None,
) -> bytes:
    with using_language(language):
        s = styles()
        header, rows = as_rows(report, format_money)
        story = [
            Paragraph(escape(_("Figures per municipality")), s["title"]),
            Paragraph(
                escape(
                    _("Period {first} – {last}").format(
                        first=format_date(first), last=format_date(last)
                    )
                ),
                s["subtitle"],
            ),
            Paragraph(
                escape(
                    _(
                        "Anonymous: no names. Counts below {n} are shown as \u201c< {n}\u201d "
                        "and the amounts behind them are left out, so that no couple can be "
                        "recognised; a count or amount shown as \u201c\u2013\u201d is left out "
                        "so that a hidden one cannot be worked out from the others."
                    ).format(n=SMALLEST_SHOWN)
                ),
                s["small"],
            ),
            Spacer(1, 4 * mm),
        ]
        if rows:
            # Figures read down a column: right-aligned, as in the spreadsheets.
            kinds = [column.kind for column in published(report)[0]]
            right = ParagraphStyle("cell_right", parent=s["cell"], alignment=TA_RIGHT)
            cells = [[Paragraph(escape(capitalised(h)), s["cell_bold"]) for h in header]]
            cells += [
                [
                    Paragraph(escape(v), s["cell"] if kind is Kind.TEXT else right)
                    for v, kind in zip(row, kinds, strict=True)
                ]
                for row in rows
            ]
            table = Table(cells, repeatRows=1)
            table.setStyle(TableStyle(list(HEADED_GRID)))
            story.append(table)
            if any(band.position is not None for band in bands_counted(report)):
                story += [
                    Spacer(1, 2 * mm),
                    Paragraph(
                        escape(
                            _(
                                "Band 1, 2, …: the income band of the course's fee scale, from"
                                " the lowest income up."
                            )
                        ),
                        s["small"],
                    ),
                ]
        else:
            story.append(
                Paragraph(escape(_("No courses started or ended in this period.")), s["base"])
            )
        if outcomes:
            story += outcome_section(outcomes, s, language)
        return build_pdf(
            story,
            pagesize=landscape(A4),
            title=_("Figures per municipality"),
            organisation=organisation,
            logo=logo,
            printed_on=printed_on,
        )
