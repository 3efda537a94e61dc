"""Every view shows what the database holds after any change made anywhere in the window:
views listen for the kinds of data they show, and a hidden page catches up when it is shown."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from holdmetight.domain.enums import CourseStatus, GroupSessionStatus
from holdmetight.services import couple_list, courses, enrollments, facilitators, group_sessions
from holdmetight.ui import course_actions
from holdmetight.ui.dialogs.enroll_form import EnrollDialog
from holdmetight.ui.dialogs.fee_forms import PaymentDialog
from holdmetight.ui.dialogs.settings import SettingsDialog
from holdmetight.ui.dialogs.team_forms import FacilitatorDialog
from holdmetight.ui.main_window import (
    PAGE_AGENDA,
    PAGE_COUPLES,
    PAGE_COURSES,
    PAGE_FEES,
    PAGE_TEAM,
    MainWindow,
)
from holdmetight.ui.models.course_detail_tables import COL_SESSION_STATUS


@pytest.fixture
def open_window(qtbot, window_settings):
    def opening(context) -> MainWindow:
        window = MainWindow(context, window_settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return opening


def choose_course(window: MainWindow, course_id: int) -> None:
    window.show_page(PAGE_COURSES)
    window.courses_page.select_course(course_id)
    assert window.courses_page.detail.course_id == course_id


def test_typing_attendance_makes_the_group_sessions_tab_show_the_meeting_held(
    qtbot, context, make, open_window
):
    course = make.course("HMV-NU", first_date=date.today() - timedelta(days=14))
    enrollments.enroll(make.session, couple_id=make.couple().id, course_id=course.row.id)
    window = open_window(context)
    choose_course(window, course.row.id)
    detail = window.courses_page.detail
    assert detail.sessions_model.row_at(0).status is GroupSessionStatus.SCHEDULED
    detail.tabs.setCurrentWidget(detail.attendance_tab)
    grid = detail.attendance_tab
    first_meeting = next(c for c in range(grid.model.columnCount()) if grid.model.meeting_at(c))
    grid.table.setCurrentIndex(grid.model.index(0, first_meeting))
    qtbot.keyClick(grid.table, Qt.Key.Key_P)
    detail.tabs.setCurrentIndex(0)
    status = detail.sessions_model.index(0, COL_SESSION_STATUS).data()
    assert status == "held"


def test_recording_a_payment_updates_the_fees_tab_and_then_the_hidden_fees_page(
    qtbot, demo_context, open_window, monkeypatch
):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    window = open_window(demo_context)
    window.show_page(PAGE_FEES)
    payments_before = window.fees_page.payments.rowCount()
    running = next(
        r for r in demo_context.call(courses.list_courses) if r.status is CourseStatus.RUNNING
    )
    choose_course(window, running.id)
    tab = window.courses_page.detail.fees_tab
    window.courses_page.detail.tabs.setCurrentWidget(tab)
    owing = next(r for r in range(tab.model.rowCount()) if tab.model.row_at(r).outstanding > 0)
    row = tab.model.row_at(owing)
    pay = PaymentDialog(demo_context, row, tab)
    qtbot.addWidget(pay)
    pay.amount_edit.setText("1.00")
    pay.save()
    assert pay.saved is not None, shown
    assert tab.model.row_at(owing).paid == row.paid + Decimal("1.00")
    assert window.fees_page.freshness.stale, "the hidden page waits until it is shown"
    assert window.fees_page.payments.rowCount() == payments_before
    window.show_page(PAGE_FEES)
    assert window.fees_page.payments.rowCount() == payments_before + 1


def test_enrolling_from_the_couples_page_updates_the_course_list_and_its_couples(
    qtbot, context, make, open_window
):
    course = make.course("HMV-IN", capacity=4)
    couple = make.couple("Öztürk")
    window = open_window(context)
    choose_course(window, course.row.id)
    assert window.courses_page.selected_row().enrolled == 0
    window.show_page(PAGE_COUPLES)
    window.couples_page.select_couple(couple.id)
    dialog = EnrollDialog(context, couple.id, window)
    qtbot.addWidget(dialog)
    dialog.course_combo.setCurrentIndex(dialog.course_combo.findData(course.row.id))
    dialog.save()
    window.show_page(PAGE_COURSES)
    assert window.courses_page.selected_row().enrolled == 1
    couples_tab = window.courses_page.detail.couples_model
    assert [couples_tab.row_at(r).names for r in range(couples_tab.rowCount())] == [
        "Öztürk, Anna & Visser, Bram"
    ]


def test_renaming_a_facilitator_shows_in_the_course_and_the_agenda_filter(
    qtbot, context, make, open_window
):
    course = make.course("HMV-FA", first_date=date.today() + timedelta(days=2))
    window = open_window(context)
    choose_course(window, course.row.id)
    lead = next(
        f for f in context.call(facilitators.list_facilitators) if f.given_name == "LeadHMV-FA"
    )
    window.show_page(PAGE_TEAM)
    dialog = FacilitatorDialog(context, lead, window)
    qtbot.addWidget(dialog)
    dialog.given_edit.setText("Marieke")
    dialog.save()
    window.show_page(PAGE_COURSES)
    facts = window.courses_page.detail._fact_labels["facilitators"][1].text()
    assert facts.startswith("Marieke van Dijk (lead)")
    window.show_page(PAGE_AGENDA)
    combo = window.agenda_page.facilitator_combo
    assert any("Marieke" in combo.itemText(i) for i in range(combo.count()))


def test_the_organisations_new_name_shows_in_the_window_title(qtbot, context, open_window):
    window = open_window(context)
    dialog = SettingsDialog(context, window)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Wijkteam Oost")
    dialog.save()
    assert window.windowTitle() == "holdmetight – Wijkteam Oost"


def test_cancelling_a_meeting_shows_in_the_agenda_and_the_course_list_dates(
    qtbot, context, make, open_window, monkeypatch
):
    course = make.course("HMV-AG", first_date=date.today() + timedelta(days=1))
    first = context.call(group_sessions.list_group_sessions, course_id=course.row.id)[0]
    window = open_window(context)
    window.show_page(PAGE_AGENDA)
    agenda = window.agenda_page
    assert agenda.model.row_at(0).status is GroupSessionStatus.SCHEDULED
    monkeypatch.setattr(course_actions, "ask_reason", lambda *args: "venue closed")
    course_actions.cancel_meeting(window, context, first)
    assert agenda.model.row_at(0).status is GroupSessionStatus.CANCELLED


def test_a_hidden_page_reads_its_data_again_only_when_it_is_shown(
    qtbot, context, make, open_window, monkeypatch
):
    make.couple("Bakker")
    window = open_window(context)
    window.show_page(PAGE_COUPLES)
    assert window.couples_page.model.rowCount() == 1
    window.show_page(PAGE_COURSES)
    reads: list[str] = []
    listing = couple_list.list_couples

    def read(*args, **kwargs):
        reads.append("list")
        return listing(*args, **kwargs)

    monkeypatch.setattr(couple_list, "list_couples", read)
    make.couple("Jansen")  # another office PC registers a couple
    window.refresh_action.trigger()  # F5
    context.call(enrollments.course_places, course_id=make.course("HMV-H").row.id)
    assert reads == [] and window.couples_page.freshness.stale
    window.show_page(PAGE_COUPLES)
    assert reads == ["list"] and window.couples_page.model.rowCount() == 2
    assert QKeySequence(QKeySequence.StandardKey.Refresh) == window.refresh_action.shortcut()


def test_couples_imported_in_the_background_appear_on_the_couples_page(
    qtbot, context, tmp_path, open_window
):
    from holdmetight.ui.dialogs.import_couples import ImportCouplesDialog
    from tests.ui.conftest import wait_for_jobs

    source = tmp_path / "aanmeldingen.csv"
    source.write_text(
        "partner1_voornaam;partner1_achternaam;partner2_voornaam;partner2_achternaam\r\n"
        "Fatima;El Amrani;Youssef;El Amrani\r\nEls;Bakker;Jan;Bakker\r\n",
        encoding="utf-8",
    )
    window = open_window(context)
    window.show_page(PAGE_COUPLES)
    assert window.couples_page.model.rowCount() == 0
    dialog = ImportCouplesDialog(context, source, window)
    qtbot.addWidget(dialog)
    wait_for_jobs(qtbot)
    dialog.import_button.click()
    wait_for_jobs(qtbot)
    assert window.couples_page.model.rowCount() == 2
    assert window.couples_page.count_label.text() == "2 couples"


def test_reading_again_keeps_the_chosen_row(qtbot, demo_context, open_window):
    window = open_window(demo_context)
    window.show_page(PAGE_COUPLES)
    page = window.couples_page
    page.table.selectRow(5)
    chosen = page.selected_id()
    window.refresh_action.trigger()
    assert page.selected_id() == chosen and page.edit_button.isEnabled()
    window.show_page(PAGE_FEES)
    fees = window.fees_page
    fees.payments_table.selectRow(2)
    payment = fees.selected_payment()
    window.refresh_action.trigger()
    assert fees.selected_payment() == payment and fees.receipt_button.isEnabled()


def test_a_new_completion_rule_shows_in_the_facts_and_the_grid_at_once(
    qtbot, demo_context, open_window
):
    from holdmetight.ui.dialogs.completion_rule import CompletionRuleDialog

    running = next(
        r for r in demo_context.call(courses.list_courses) if r.status is CourseStatus.RUNNING
    )
    window = open_window(demo_context)
    choose_course(window, running.id)
    detail = window.courses_page.detail
    detail.tabs.setCurrentWidget(detail.attendance_tab)
    grid = detail.attendance_tab.model
    assert grid.index(0, grid.completion_column()).data().endswith("/6)")
    dialog = CompletionRuleDialog(demo_context, detail.info, window)
    qtbot.addWidget(dialog)
    dialog.steps_spin.setValue(4)
    dialog.both_check.setChecked(False)
    dialog.save()
    assert grid.index(0, grid.completion_column()).data().endswith("/4)")
    facts = detail._fact_labels["completion"][1].text()
    assert facts == "attended at least 4 of 8 steps, at least one partner"
