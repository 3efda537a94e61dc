"""School holidays from the window: the region in the settings, its periods table, and the
new-course dialog that skips them and says when it cannot."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from holdmetight.domain.enums import SchoolRegion
from holdmetight.services import organisations, school_holidays
from holdmetight.ui.dialogs.new_course import NewCourseDialog
from holdmetight.ui.dialogs.school_holidays import SchoolHolidayForm, SchoolHolidaysDialog
from holdmetight.ui.dialogs.settings import SettingsDialog
from holdmetight.ui.widgets import select_data


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def choose_region(context, region):
    org = context.call(organisations.get_organisation)
    context.call(
        organisations.save_course_settings,
        version=org.version,
        offer_answer_days=org.offer_answer_days,
        intake_required=org.intake_required,
        school_region=region,
    )


def test_without_a_region_the_school_holiday_box_explains_itself(qtbot, demo_context):
    choose_region(demo_context, None)
    dialog = shown(qtbot, NewCourseDialog(demo_context))
    box = dialog.school_holidays_check
    assert not box.isEnabled() and not box.isChecked()
    assert "school-holiday region in the settings" in box.toolTip()


def test_new_course_skips_the_school_holidays_of_the_region_and_warns_beyond_them(
    qtbot, demo_context
):
    choose_region(demo_context, SchoolRegion.MIDDLE)
    dialog = shown(qtbot, NewCourseDialog(demo_context))
    box = dialog.school_holidays_check
    assert box.isEnabled() and box.isChecked()
    assert box.text() == "Skip school holidays (region middle)"
    dialog.first_date_edit.setDate(QDate(2026, 10, 6))
    assert date(2026, 10, 20) not in [m.date for m in dialog.meetings()]
    assert not dialog.school_holidays_note.isVisible()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert date(2026, 10, 20) in [m.date for m in dialog.meetings()]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    dialog.first_date_edit.setDate(QDate(2027, 6, 1))
    assert dialog.meetings()[-1].date == date(2027, 8, 31), "after the summer holiday"
    assert not dialog.school_holidays_note.isVisible()
    dialog.first_date_edit.setDate(QDate(2029, 6, 5))
    note = dialog.school_holidays_note
    assert note.isVisible()
    assert "known for school years 2025-2026, 2026-2027, 2027-2028, 2028-2029 only" in note.text()


def test_settings_choose_the_region_and_the_waiting_list_rules(qtbot, demo_context):
    dialog = shown(qtbot, SettingsDialog(demo_context))
    assert dialog.intake_check.isChecked() and dialog.answer_days_spin.value() == 7
    assert dialog.school_holidays_button.isEnabled(), "the demo office is in the middle region"
    dialog.region_combo.setCurrentIndex(0)  # no region
    assert not dialog.school_holidays_button.isEnabled()
    select_data(dialog.region_combo, SchoolRegion.MIDDLE.value)
    assert dialog.school_holidays_button.isEnabled()
    dialog.answer_days_spin.setValue(10)
    dialog.intake_check.setChecked(False)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    org = demo_context.call(organisations.get_organisation)
    assert (org.school_region, org.offer_answer_days, org.intake_required) == (
        SchoolRegion.MIDDLE,
        10,
        False,
    )
    periods = demo_context.call(school_holidays.list_school_holidays, region=SchoolRegion.MIDDLE)
    assert len(periods) == 20, "choosing the region filled in its official periods"


def test_school_holidays_button_opens_the_chosen_regions_table(qtbot, demo_context, monkeypatch):
    opened = []
    monkeypatch.setattr(SchoolHolidaysDialog, "exec", lambda self: opened.append(self.region))
    dialog = shown(qtbot, SettingsDialog(demo_context))
    select_data(dialog.region_combo, SchoolRegion.NORTH.value)
    qtbot.mouseClick(dialog.school_holidays_button, Qt.MouseButton.LeftButton)
    assert opened == [SchoolRegion.NORTH]


def test_the_periods_table_deletes_restores_and_adds(qtbot, demo_context, monkeypatch):
    choose_region(demo_context, SchoolRegion.MIDDLE)
    dialog = shown(qtbot, SchoolHolidaysDialog(demo_context, SchoolRegion.MIDDLE))
    assert dialog.windowTitle() == "School holidays, region middle"
    assert "Rijksoverheid" in dialog.source_label.text()
    assert dialog.model.rowCount() == 20
    assert not dialog.delete_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.model.row_at(0).label == "autumn holiday"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 19
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 20

    form = shown(qtbot, SchoolHolidayForm(demo_context, SchoolRegion.MIDDLE, parent=dialog))
    form.year_edit.setText("2029-2030")
    form.name_combo.setCurrentText("autumn holiday")
    form.first_edit.setDate(QDate(2029, 10, 13))
    form.last_edit.setDate(QDate(2029, 10, 21))
    form.save()
    assert form.result() == form.DialogCode.Accepted
    assert form.saved.name == "herfstvakantie"
    dialog.reload()
    assert dialog.model.rowCount() == 21
    assert "2029-2030" in dialog.coverage_label.text()


def test_a_period_ending_before_it_starts_keeps_the_form_open(qtbot, demo_context, monkeypatch):
    errors = []
    monkeypatch.setattr(
        "holdmetight.ui.dialogs.form_dialog.show_error", lambda parent, error: errors.append(error)
    )
    form = shown(qtbot, SchoolHolidayForm(demo_context, SchoolRegion.SOUTH))
    form.year_edit.setText("2026-2027")
    form.name_combo.setCurrentText("studiedag")
    form.first_edit.setDate(QDate(2026, 11, 3))
    form.last_edit.setDate(QDate(2026, 11, 2))
    form.save()
    assert form.isVisible() and form.saved is None
    assert "cannot come before its first day" in str(errors[0])
