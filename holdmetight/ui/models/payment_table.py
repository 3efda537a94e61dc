"""Payments and refunds in a period: a row each, refunds as negative amounts; fetched a page at a
time and sorted by the database (a click on a header reads the list again in that order)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from holdmetight.i18n import _, format_money, short_date
from holdmetight.services.payment_list import PaymentOrder
from holdmetight.services.payments import PaymentLine
from holdmetight.ui.models.paged_table import PagedTableModel
from holdmetight.ui.models.row_table import Column

COL_DATE, COL_COURSE, COL_COUPLE, COL_AMOUNT, COL_METHOD, COL_REFERENCE = range(6)


class PaymentTableModel(PagedTableModel[PaymentLine, PaymentOrder]):
    """Opens with the latest payment on top."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Date"), lambda p: short_date(p.paid_on)),
                Column(lambda: _("Course"), lambda p: p.course_code),
                Column(lambda: _("Couple"), lambda p: p.names),
                Column(
                    lambda: _("Amount"),
                    lambda p: format_money(p.amount),
                    align_right=True,
                    tooltip=lambda p: _("refund") if p.amount < 0 else "",
                ),
                Column(lambda: _("Method"), lambda p: p.method.label),
                Column(lambda: _("Reference"), lambda p: p.reference),
            ],
            parent,
            orders=[
                PaymentOrder.DATE,
                PaymentOrder.COURSE,
                PaymentOrder.COUPLE,
                PaymentOrder.AMOUNT,
                PaymentOrder.METHOD,
                PaymentOrder.REFERENCE,
            ],
            order=(COL_DATE, Qt.SortOrder.DescendingOrder),
        )
