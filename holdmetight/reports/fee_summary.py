"""The fee summary as PDF: totals, per income band, per payment method, open balances and the
refunds still due."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from holdmetight.domain.enums import EnrollmentStatus
from holdmetight.i18n import _, format_date, format_money, ngettext, using_language
from holdmetight.reports.common import (
    CELL_PADDING,
    FONT,
    FONT_BOLD,
    GRID,
    SHADE,
    RowsByPage,
    body_width,
    build_pdf,
    cell,
    styles,
)
from holdmetight.reports.fee_labels import band_label
from holdmetight.services.fee_summary import BandTotal, FeeSummary, OpenBalance

TYPE_SIZE = 8.5
TABLE_STYLE = [
    ("FONT", (0, 0), (-1, -1), FONT, TYPE_SIZE),
    ("FONT", (0, 0), (-1, 0), FONT_BOLD, TYPE_SIZE),
    ("FONT", (0, -1), (-1, -1), FONT_BOLD, TYPE_SIZE),
    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
    ("GRID", (0, 0), (-1, -1), 0.4, GRID),
    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
]
SUBHEADING = colors.HexColor("#f6f6f6")
BAND_WIDTH = 40 * mm  # the least room for a band's name: "€ 2.500,00 – € 3.500,00"


def _figure_widths(titles: list[str], rows: list[list[Any]], room: float) -> list[float]:
    """The widths of the count and amount columns, from their texts in the document's
    language: each title whole on one line where ``room`` allows, else wrapped between its
    words; never narrower than the column's widest figure."""

    def wide(text: str) -> float:
        return float(stringWidth(text, FONT_BOLD, TYPE_SIZE)) + CELL_PADDING + 1

    figures = [
        max((wide(row[i]) for row in rows if isinstance(row[i], str)), default=0.0)
        for i in range(1, len(titles) + 1)
    ]
    whole = [max(wide(t), f) for t, f in zip(titles, figures, strict=True)]
    if sum(whole) <= room:
        return whole
    least = [max(max(wide(w) for w in t.split()), f) for t, f in zip(titles, figures, strict=True)]
    wanted = sum(whole) - sum(least)
    spare = max(room - sum(least), 0.0)
    return [low + (high - low) * spare / wanted for low, high in zip(least, whole, strict=True)]


def band_name(total: BandTotal, *, language: str) -> str:
    """The band as its row names it under its scale's heading: "€ 1.800,00 – € 2.500,00", or
    "no band" for fees assessed by a band since removed."""
    if total.band is None:
        with using_language(language):
            return _("no band")
    return band_label(total.band, language=language)


def _band_rows(
    summary: FeeSummary, *, language: str, s: dict[str, ParagraphStyle]
) -> tuple[list[list[Any]], list[int]]:
    """A row per band, each scale's bands under one heading row with the scale's name; then
    the couples without an income band yet. Also the positions of the heading rows."""
    rows: list[list[Any]] = []
    headings: list[int] = []
    scale: str | None = None
    for band in summary.bands:
        if band.band is not None and band.scale != scale:
            scale = band.scale
            headings.append(len(rows))
            heading = _("Fee scale: {name}").format(name=scale)
            rows.append([Paragraph(escape(heading), s["cell_bold"]), "", "", "", "", "", ""])
        rows.append(
            [
                Paragraph(escape(band_name(band, language=language)), s["cell"]),
                str(band.couples),
                format_money(band.assessed),
                format_money(band.paid),
                format_money(band.waived),
                format_money(band.outstanding),
                format_money(band.refund_due),
            ]
        )
    if summary.unassessed:
        rows.append(
            [
                Paragraph(escape(_("no income band yet")), s["cell"]),
                str(summary.unassessed),
                *["–"] * 5,
            ]
        )
    return rows, headings


def render_fee_summary(
    summary: FeeSummary, *, language: str, printed_on: date | None = None
) -> bytes:
    with using_language(language):
        s = styles()
        if summary.course_code:
            scope = _("Course {code}").format(code=summary.course_code)
        else:
            assert summary.first is not None and summary.last is not None
            scope = _("Period {first} – {last}").format(
                first=format_date(summary.first), last=format_date(summary.last)
            )
        money = format_money
        totals = _("Assessed {a}, paid {p}, waived {w}, outstanding {o}.").format(
            a=money(summary.assessed),
            p=money(summary.paid),
            w=money(summary.waived),
            o=money(summary.outstanding),
        )
        if summary.refund_due:
            totals += " " + _("To pay back: {amount}.").format(amount=money(summary.refund_due))
        if summary.unassessed:
            totals += " " + ngettext(
                "{n} couple has no income band yet.",
                "{n} couples have no income band yet.",
                summary.unassessed,
            ).format(n=summary.unassessed)
        story = [
            Paragraph(escape(_("Fee summary")), s["title"]),
            Paragraph(escape(scope), s["subtitle"]),
            Paragraph(escape(totals), s["base"]),
            Spacer(1, 4 * mm),
            Paragraph(escape(_("Per income band")), s["subtitle"]),
        ]
        # Column titles wrap in their cell if need be; amounts stand right.
        right = ParagraphStyle("head_right", parent=s["cell_bold"], alignment=TA_RIGHT)
        titles = [
            _("Couples"),
            _("Assessed"),
            _("Paid"),
            _("Waived"),
            _("Outstanding"),
            _("To pay back"),
        ]
        bands, headings = _band_rows(summary, language=language, s=s)
        total = [
            _("Total"),
            str(sum(b.couples for b in summary.bands) + summary.unassessed),
            money(summary.assessed),
            money(summary.paid),
            money(summary.waived),
            money(summary.outstanding),
            money(summary.refund_due),
        ]
        rows: list[list[Any]] = [
            [
                Paragraph(escape(_("Income band")), s["cell_bold"]),
                *(Paragraph(escape(title), right) for title in titles),
            ],
            *bands,
            total,
        ]
        width = body_width(A4)
        figures = _figure_widths(titles, rows[1:], width - BAND_WIDTH)
        table = Table(rows, colWidths=[width - sum(figures), *figures], repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    *TABLE_STYLE,
                    *(
                        command
                        for at in headings
                        for command in (
                            ("SPAN", (0, at + 1), (-1, at + 1)),
                            ("BACKGROUND", (0, at + 1), (-1, at + 1), SUBHEADING),
                        )
                    ),
                ]
            )
        )
        story += [
            table,
            Spacer(1, 6 * mm),
            Paragraph(escape(_("Per payment method")), s["subtitle"]),
        ]
        # Money in and money back apart, as the Fees page counts them: what was paid is the
        # difference, and a refund in another method than the payment is never a negative sum.
        rows = [[_("Method"), _("Received"), _("Refunded")]]
        rows += [[m.method.label, money(m.received), money(m.refunded)] for m in summary.methods]
        rows.append([_("Total"), money(summary.received), money(summary.refunded)])
        table = Table(rows, colWidths=[50 * mm, 30 * mm, 30 * mm], hAlign="LEFT")
        table.setStyle(TableStyle(TABLE_STYLE))
        story += [table, Spacer(1, 6 * mm), Paragraph(escape(_("Open balances")), s["subtitle"])]
        story += _balances(summary.open_balances, summary.outstanding, _("Outstanding"), s) or [
            Paragraph(escape(_("Nothing is outstanding.")), s["base"])
        ]
        if summary.refunds_due:
            story += [Spacer(1, 6 * mm), Paragraph(escape(_("Refunds due")), s["subtitle"])]
            owed = sum((r.outstanding for r in summary.refunds_due), Decimal(0))
            story += _balances(summary.refunds_due, owed, _("To pay back"), s)
        return build_pdf(
            story,
            pagesize=A4,
            title=_("Fee summary"),
            organisation=summary.organisation,
            logo=summary.logo,
            printed_on=printed_on,
        )


def _couple(balance: OpenBalance) -> str:
    """The couple's names, with its status when it no longer follows the course."""
    if balance.status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED):
        return balance.names
    return _("{names} ({status})").format(names=balance.names, status=balance.status.label)


CODE_WIDTH = 30 * mm
AMOUNT_WIDTH = 30 * mm
NAMES_WIDTH = body_width(A4) - CODE_WIDTH - AMOUNT_WIDTH


def _balances(
    balances: tuple[OpenBalance, ...], total: Decimal, amount_title: str, s: dict[str, Any]
) -> list[Flowable]:
    if not balances:
        return []
    rows: list[list[Any]] = [
        [b.course_code, cell(_couple(b), s["cell"], NAMES_WIDTH), format_money(b.outstanding)]
        for b in balances
    ]
    rows.append([_("Total"), "", format_money(total)])

    def table(part: list[list[Any]], last: bool) -> Table:
        made = Table(
            part, colWidths=[CODE_WIDTH, NAMES_WIDTH, AMOUNT_WIDTH], repeatRows=1, hAlign="LEFT"
        )
        style = TABLE_STYLE if last else [r for r in TABLE_STYLE if r[1] != (0, -1)]
        made.setStyle(TableStyle([*style, ("ALIGN", (0, 0), (1, -1), "LEFT")]))
        return made

    return [RowsByPage([_("Course"), _("Couple"), amount_title], rows, table)]
