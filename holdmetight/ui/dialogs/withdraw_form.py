"""A couple leaves the course: withdrawn or referred, the reason, and what becomes of its fee."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from holdmetight.domain.enums import EnrollmentStatus, LeavingFee
from holdmetight.i18n import _, format_amount_input, format_money
from holdmetight.services import enrollments, fee_assessments
from holdmetight.services.enrollments import EnrollmentInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.fee_forms import amount_of
from holdmetight.ui.dialogs.form_dialog import FormDialog
from holdmetight.ui.widgets import fill_combo, open_wide


class WithdrawDialog(FormDialog):
    """Asks why the couple stops and, when it paid or still owes something, whether the rest
    of the fee is waived, still due, or (part of) what was paid goes back."""

    def __init__(
        self, context: AppContext, enrollment: EnrollmentInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Withdraw from the course: {names}").format(names=enrollment.names), parent
        )
        self._context, self._enrollment = context, enrollment
        self.status_combo = QComboBox()
        fill_combo(
            self.status_combo,
            [
                (_("withdraws from the course"), EnrollmentStatus.WITHDRAWN.value),
                (_("is referred elsewhere"), EnrollmentStatus.REFERRED.value),
            ],
        )
        self.reason_edit = QLineEdit()
        self.form.addRow(_("The couple:"), self.status_combo)
        self.form.addRow(_("Reason:"), self.reason_edit)
        fee = context.call(fee_assessments.fee_row, enrollment_id=enrollment.id)
        self.asks_fee = fee.assessment_id is not None and bool(fee.outstanding or fee.paid)
        self.fee_buttons = QButtonGroup(self)
        self.waive_radio = QRadioButton(
            _("waive the rest ({amount})").format(amount=format_money(fee.outstanding))
        )
        self.due_radio = QRadioButton(
            _("the rest stays due ({amount})").format(amount=format_money(fee.outstanding))
            if fee.outstanding
            else _("keep what was paid (nothing is paid back)")
        )
        self.refund_radio = QRadioButton(_("pay back:"))
        self.refund_edit = QLineEdit(format_amount_input(fee.paid) if fee.paid else "")
        self.refund_edit.setAccessibleName(_("Amount to pay back"))
        self.refund_edit.setEnabled(False)
        self.refund_radio.toggled.connect(self.refund_edit.setEnabled)
        for choice, button in (
            (LeavingFee.WAIVED, self.waive_radio),
            (LeavingFee.DUE, self.due_radio),
            (LeavingFee.REFUND, self.refund_radio),
        ):
            self.fee_buttons.addButton(button)
            button.setProperty("choice", choice.value)
        self.refund_radio.setEnabled(fee.paid > 0)
        self.waive_radio.setEnabled(fee.outstanding > 0)
        if self.asks_fee:
            self.form.addRow(
                _("Fee:"),
                QLabel(
                    _("paid {paid}, outstanding {outstanding}").format(
                        paid=format_money(fee.paid), outstanding=format_money(fee.outstanding)
                    )
                ),
            )
            self.form.addRow(_("The rest of the fee:"), self.waive_radio)
            self.form.addRow("", self.due_radio)
            refund_row = QHBoxLayout()
            refund_row.addWidget(self.refund_radio)
            refund_row.addWidget(self.refund_edit, stretch=1)
            self.form.addRow("", refund_row)
        open_wide(self, 520)

    def choice(self) -> LeavingFee | None:
        checked = self.fee_buttons.checkedButton()
        return LeavingFee(checked.property("choice")) if checked is not None else None

    def save(self) -> None:
        choice = self.choice() if self.asks_fee else None

        def call() -> EnrollmentInfo:
            return self._context.call(
                enrollments.set_enrollment_status,
                enrollment_id=self._enrollment.id,
                status=EnrollmentStatus(self.status_combo.currentData()),
                reason=self.reason_edit.text(),
                fee_on_leaving=choice,
                refund=amount_of(self.refund_edit) if choice is LeavingFee.REFUND else None,
            )

        self.save_with(call)
