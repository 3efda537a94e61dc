"""The fees of a course: a row per couple, amounts as money in the interface language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from holdmetight.domain.enums import EnrollmentStatus, LeavingFee
from holdmetight.i18n import _, current_language, format_money
from holdmetight.reports.fee_labels import band_label
from holdmetight.services.fee_assessments import FeeRow
from holdmetight.ui.models.row_table import DASH, Column, RowTableModel, yes_no


def money(value: Decimal | None) -> str:
    """An amount, or a dash where none is set yet (a couple not assessed)."""
    return format_money(value) if value is not None else DASH


def _band(row: FeeRow) -> str:
    if row.needs_band:
        return _("no income band yet")
    return band_label(row.band, language=current_language()) if row.band else DASH


def fee_status(row: FeeRow) -> str:
    """The couple's place in the course, and for one that left what became of its fee."""
    if row.status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED):
        return row.status.label
    if row.fee_on_leaving is LeavingFee.DUE and not row.outstanding:
        return row.status.label
    if row.fee_on_leaving is not None:
        return _("{status}: {fee}").format(status=row.status.label, fee=row.fee_on_leaving.label)
    return row.status.label


class FeeTableModel(RowTableModel[FeeRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Couple"), lambda r: r.names),
                Column(lambda: _("Status"), fee_status),
                Column(lambda: _("Income band"), _band, tooltip=lambda r: r.reduction_reason),
                Column(
                    lambda: _("Fee"),
                    lambda r: money(r.assessed),
                    align_right=True,
                    sort_key=lambda r: r.assessed or Decimal(0),
                ),
                Column(
                    lambda: _("Paid"),
                    lambda r: money(r.paid),
                    align_right=True,
                    sort_key=lambda r: r.paid,
                ),
                Column(
                    lambda: _("Waived"),
                    lambda r: money(r.waived),
                    align_right=True,
                    sort_key=lambda r: r.waived,
                ),
                Column(
                    lambda: _("Outstanding"),
                    lambda r: money(r.outstanding),
                    align_right=True,
                    sort_key=lambda r: r.outstanding,
                ),
                Column(
                    # Speaks only for a couple that has money to get back; empty for the rest.
                    lambda: _("To pay back"),
                    lambda r: money(r.refund_due) if r.refund_due else "",
                    align_right=True,
                    sort_key=lambda r: r.refund_due,
                ),
                Column(
                    lambda: _("Proof of income seen"),
                    lambda r: yes_no(r.income_checked),
                ),
            ],
            parent,
            identity=lambda r: r.enrollment_id,
        )
