"""A course's fees: who owes what, payments and waivers, and the scale the course uses."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from holdmetight.domain.rules import PLACE_HOLDING
from holdmetight.i18n import _, format_money, ngettext
from holdmetight.services import fee_assessments, fee_scales, payments
from holdmetight.services.changes import Kind
from holdmetight.services.fee_assessments import FeeRow
from holdmetight.ui import icons
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.fee_forms import AssessDialog, PaymentDialog, WaiverDialog
from holdmetight.ui.fee_actions import print_receipt
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.models.fee_table import FeeTableModel
from holdmetight.ui.views.tables import keeping_place, make_table
from holdmetight.ui.widgets import fill_combo, select_data


class FeesTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.course_id: int | None = None
        self.scale_combo = QComboBox()
        self.scale_combo.activated.connect(self._scale_chosen)
        self.model = FeeTableModel(self)
        self.table = make_table(self.model, sortable=False, stretch_column=0)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.assess_button = QPushButton()
        self.payment_button = QPushButton()
        icons.dress(self.payment_button, "payment")
        self.waive_button = QPushButton()
        self.receipt_button = QPushButton()
        icons.dress(self.receipt_button, "receipt")
        self.receipt_button.clicked.connect(self.print_receipt)
        self.assess_button.clicked.connect(self.assess)
        self.payment_button.clicked.connect(self.record_payment)
        self.waive_button.clicked.connect(self.waive)
        self.totals = QLabel()
        self.scale_label = QLabel()
        bar = QHBoxLayout()
        self.scale_label.setBuddy(self.scale_combo)
        bar.addWidget(self.scale_label)
        bar.addWidget(self.scale_combo, stretch=1)
        for button in (
            self.assess_button,
            self.payment_button,
            self.waive_button,
            self.receipt_button,
        ):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.totals)
        self.freshness = Freshness(
            self,
            context,
            {Kind.FEES, Kind.FEE_SCALES, Kind.ENROLLMENTS, Kind.COUPLES, Kind.COURSES},
            self.reload,
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.scale_label.setText(_("Fee scale:"))
        self.assess_button.setText(_("Assess fee…"))
        self.payment_button.setText(_("Record payment…"))
        self.waive_button.setText(_("Waive…"))
        self.receipt_button.setText(_("Receipt…"))
        self.receipt_button.setToolTip(_("A receipt for the couple's latest payment"))
        self.table.setAccessibleName(_("Fees of the course's couples"))
        self.model.retranslate()
        self.freshness.request()

    def show_course(self, course_id: int | None) -> None:
        if course_id != self.course_id:
            self.course_id = course_id
            self.freshness.request()

    def reload(self) -> None:
        if self.course_id is None:
            self.model.set_rows([])
            return
        scale = self._context.call(fee_scales.course_fee_scale, course_id=self.course_id)
        fill_combo(
            self.scale_combo,
            [(s.name, s.id) for s in self._context.call(fee_scales.list_fee_scales)],
            empty_label=_("(no fee: the course is free)"),
        )
        select_data(self.scale_combo, scale.id if scale else None)
        rows = self._context.call(fee_assessments.fee_overview, course_id=self.course_id)
        with keeping_place(self.table):
            self.model.set_rows(rows)
        total = sum((r.assessed or Decimal(0) for r in rows), Decimal(0))
        paid = sum((r.paid for r in rows), Decimal(0))
        waived = sum((r.waived for r in rows), Decimal(0))
        outstanding = sum((r.outstanding for r in rows), Decimal(0))
        owed_back = sum((r.refund_due for r in rows), Decimal(0))
        missing = sum(1 for r in rows if r.needs_band and r.status in PLACE_HOLDING)
        text = _(
            "Assessed {total}, paid {paid}, waived {waived}, outstanding {outstanding}."
        ).format(
            total=format_money(total),
            paid=format_money(paid),
            waived=format_money(waived),
            outstanding=format_money(outstanding),
        )
        if owed_back:
            text += " " + _("To pay back: {amount}.").format(amount=format_money(owed_back))
        if missing and scale is not None:
            text += " " + ngettext(
                "{n} couple has no income band yet.",
                "{n} couples have no income band yet.",
                missing,
            ).format(n=missing)
        self.totals.setText(text)
        self._update_buttons()

    def selected(self) -> FeeRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        has_scale = self.scale_combo.currentData() is not None
        self.assess_button.setEnabled(row is not None and has_scale)
        assessed = row is not None and not row.needs_band
        self.payment_button.setEnabled(assessed)
        self.waive_button.setEnabled(assessed and bool(row and row.outstanding))
        self.receipt_button.setEnabled(assessed and bool(row and (row.paid or row.refund_due)))

    def _scale_chosen(self) -> None:
        if self.course_id is not None:
            self._context.run(
                self,
                fee_scales.set_course_fee_scale,
                course_id=self.course_id,
                fee_scale_id=self.scale_combo.currentData(),
            )

    def print_receipt(self) -> None:
        row = self.selected()
        if row is None or row.assessment_id is None:
            return
        payment_id = self._context.call(payments.latest_payment_id, assessment_id=row.assessment_id)
        if payment_id is not None:
            print_receipt(self, self._context, payment_id)

    def assess(self) -> None:
        row = self.selected()
        if row is None or self.course_id is None:
            return
        scale = self._context.call(fee_scales.course_fee_scale, course_id=self.course_id)
        if scale is not None:
            AssessDialog(self._context, row, scale, self.course_id, self).exec()

    def record_payment(self) -> None:
        row = self.selected()
        if row is not None and not row.needs_band:
            PaymentDialog(self._context, row, self).exec()

    def waive(self) -> None:
        row = self.selected()
        if row is not None and not row.needs_band:
            WaiverDialog(self._context, row, self).exec()
