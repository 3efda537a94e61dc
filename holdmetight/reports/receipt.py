"""A receipt (betalingsbewijs) for one payment or refund."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from babel.lists import format_list
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from holdmetight.i18n import _, babel_locale, format_money, long_date, using_language
from holdmetight.reports.common import FONT, GRID, body_width, build_pdf, styles
from holdmetight.services.receipts import Receipt

LABEL_WIDTH = 38 * mm


def payers(receipt: Receipt, *, language: str) -> str:
    """The couple as a sentence names them: "Hüseyin Vermeulen en Esther van Leeuwen"."""
    if not receipt.payers:
        return receipt.payment.names
    return format_list(list(receipt.payers), locale=babel_locale(language))


def render_receipt(receipt: Receipt, *, language: str, printed_on: date | None = None) -> bytes:
    with using_language(language):
        s = styles()
        line = receipt.payment
        refund = line.amount < 0
        title = _("Refund receipt") if refund else _("Receipt")
        rows = [
            [_("Receipt number"), str(line.id)],
            [_("Date"), long_date(line.paid_on)],
            [
                _("Received from") if not refund else _("Paid back to"),
                payers(receipt, language=language),
            ],
            [
                _("For"),
                _("participation in course {code}: {title}").format(
                    code=line.course_code, title=line.course_title
                ),
            ],
            [_("Amount"), format_money(abs(line.amount))],
            [_("Method"), line.method.label],
        ]
        if line.reference:
            rows.append([_("Reference"), line.reference])
        table = Table(
            [
                [Paragraph(escape(a), s["cell_bold"]), Paragraph(escape(b), s["cell"])]
                for a, b in rows
            ],
            colWidths=[LABEL_WIDTH, body_width(A5) - LABEL_WIDTH],
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 9),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story = [
            Paragraph(escape(receipt.organisation), s["subtitle"]),
            Paragraph(escape(receipt.organisation_address), s["small"]),
            Spacer(1, 6 * mm),
            Paragraph(escape(title), s["title"]),
            Spacer(1, 3 * mm),
            table,
        ]
        return build_pdf(
            story,
            pagesize=A5,
            title=title,
            organisation=receipt.organisation,
            logo=receipt.logo,
            printed_on=printed_on,
        )
