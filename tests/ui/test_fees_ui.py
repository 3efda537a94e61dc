"""A couple's fee from the course page: assess by band, pay in part, refuse overpaying."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QMessageBox

from holdmetight.domain.enums import CourseStatus
from holdmetight.i18n import set_language
from holdmetight.services import courses, fees
from holdmetight.ui.dialogs.fee_forms import AssessDialog, PaymentDialog
from holdmetight.ui.views.fees_tab import FeesTab


def test_assess_then_pay_in_dutch_amounts_and_an_overpayment_is_refused(
    qtbot, demo_context, monkeypatch
):
    set_language("nl")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    course = next(
        r for r in demo_context.call(courses.list_courses) if r.status is CourseStatus.OPEN
    )
    tab = FeesTab(demo_context)
    qtbot.addWidget(tab)
    tab.show_course(course.id)
    assert (
        tab.model.rowCount() == 6 and "6 stellen hebben nog geen inkomensgroep" in tab.totals.text()
    )
    row = tab.model.row_at(0)
    scale = demo_context.call(fees.course_fee_scale, course_id=course.id)
    assess = AssessDialog(demo_context, row, scale)
    qtbot.addWidget(assess)
    assess.band_combo.setCurrentIndex(2)  # € 25,00 – € 35,00 band: € 50,00
    assess.checked_box.setChecked(True)
    assess.save()
    assert assess.saved is not None and assess.saved.assessed == Decimal("50.00")
    pay = PaymentDialog(demo_context, assess.saved)
    qtbot.addWidget(pay)
    assert pay.amount_edit.text() == "50,00"
    pay.amount_edit.setText("80")
    pay.save()
    assert pay.saved is None and "meer dan de" in shown[-1]
    pay.amount_edit.setText("12,50")
    pay.save()
    assert pay.saved is not None and pay.saved.outstanding == Decimal("37.50")
    tab.reload()
    assert "betaald € 12,50" in tab.totals.text().replace("\u00a0", " ")
