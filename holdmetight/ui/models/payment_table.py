"""Payments and refunds in a period: a row each, newest first, refunds as negative amounts."""

from __future__ import annotations

from typing import Any

from holdmetight.i18n import _, format_date, format_money
from holdmetight.services.payments import PaymentLine
from holdmetight.ui.models.row_table import Column, RowTableModel

COL_DATE, COL_COURSE, COL_COUPLE, COL_AMOUNT, COL_METHOD, COL_REFERENCE = range(6)


class PaymentTableModel(RowTableModel[PaymentLine]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    lambda: _("Date"),
                    lambda p: format_date(p.paid_on),
                    sort_key=lambda p: (p.paid_on, p.id),
                ),
                Column(lambda: _("Course"), lambda p: p.course_code),
                Column(lambda: _("Couple"), lambda p: p.names),
                Column(
                    lambda: _("Amount"),
                    lambda p: format_money(p.amount),
                    align_right=True,
                    sort_key=lambda p: p.amount,
                    tooltip=lambda p: _("refund") if p.amount < 0 else "",
                ),
                Column(lambda: _("Method"), lambda p: p.method.label),
                Column(lambda: _("Reference"), lambda p: p.reference),
            ],
            parent,
        )
