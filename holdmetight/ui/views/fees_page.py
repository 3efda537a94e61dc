"""The Fees page: fee scales, the yearly social-minimum norms, and the money of a period (its
payments and refunds, receipts, the fee summary and the figures per municipality).

A period can hold years of payments: they are read a page at a time in the order chosen by a
click on a column header, and the period's totals are counted by the database.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _, format_amount_input, format_money, ngettext
from holdmetight.services import (
    fee_assessments,
    fee_scales,
    leaving_fees,
    payment_list,
    published_norms,
)
from holdmetight.services.changes import Kind
from holdmetight.services.leaving_fees import RefundDue
from holdmetight.services.payments import PaymentLine
from holdmetight.ui import fee_actions
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.fee_forms import PaymentDialog
from holdmetight.ui.dialogs.fee_scale_editor import FeeScaleEditor, NormDialog
from holdmetight.ui.freshness import Freshness
from holdmetight.ui.messages import show_error
from holdmetight.ui.models.fee_scale_tables import FeeScaleModel, NormModel
from holdmetight.ui.models.payment_table import COL_COUPLE, PaymentTableModel
from holdmetight.ui.models.refund_table import RefundTableModel
from holdmetight.ui.norms_report import norms_report
from holdmetight.ui.views.tables import keeping_place, make_table
from holdmetight.ui.widgets import date_edit, follow_language, from_qdate


def _titled(title: QLabel, buttons: list[QWidget], table: QWidget) -> QWidget:
    section = QWidget()
    bar = QHBoxLayout()
    bar.addWidget(title)
    bar.addStretch(1)
    for button in buttons:
        bar.addWidget(button)
    layout = QVBoxLayout(section)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(bar)
    layout.addWidget(table)
    return section


class FeesPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.scales_title, self.norms_title, self.period_title = QLabel(), QLabel(), QLabel()
        self.refunds_title = QLabel()
        self.refunds = RefundTableModel(self)
        self.refunds_table = make_table(self.refunds, sortable=False, stretch_column=1)
        self.refunds_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refunds_table.doubleClicked.connect(lambda _index: self.record_refund())
        self.refund_button = QPushButton()
        self.refund_button.clicked.connect(self.record_refund)
        self.scales = FeeScaleModel(self)
        self.norms = NormModel(self)
        self.payments = PaymentTableModel(self)
        self.scales_table = make_table(self.scales, sortable=False, stretch_column=3)
        self.norms_table = make_table(self.norms, sortable=False, stretch_column=1)
        self.payments_table = make_table(self.payments, sortable=True, stretch_column=COL_COUPLE)
        self.payments.order_changed.connect(self._order_changed)
        self.payments_table.doubleClicked.connect(lambda _index: self.print_receipt())
        self.payments_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.new_scale_button, self.norm_button = QPushButton(), QPushButton()
        self.new_scale_button.clicked.connect(self.new_scale)
        self.norm_button.clicked.connect(self.set_norm)
        self.published_norms_button = QPushButton()
        self.published_norms_button.clicked.connect(self.add_published_norms)
        today = date.today()
        self.first_edit = date_edit(date(today.year, 1, 1))
        self.last_edit = date_edit(date(today.year, 12, 31))
        self.first_edit.dateChanged.connect(self._period_changed)
        self.last_edit.dateChanged.connect(self._period_changed)
        self.receipt_button = QPushButton()
        self.summary_button, self.municipality_button = QPushButton(), QPushButton()
        self.receipt_button.clicked.connect(self.print_receipt)
        self.summary_button.clicked.connect(self.print_summary)
        self.municipality_button.clicked.connect(self.print_municipalities)
        self.period_totals = QLabel()

        dash = QLabel("–")
        period = _titled(
            self.period_title,
            [
                self.first_edit,
                dash,
                self.last_edit,
                self.receipt_button,
                self.summary_button,
                self.municipality_button,
            ],
            self.payments_table,
        )
        period_layout = period.layout()
        assert period_layout is not None
        period_layout.addWidget(self.period_totals)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(
            _titled(self.scales_title, [self.new_scale_button], self.scales_table)
        )
        self.splitter.addWidget(
            _titled(
                self.norms_title,
                [self.published_norms_button, self.norm_button],
                self.norms_table,
            )
        )
        self.splitter.addWidget(period)
        self.splitter.addWidget(
            _titled(self.refunds_title, [self.refund_button], self.refunds_table)
        )
        for index, stretch in enumerate((2, 1, 4, 1)):
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.freshness = Freshness(
            self,
            context,
            {Kind.FEE_SCALES, Kind.FEES, Kind.ENROLLMENTS, Kind.COUPLES},
            self.refresh,
        )
        self.retranslate()

    def retranslate(self) -> None:
        # Each table is named by the title above it (a table takes no buddy label).
        for title, table, text in (
            (self.scales_title, self.scales_table, _("Fee scales")),
            (self.norms_title, self.norms_table, _("Social minimum per year and household")),
            (self.period_title, self.payments_table, _("Payments and refunds in the period")),
            (self.refunds_title, self.refunds_table, _("Refunds due")),
        ):
            title.setText(f"<b>{text}</b>")
            table.setAccessibleName(text)
        self.first_edit.setAccessibleName(_("First day of the period"))
        self.last_edit.setAccessibleName(_("Last day of the period"))
        self.refund_button.setText(_("Record refund…"))
        self.refunds.retranslate()
        self.new_scale_button.setText(_("New fee scale…"))
        self.norm_button.setText(_("Set norm…"))
        self.published_norms_button.setText(_("Add published norms…"))
        self.published_norms_button.setToolTip(
            _(
                "Adds the net social-assistance norms that came with the application, where"
                " a year and household type has none yet; says where they come from and"
                " what is missing."
            )
        )
        self.receipt_button.setText(_("Receipt…"))
        self.summary_button.setText(_("Fee summary…"))
        self.municipality_button.setText(_("Figures per municipality…"))
        for edit in (self.first_edit, self.last_edit):
            follow_language(edit)
        self.scales.retranslate()
        self.norms.retranslate()
        self.payments.retranslate()
        self.freshness.request()

    def refresh(self) -> None:
        with keeping_place(self.scales_table):
            self.scales.set_rows(self._context.call(fee_scales.list_fee_scales))
        self.norms.set_rows(self._context.call(fee_scales.list_norms))
        with keeping_place(self.refunds_table):
            self.refunds.set_rows(self._context.call(leaving_fees.refunds_due))
        with keeping_place(self.payments_table):
            self._load_payments(rows=self.payments.rowCount())

    def _order_changed(self) -> None:
        """A click on a column header: the payments from the top, in the new order."""
        if self.isVisible():
            self.payments_table.scrollToTop()
            with keeping_place(self.payments_table):
                self._load_payments(rows=0)
        else:
            self.freshness.request()

    def _load_payments(self, *, rows: int) -> None:
        first, last = self.period()
        order, descending = self.payments.order, self.payments.descending
        totals = self._context.call(payment_list.payment_totals, first=first, last=last)

        def fetch(offset: int, limit: int) -> list[PaymentLine]:
            return self._context.call(
                payment_list.list_payments,
                first=first,
                last=last,
                order=order,
                descending=descending,
                offset=offset,
                limit=limit,
            )

        self.payments.load(fetch, totals.count, rows=rows)
        self.period_totals.setText(
            ngettext(
                "{n} payment or refund: received {received}, refunded {refunded}.",
                "{n} payments and refunds: received {received}, refunded {refunded}.",
                totals.count,
            ).format(
                n=totals.count,
                received=format_money(totals.received),
                refunded=format_money(totals.refunded),
            )
        )
        self._update_buttons()

    def _period_changed(self) -> None:
        """Another period: its payments from the top."""
        self.payments.set_rows([])
        self.freshness.request()

    def period(self) -> tuple[date, date]:
        return from_qdate(self.first_edit.date()), from_qdate(self.last_edit.date())

    def selected_payment(self) -> PaymentLine | None:
        rows = self.payments_table.selectionModel().selectedRows()
        return self.payments.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.receipt_button.setEnabled(self.selected_payment() is not None)
        self.refund_button.setEnabled(self.selected_refund() is not None)

    def selected_refund(self) -> RefundDue | None:
        rows = self.refunds_table.selectionModel().selectedRows()
        return self.refunds.row_at(rows[0].row()) if rows else None

    def record_refund(self) -> None:
        """The money goes back: a refund payment of the amount due, to confirm and date."""
        due = self.selected_refund()
        if due is None:
            return
        row = self._context.call(fee_assessments.fee_row, enrollment_id=due.enrollment_id)
        dialog = PaymentDialog(self._context, row, self)
        dialog.refund_box.setChecked(True)
        dialog.amount_edit.setText(format_amount_input(due.amount))
        dialog.exec()

    def new_scale(self) -> None:
        FeeScaleEditor(self._context, self).exec()

    def set_norm(self) -> None:
        NormDialog(self._context, self).exec()

    def add_published_norms(self) -> None:
        try:
            added = self._context.call(published_norms.add_published_norms)
            years = published_norms.read_published_norms()
        except HoldMeTightError as error:
            show_error(self, error)
            return
        present = self._context.call(fee_scales.list_norms)
        QMessageBox.information(
            self, _("Published norms"), norms_report(added, years, present, date.today())
        )

    def print_receipt(self) -> None:
        line = self.selected_payment()
        if line is not None:
            fee_actions.print_receipt(self, self._context, line.id)

    def print_summary(self) -> None:
        fee_actions.print_fee_summary(self, self._context, *self.period())

    def print_municipalities(self) -> None:
        fee_actions.print_municipality_report(self, self._context, *self.period())
