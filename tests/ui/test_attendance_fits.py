"""The attendance of a full group on a laptop screen: every partner in view, the meetings
across the width (issue 14, item 7)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QSplitter, QWidget

from holdmetight.services import enrollments
from holdmetight.ui.main_window import MainWindow
from holdmetight.ui.views.attendance_tab import AttendanceTab

# A 1366x768 laptop with the taskbar at the bottom: what a maximised window has.
LAPTOP = (1366, 728)
FAMILIES = [
    ("Berg-Hoogendoorn", "van den"),
    ("El Amrani", ""),
    ("Vries", "de"),
    ("Jansen", ""),
    ("Bouzid", ""),
    ("Leeuwen", "van"),
    ("Bakker", ""),
    ("Visser", ""),
    ("Smit", ""),
    ("Meijer", ""),
    ("Yılmaz", ""),
    ("Mulder", ""),
]


@pytest.fixture
def full_group(make) -> int:
    """A weekly course of twelve couples, half way: 24 partners, eight meetings."""
    course = make.course("HMV-VOL", capacity=12, first_date=date.today() - timedelta(weeks=4))
    for family, prefix in FAMILIES:
        couple = make.couple(family, prefix=prefix)
        enrollments.enroll(make.session, couple_id=couple.id, course_id=course.row.id)
    return course.row.id


def open_attendance(qtbot, context, settings, course_id, size=LAPTOP) -> MainWindow:
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.open_course(course_id)
    detail = window.courses_page.detail
    detail.tabs.setCurrentWidget(detail.attendance_tab)
    qtbot.wait(10)  # let the layout settle
    return window


def rows_out_of_view(tab: AttendanceTab) -> list[str]:
    table, model = tab.table, tab.model
    view = table.viewport().rect()
    return [
        model.index(row, 0).data()
        for row in range(model.rowCount())
        if not view.contains(table.visualRect(model.index(row, 0)))
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_partner_of_twelve_couples_is_in_view_on_a_laptop(
    qtbot, context, window_settings, full_group, language
):
    window = open_attendance(qtbot, context, window_settings, full_group)
    window.apply_language(language)
    qtbot.wait(10)
    tab = window.courses_page.detail.attendance_tab
    assert tab.model.rowCount() == 24
    assert rows_out_of_view(tab) == []
    assert not tab.table.verticalScrollBar().isVisible()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_meetings_share_the_width_and_every_column_is_in_view(
    qtbot, context, window_settings, full_group, language
):
    window = open_attendance(qtbot, context, window_settings, full_group)
    window.apply_language(language)
    qtbot.wait(10)
    table, model = (tab := window.courses_page.detail.attendance_tab).table, tab.model
    widths = [table.columnWidth(c) for c in range(model.columnCount())]
    assert sum(widths) == table.viewport().width(), "no empty room at the right"
    assert not table.horizontalScrollBar().isVisible()
    meetings = widths[1:-1]
    assert len(meetings) == 8 and max(meetings) - min(meetings) <= 1, "shared evenly"
    header = table.horizontalHeader()
    for column in range(1, model.columnCount() - 1):
        date_line = model.headerData(column, Qt.Orientation.Horizontal).split("\n")[1]
        assert header.fontMetrics().horizontalAdvance(date_line) < widths[column]


def test_on_a_shorter_screen_the_list_folds_away_while_attendance_is_recorded(
    qtbot, context, window_settings, full_group
):
    window = open_attendance(qtbot, context, window_settings, full_group, size=(1366, 620))
    page = window.courses_page
    tab = page.detail.attendance_tab
    assert page.splitter.sizes()[0] == 0
    assert rows_out_of_view(tab) == []
    assert not page.detail.facts.isVisible(), "the course's facts step aside too"
    page.detail.tabs.setCurrentIndex(0)
    qtbot.wait(10)
    assert page.splitter.sizes()[0] > 100, "the list is back with the group sessions"
    assert page.detail.facts.isVisible()
    assert page.table.visualRect(page.table.currentIndex()).isValid(), "the course in view"


def test_sizes_the_user_chose_come_back_and_automatic_ones_are_worked_out_again(
    qtbot, context, window_settings, full_group, tmp_path
):
    window = open_attendance(qtbot, context, window_settings, full_group)
    window.save_state()
    assert not window_settings.value("main_window/courses_splitter")
    page = window.courses_page
    handle = page.splitter.handle(1)
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start + QPoint(0, 150))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 150))
    chosen = page.splitter.sizes()
    assert not page.splitter.automatic
    window.save_state()
    again = open_attendance(qtbot, context, window_settings, full_group)
    assert again.courses_page.splitter.sizes() == chosen

    # Sizes saved by an earlier version, before the page sized itself: worked out anew.
    earlier = QSplitter(Qt.Orientation.Vertical)
    earlier.addWidget(QWidget())
    earlier.addWidget(QWidget())
    earlier.setSizes([144, 503])
    older = QSettings(str(tmp_path / "older.ini"), QSettings.Format.IniFormat)
    older.setValue("main_window/courses_splitter", earlier.saveState())
    fresh = open_attendance(qtbot, context, older, full_group)
    assert fresh.courses_page.splitter.automatic
    assert rows_out_of_view(fresh.courses_page.detail.attendance_tab) == []
