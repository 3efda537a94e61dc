"""A couple's fee from the course page: assess by band, pay in part, refuse overpaying."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QMessageBox

from holdmetight.domain.enums import CourseStatus
from holdmetight.i18n import set_language
from holdmetight.services import courses, fee_scales
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
    tab.show()
    tab.show_course(course.id)
    assert (
        tab.model.rowCount() == 6 and "5 stellen hebben nog geen inkomensgroep" in tab.totals.text()
    )
    row = tab.model.row_at(0)
    scale = demo_context.call(fee_scales.course_fee_scale, course_id=course.id)
    assess = AssessDialog(demo_context, row, scale, course.id)
    qtbot.addWidget(assess)
    assess.income_edit.setText("2.600,00")
    assess.find_band()
    assert assess.band_combo.currentIndex() == 2  # € 2.500,00 – € 3.500,00: € 50,00
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
    assert "betaald € 12,50" in tab.totals.text().replace("\u00a0", " ")


def test_fees_page_adds_a_scale_and_refuses_a_gap(qtbot, context, window_settings, monkeypatch):
    from holdmetight.ui.dialogs.fee_scale_editor import FeeScaleEditor
    from holdmetight.ui.main_window import PAGE_FEES, MainWindow

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    window = MainWindow(context, window_settings)
    qtbot.addWidget(window)
    window.show_page(PAGE_FEES)
    editor = FeeScaleEditor(context)
    qtbot.addWidget(editor)
    editor.name_edit.setText("Staffel 2027")
    editor.bands.item(1, 0).setText("2000")  # leaves a gap from 1800 to 2000
    editor.save()
    assert editor.saved is None
    assert shown[-1] == "Incomes from €1,800.00 up to band 2 fall in no band (a gap)."
    editor.bands.item(1, 0).setText("1800")
    editor.save()
    assert editor.saved is not None and [b.fee for b in editor.saved.bands] == [
        Decimal("0.00"),
        Decimal("25.00"),
    ]
    window.fees_page.refresh()
    assert window.fees_page.scales.rowCount() == 1
