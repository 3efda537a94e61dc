"""Planning from the window: a new course, moving a meeting, the agenda, the lifecycle menu."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from holdmetight.domain.enums import CourseStatus
from holdmetight.services import courses, demo, group_sessions, programs
from holdmetight.ui.context import AppContext
from holdmetight.ui.dialogs.meeting import MeetingDialog
from holdmetight.ui.dialogs.new_course import COL_DATE, NewCourseDialog
from holdmetight.ui.dialogs.program_editor import (
    COL_CODE,
    COL_TITLE_EN,
    COL_TITLE_NL,
    ProgramEditor,
)
from holdmetight.ui.main_window import PAGE_AGENDA, PAGE_COURSES, MainWindow


@pytest.fixture
def staffed(context, make):
    make.venue("Wijkcentrum De Brug")
    lead = make.facilitator("Marloes", "Dijk", "van")
    co = make.facilitator("Ahmed", "Benali", "")
    return context, lead, co


def fill_new_course(qtbot, context, lead, co) -> NewCourseDialog:
    dialog = NewCourseDialog(context)
    qtbot.addWidget(dialog)
    dialog.first_date_edit.setDate(QDate(2027, 3, 9))
    dialog.lead_combo.setCurrentIndex(dialog.lead_combo.findData(lead.id))
    dialog.co_combo.setCurrentIndex(dialog.co_combo.findData(co.id))
    dialog.venue_combo.setCurrentIndex(1)
    return dialog


def test_new_course_dialog_proposes_dates_and_saves_the_edited_ones(qtbot, staffed):
    context, lead, co = staffed
    dialog = fill_new_course(qtbot, context, lead, co)
    assert dialog.code_edit.text() == "HMV-27-03A"
    assert dialog.title_edit.text() == "Hold Me Tight (weekly)"
    assert dialog.meetings_table.rowCount() == 8
    proposed = [m.date for m in dialog.meetings()]
    assert date(2027, 4, 27) not in proposed, "King's Day is skipped"
    dialog.meetings_table.cellWidget(2, COL_DATE).setDate(QDate(2027, 3, 24))
    assert dialog.warnings.isHidden() and dialog.warnings.warnings == []
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.created is not None and dialog.result() == dialog.DialogCode.Accepted
    saved = context.call(group_sessions.list_group_sessions, course_id=dialog.created.row.id)
    assert [s.date for s in saved][2] == date(2027, 3, 24)
    assert {s.start_time for s in saved} == {time(19, 30)}


def test_excluded_date_moves_the_rest_of_the_schedule(qtbot, staffed):
    context, lead, co = staffed
    dialog = fill_new_course(qtbot, context, lead, co)
    dialog.exclude_edit.setDate(QDate(2027, 3, 16))
    qtbot.mouseClick(dialog.exclude_button, Qt.MouseButton.LeftButton)
    dates = [m.date for m in dialog.meetings()]
    assert date(2027, 3, 16) not in dates and dates[1] == date(2027, 3, 23)


def test_double_booked_facilitator_is_shown_before_saving(qtbot, staffed, monkeypatch):
    context, lead, co = staffed
    first = fill_new_course(qtbot, context, lead, co)
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    second = fill_new_course(qtbot, context, lead, co)
    assert second.code_edit.text() == "HMV-27-03B"
    assert not second.warnings.isHidden()
    assert "Marloes van Dijk already leads course HMV-27-03A" in second.warnings.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(second.save_button, Qt.MouseButton.LeftButton)
    assert second.created is None
    assert len(context.call(courses.list_courses)) == 1


def test_moving_a_meeting_from_its_dialog(qtbot, staffed, monkeypatch):
    context, lead, co = staffed
    creator = fill_new_course(qtbot, context, lead, co)
    qtbot.mouseClick(creator.save_button, Qt.MouseButton.LeftButton)
    course_id = creator.created.row.id
    third = context.call(group_sessions.list_group_sessions, course_id=course_id)[2]
    dialog = MeetingDialog(context, course_id, third)
    qtbot.addWidget(dialog)
    dialog.date_edit.setDate(QDate(2027, 3, 10))
    assert "step 3 comes before an earlier step" in dialog.warnings.text()
    dialog.date_edit.setDate(QDate(2027, 3, 24))
    assert dialog.warnings.isHidden() and dialog.warnings.warnings == []
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    moved = context.call(group_sessions.list_group_sessions, course_id=course_id)[2]
    assert moved.id == third.id and moved.date == date(2027, 3, 24)


def test_agenda_double_click_opens_the_course(qtbot, database, window_settings):
    with database.session() as session:
        demo.create_demo_data(session, today=date.today())
    context = AppContext(database)
    window = MainWindow(context, window_settings)
    qtbot.addWidget(window)
    window.show()
    window.show_page(PAGE_AGENDA)
    page = window.agenda_page
    assert page.period_combo.currentData() == "next_4_weeks"
    assert page.model.rowCount() >= 3, "the running course meets in the coming weeks"
    item = page.model.row_at(0)
    page.table.doubleClicked.emit(page.model.index(0, 0))
    assert window.pages.currentIndex() == PAGE_COURSES
    assert window.courses_page.detail.course_id == item.course_id


def test_status_menu_offers_only_sensible_steps(qtbot, demo_context, window_settings):
    window = MainWindow(demo_context, window_settings)
    qtbot.addWidget(window)
    window.show()
    page = window.courses_page
    rows = [page.table.model().index(r, 0).data() for r in range(page.table.model().rowCount())]
    page.table.selectRow(next(r for r, code in enumerate(rows) if code.endswith("C")))
    offered = {a.text(): a for a in page.status_menu.actions()}
    assert set(offered) == {"Back to planned", "Start the course", "Cancel the course…"}
    offered["Start the course"].trigger()
    assert page.selected_row().status is CourseStatus.RUNNING
    assert {a.text() for a in page.status_menu.actions()} == {
        "Mark as completed",
        "Cancel the course…",
    }


def test_programme_editor_adds_an_organisations_own_programme(qtbot, context, session):
    editor = ProgramEditor(context)
    qtbot.addWidget(editor)
    editor.code_edit.setText("SAMEN")
    editor.name_nl_edit.setText("Samen sterker")
    editor.name_en_edit.setText("Stronger together")
    for code, nl, en in (
        ("KENNIS", "Kennismaking", "Introduction"),
        ("SLOT", "Afsluiting", "Closing"),
    ):
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        row = editor.steps_table.rowCount() - 1
        editor.steps_table.item(row, COL_CODE).setText(code)
        editor.steps_table.item(row, COL_TITLE_NL).setText(nl)
        editor.steps_table.item(row, COL_TITLE_EN).setText(en)
    editor.steps_table.setCurrentCell(1, COL_CODE)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    editor.save()
    saved = programs.get_program(session, code="SAMEN")
    assert [s.code for s in saved.steps] == ["SLOT", "KENNIS"]
    assert saved.total_minutes == 240
