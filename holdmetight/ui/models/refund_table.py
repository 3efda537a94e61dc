"""Refunds still to be paid back: course, couple, where the couple stands, amount."""

from __future__ import annotations

from typing import Any

from holdmetight.i18n import _, format_money
from holdmetight.services.leaving_fees import RefundDue
from holdmetight.ui.models.row_table import Column, RowTableModel


class RefundTableModel(RowTableModel[RefundDue]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Course"), lambda r: r.course_code),
                Column(lambda: _("Couple"), lambda r: r.names),
                Column(lambda: _("Status"), lambda r: r.status.label),
                Column(
                    lambda: _("To pay back"),
                    lambda r: format_money(r.amount),
                    align_right=True,
                    sort_key=lambda r: r.amount,
                ),
            ],
            parent,
            identity=lambda r: r.assessment_id,
        )
