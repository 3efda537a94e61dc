"""The waiting list on a course's page and a couple's history, driven as the office would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog

from holdmetight.domain.enums import CourseStatus, EnrollmentStatus
from holdmetight.i18n import set_language
from holdmetight.services import courses, enrollments
from holdmetight.ui.dialogs.couple_history import CoupleHistoryDialog
from holdmetight.ui.dialogs.waiting_forms import DeclineDialog
from holdmetight.ui.views.course_detail import CourseDetailView


def open_course(qtbot, context) -> CourseDetailView:
    opened = next(r for r in context.call(courses.list_courses) if r.status is CourseStatus.OPEN)
    view = CourseDetailView(context)
    qtbot.addWidget(view)
    view.show()
    view.show_course(opened.id)
    view.tabs.setCurrentWidget(view.waiting_tab)
    return view


def choose(tab, row: int) -> None:
    tab.table.selectRow(row)


def test_the_waiting_list_shows_the_line_with_the_open_offer_in_dutch(qtbot, demo_context):
    set_language("nl")
    view = open_course(qtbot, demo_context)
    view.retranslate()
    tab = view.waiting_tab
    assert view.tabs.tabText(2) == "Wachtlijst (3)"
    first = tab.model.index(0, 4).data()
    assert first.startswith("plaats aangeboden: reageren vóór ")
    assert [tab.model.index(r, 0).data() for r in range(3)] == ["1", "2", "3"]
    assert [tab.model.index(r, 4).data() for r in (1, 2)] == ["wachtend", "wachtend"]
    choose(tab, 1)
    assert not tab.accept_button.isEnabled() and tab.pass_button.isEnabled()
    choose(tab, 0)
    assert tab.accept_button.isEnabled() and tab.decline_button.isEnabled()


def test_accepting_the_offer_moves_the_couple_to_the_group(qtbot, demo_context):
    view = open_course(qtbot, demo_context)
    tab = view.waiting_tab
    choose(tab, 0)
    accepted = tab.selected()
    qtbot.mouseClick(tab.accept_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 2
    listed = demo_context.call(enrollments.list_enrollments, course_id=view.course_id)
    assert next(e for e in listed if e.id == accepted.enrollment_id).status is (
        EnrollmentStatus.ENROLLED
    )
    assert view.tabs.tabText(2) == "Waiting list (2)"
    assert "6/6" in view._fact_labels["places"][1].text()


def test_declining_offers_the_place_to_the_next_couple(qtbot, demo_context, monkeypatch):
    view = open_course(qtbot, demo_context)
    tab = view.waiting_tab
    second = tab.model.row_at(1)
    monkeypatch.setattr(DeclineDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    choose(tab, 0)
    qtbot.mouseClick(tab.decline_button, Qt.MouseButton.LeftButton)
    assert tab.model.row_at(0).enrollment_id == second.enrollment_id
    assert tab.model.row_at(0).offer is not None


def test_passing_over_asks_the_reason_and_the_history_shows_it(qtbot, demo_context, monkeypatch):
    view = open_course(qtbot, demo_context)
    tab = view.waiting_tab
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *args, **kwargs: ("Kent een stel in de groep", True)
    )
    choose(tab, 1)
    passed = tab.selected()
    qtbot.mouseClick(tab.pass_button, Qt.MouseButton.LeftButton)
    row = next(r for r in range(tab.model.rowCount()) if tab.model.row_at(r).passed_over)
    assert tab.model.index(row, 4).data() == "passed over: Kent een stel in de groep"
    history = CoupleHistoryDialog(demo_context, passed.couple_id)
    qtbot.addWidget(history)
    texts = [history.model.index(r, 2).data() for r in range(history.model.rowCount())]
    assert texts[0] == "applied; today: waiting list"
    assert "intake: orange, suitable" in texts
    assert "passed over: Kent een stel in de groep" in texts
