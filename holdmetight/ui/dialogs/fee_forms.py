"""Assessing a couple's fee, recording a payment or refund, and waiving an amount."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from holdmetight.domain.enums import PaymentMethod
from holdmetight.errors import HoldMeTightError, ValidationError
from holdmetight.i18n import _, current_language, format_amount_input, format_money, parse_amount
from holdmetight.reports.fee_labels import band_label
from holdmetight.services import couples, fee_assessments, fee_scales, payments
from holdmetight.services.fee_assessments import FeeRow
from holdmetight.services.fee_scales import FeeScaleInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.form_dialog import FormDialog
from holdmetight.ui.messages import show_error
from holdmetight.ui.widgets import add_row_naming, date_edit, fill_combo, from_qdate


def amount_of(edit: QLineEdit) -> Decimal:
    try:
        return parse_amount(edit.text())
    except ValueError as error:
        raise ValidationError(
            _("Write amounts in euros and cents, like 12,50."), field="amount"
        ) from error


class AssessDialog(FormDialog):
    def __init__(
        self,
        context: AppContext,
        row: FeeRow,
        scale: FeeScaleInfo,
        course_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Fee: {names}").format(names=row.names), parent)
        self._context, self._row = context, row
        self.band_combo = QComboBox()
        fill_combo(
            self.band_combo,
            [
                (
                    f"{band_label(b.bounds, language=current_language())}: {format_money(b.fee)}",
                    b.id,
                )
                for b in scale.bands
            ],
        )
        self._course_id = course_id
        self.income_edit = QLineEdit()
        self.income_edit.setPlaceholderText(
            _("net per month; only used to find the band, not stored")
        )
        self.find_button = QPushButton(_("Find band"))
        self.find_button.clicked.connect(self.find_band)
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(_("the band's fee"))
        self.reason_edit = QLineEdit(row.reduction_reason)
        self.checked_box = QCheckBox(
            _("proof of income seen (recorded: who and when, not the document)")
        )
        self.checked_box.setChecked(row.income_checked)
        self.form.addRow(_("Scale:"), QLabel(scale.name))
        income_row = QHBoxLayout()
        income_row.addWidget(self.income_edit, stretch=1)
        income_row.addWidget(self.find_button)
        add_row_naming(self.form, _("Household income:"), income_row, self.income_edit)
        self.form.addRow(_("Income band:"), self.band_combo)
        self.form.addRow(_("Lower fee (optional):"), self.amount_edit)
        self.form.addRow(_("Reason for a lower fee:"), self.reason_edit)
        self.form.addRow("", self.checked_box)

    def find_band(self) -> None:
        try:
            couple = self._context.call(couples.get_couple, couple_id=self._row.couple_id)
            band = self._context.call(
                fee_scales.band_for_income,
                course_id=self._course_id,
                monthly_income=amount_of(self.income_edit),
                household_type=couple.household_type,
                on=date.today(),
            )
        except HoldMeTightError as error:
            show_error(self, error)
            return
        self.band_combo.setCurrentIndex(self.band_combo.findData(band.id))

    def save(self) -> None:
        def call() -> FeeRow:
            amount = amount_of(self.amount_edit) if self.amount_edit.text().strip() else None
            return self._context.call(
                fee_assessments.assess_fee,
                enrollment_id=self._row.enrollment_id,
                fee_band_id=self.band_combo.currentData(),
                amount=amount,
                reduction_reason=self.reason_edit.text(),
                income_checked=self.checked_box.isChecked(),
            )

        self.save_with(call)


class PaymentDialog(FormDialog):
    def __init__(self, context: AppContext, row: FeeRow, parent: QWidget | None = None) -> None:
        super().__init__(_("Payment: {names}").format(names=row.names), parent)
        assert row.assessment_id is not None, "only an assessed fee has payments and waivers"
        self._context, self._row, self._assessment_id = context, row, row.assessment_id
        self.amount_edit = QLineEdit(
            str(row.outstanding).replace(".", ",") if row.outstanding else ""
        )
        self.date_edit = date_edit(date.today())
        self.method_combo = QComboBox()
        fill_combo(self.method_combo, [(m.label, m.value) for m in PaymentMethod])
        self.reference_edit = QLineEdit()
        self.refund_box = QCheckBox(_("this is a refund (money paid back to the couple)"))
        self.form.addRow(_("Outstanding:"), QLabel(format_money(row.outstanding)))
        self.form.addRow(_("Amount:"), self.amount_edit)
        self.form.addRow(_("Date:"), self.date_edit)
        self.form.addRow(_("Method:"), self.method_combo)
        self.form.addRow(_("Reference:"), self.reference_edit)
        self.form.addRow("", self.refund_box)

    def save(self) -> None:
        def call() -> FeeRow:
            service = (
                payments.record_refund if self.refund_box.isChecked() else payments.record_payment
            )
            return self._context.call(
                service,
                assessment_id=self._assessment_id,
                amount=amount_of(self.amount_edit),
                paid_on=from_qdate(self.date_edit.date()),
                method=PaymentMethod(self.method_combo.currentData()),
                reference=self.reference_edit.text(),
            )

        self.save_with(call)


class WaiverDialog(FormDialog):
    def __init__(self, context: AppContext, row: FeeRow, parent: QWidget | None = None) -> None:
        super().__init__(_("Waiver: {names}").format(names=row.names), parent)
        assert row.assessment_id is not None, "only an assessed fee has payments and waivers"
        self._context, self._row, self._assessment_id = context, row, row.assessment_id
        self.amount_edit = QLineEdit(format_amount_input(row.outstanding))
        self.reason_edit = QLineEdit()
        self.form.addRow(_("Outstanding:"), QLabel(format_money(row.outstanding)))
        self.form.addRow(_("Amount to waive:"), self.amount_edit)
        self.form.addRow(_("Reason:"), self.reason_edit)

    def save(self) -> None:
        self.save_with(
            lambda: self._context.call(
                payments.waive,
                assessment_id=self._assessment_id,
                amount=amount_of(self.amount_edit),
                reason=self.reason_edit.text(),
            )
        )
