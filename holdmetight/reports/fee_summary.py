"""The fee summary as PDF: totals, per income band, per payment method, open balances and the
refunds still due."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from holdmetight.domain.enums import EnrollmentStatus
from holdmetight.i18n import _, format_date, format_money, using_language
from holdmetight.reports.common import FONT, FONT_BOLD, GRID, SHADE, build_pdf, cell, styles
from holdmetight.reports.fee_labels import band_label
from holdmetight.services.fee_summary import BandTotal, FeeSummary, OpenBalance

TABLE_STYLE = [
    ("FONT", (0, 0), (-1, -1), FONT, 8.5),
    ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5),
    ("FONT", (0, -1), (-1, -1), FONT_BOLD, 8.5),
    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
    ("GRID", (0, 0), (-1, -1), 0.4, GRID),
    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
]


def band_name(total: BandTotal, *, language: str) -> str:
    """ "Staffel 2027: € 1.800,00 – € 2.500,00", or "no band" for fees without one."""
    if total.band is None:
        with using_language(language):
            return _("no band")
    return f"{total.scale}: {band_label(total.band, language=language)}"


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
        story = [
            Paragraph(escape(_("Fee summary")), s["title"]),
            Paragraph(escape(scope), s["subtitle"]),
            Paragraph(
                escape(
                    _("Assessed {a}, paid {p}, waived {w}, outstanding {o}.").format(
                        a=money(summary.assessed),
                        p=money(summary.paid),
                        w=money(summary.waived),
                        o=money(summary.outstanding),
                    )
                    + (
                        " " + _("To pay back: {amount}.").format(amount=money(summary.refund_due))
                        if summary.refund_due
                        else ""
                    )
                ),
                s["base"],
            ),
            Spacer(1, 4 * mm),
            Paragraph(escape(_("Per income band")), s["subtitle"]),
        ]
        # Column titles wrap in their cell (Dutch words are long); amounts stand right.
        right = ParagraphStyle("head_right", parent=s["cell_bold"], alignment=TA_RIGHT)
        rows: list[list[Any]] = [
            [
                Paragraph(escape(_("Income band")), s["cell_bold"]),
                *(
                    Paragraph(escape(title), right)
                    for title in (
                        _("Couples"),
                        _("Assessed"),
                        _("Paid"),
                        _("Waived"),
                        _("Outstanding"),
                        _("To pay back"),
                    )
                ),
            ]
        ]
        for band in summary.bands:
            rows.append(
                [
                    Paragraph(escape(band_name(band, language=language)), s["cell"]),
                    str(band.couples),
                    money(band.assessed),
                    money(band.paid),
                    money(band.waived),
                    money(band.outstanding),
                    money(band.refund_due),
                ]
            )
        rows.append(
            [
                _("Total"),
                str(sum(b.couples for b in summary.bands)),
                money(summary.assessed),
                money(summary.paid),
                money(summary.waived),
                money(summary.outstanding),
                money(summary.refund_due),
            ]
        )
        table = Table(
            rows,
            colWidths=[41 * mm, 17 * mm, 22 * mm, 20 * mm, 30 * mm, 25 * mm, 25 * mm],
            repeatRows=1,
            hAlign="LEFT",
        )
        table.setStyle(TableStyle(TABLE_STYLE))
        story += [
            table,
            Spacer(1, 6 * mm),
            Paragraph(escape(_("Per payment method")), s["subtitle"]),
        ]
        rows = [[_("Method"), _("Paid")]]
        rows += [[method.label, money(amount)] for method, amount in summary.methods]
        rows.append([_("Total"), money(summary.paid)])
        table = Table(rows, colWidths=[66 * mm, 30 * mm], hAlign="LEFT")
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


NAMES_WIDTH = 120 * mm


def _balances(
    balances: tuple[OpenBalance, ...], total: Decimal, amount_title: str, s: dict[str, Any]
) -> list[Flowable]:
    if not balances:
        return []
    rows: list[list[Any]] = [[_("Course"), _("Couple"), amount_title]]
    rows += [
        [b.course_code, cell(_couple(b), s["cell"], NAMES_WIDTH), format_money(b.outstanding)]
        for b in balances
    ]
    rows.append([_("Total"), "", format_money(total)])
    table = Table(rows, colWidths=[30 * mm, NAMES_WIDTH, 30 * mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([*TABLE_STYLE, ("ALIGN", (0, 0), (1, -1), "LEFT")]))
    return [table]
