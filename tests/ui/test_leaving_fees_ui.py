"""Stopping with the course in the window: the fee decision, and refunds due on the Fees page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from holdmetight.domain.enums import CourseStatus, EnrollmentStatus, LeavingFee
from holdmetight.i18n import set_language
from holdmetight.services import courses, enrollments, fee_assessments, leaving_fees
from holdmetight.ui.dialogs import fee_forms
from holdmetight.ui.dialogs.withdraw_form import WithdrawDialog
from holdmetight.ui.views.fees_page import FeesPage


@pytest.fixture(autouse=True)
def messages(monkeypatch) -> list[str]:
    """Messages the window would show, kept instead of waiting for a click."""
    shown: list[str] = []
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a: shown.append(text))
    return shown


def running_course(context) -> int:
    return next(
        r.id for r in context.call(courses.list_courses) if r.status is CourseStatus.RUNNING
    )


def test_the_demo_refund_is_listed_and_recording_it_clears_the_list(
    qtbot, demo_context, monkeypatch, messages
):
    set_language("nl")
    page = FeesPage(demo_context)
    qtbot.addWidget(page)
    page.show()
    assert page.refunds.rowCount() == 1
    assert page.refunds.index(0, 2).data() == "gestopt"
    assert not page.refund_button.isEnabled()
    page.refunds_table.selectRow(0)
    assert page.refund_button.isEnabled()
    opened: list[fee_forms.PaymentDialog] = []

    def save_at_once(dialog):
        opened.append(dialog)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(fee_forms.PaymentDialog, "exec", save_at_once)
    qtbot.mouseClick(page.refund_button, Qt.MouseButton.LeftButton)
    assert opened[0].refund_box.isChecked()
    assert messages == []
    assert page.refunds.rowCount() == 0


def test_stopping_with_a_refund_from_the_window(qtbot, demo_context, messages):
    course_id = running_course(demo_context)
    payer = next(
        r
        for r in demo_context.call(fee_assessments.fee_overview, course_id=course_id)
        if r.paid and r.status is EnrollmentStatus.ENROLLED
    )
    enrollment = next(
        e
        for e in demo_context.call(enrollments.list_enrollments, course_id=course_id)
        if e.id == payer.enrollment_id
    )
    dialog = WithdrawDialog(demo_context, enrollment)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.asks_fee and dialog.refund_radio.isEnabled()
    dialog.reason_edit.setText("Verhuisd")
    dialog.refund_radio.setChecked(True)
    dialog.refund_edit.setText("5.00")
    dialog.save()
    assert messages == [] and dialog.result() == dialog.DialogCode.Accepted
    row = demo_context.call(fee_assessments.fee_row, enrollment_id=payer.enrollment_id)
    assert (row.status, row.fee_on_leaving) == (EnrollmentStatus.WITHDRAWN, LeavingFee.REFUND)
    assert Decimal("5.00") in [r.amount for r in demo_context.call(leaving_fees.refunds_due)]
