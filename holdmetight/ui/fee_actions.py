"""What an administrator prints about money: receipts, the fee summary, municipality figures."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from holdmetight.domain.enums import Language
from holdmetight.i18n import _
from holdmetight.progress import Progress
from holdmetight.services import (
    fee_summary,
    municipality_report,
    organisations,
    outcome_figures,
    receipts,
)
from holdmetight.ui.context import AppContext
from holdmetight.ui.print_action import open_print_dialog, recorder


def document_language(context: AppContext) -> Language:
    """The language the organisation prints in unless the user picks the other one."""
    organisation = context.call(organisations.get_organisation)
    return organisation.default_language if organisation else Language.NL


def print_receipt(parent: QWidget | None, context: AppContext, payment_id: int) -> None:
    """The receipt (betalingsbewijs) of one payment or refund."""

    def render(language: str, _progress: Progress) -> bytes:
        from holdmetight.reports.receipt import render_receipt

        return render_receipt(
            context.call(receipts.receipt, payment_id=payment_id), language=language
        )

    open_print_dialog(
        _("Receipt"),
        f"receipt-{payment_id}.pdf",
        render,
        document_language(context),
        parent,
        record=recorder(context, "receipt", record_id=payment_id),
    )


def print_fee_summary(parent: QWidget | None, context: AppContext, first: date, last: date) -> None:
    """Assessed, paid, waived and outstanding in a period, per band and payment method."""

    def render(language: str, progress: Progress) -> bytes:
        from holdmetight.reports.fee_summary import render_fee_summary

        totals = context.call(fee_summary.fee_summary, first=first, last=last)
        return render_fee_summary(totals, language=language)

    open_print_dialog(
        _("Fee summary"),
        f"fees-{first}-{last}.pdf",
        render,
        document_language(context),
        parent,
        record=recorder(context, "fee_summary", period=f"{first}..{last}"),
    )


def print_municipality_report(
    parent: QWidget | None, context: AppContext, first: date, last: date
) -> None:
    """The anonymous figures per municipality for the funders."""
    organisation = context.call(organisations.get_organisation)

    def render(language: str, _progress: Progress) -> bytes:
        from holdmetight.reports.municipality import render_municipality_report

        figures = context.call(municipality_report.municipality_report, first=first, last=last)
        outcomes = context.call(outcome_figures.municipality_outcomes, first=first, last=last)
        return render_municipality_report(
            figures,
            outcomes=outcomes,
            first=first,
            last=last,
            organisation=organisation.name if organisation else "",
            logo=organisation.logo_png if organisation else None,
            language=language,
        )

    open_print_dialog(
        _("Figures per municipality"),
        f"municipalities-{first}-{last}.pdf",
        render,
        organisation.default_language if organisation else Language.NL,
        parent,
        record=recorder(context, "municipality", period=f"{first}..{last}"),
    )
