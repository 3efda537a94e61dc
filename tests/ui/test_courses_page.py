"""The Courses page on a long history: the list is read once when the window opens, a page at a
time, sorted by the database when a header is clicked, and the course the coordinator chose
stays chosen whatever is read again."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSortFilterProxyModel, Qt

from holdmetight.services import course_list, enrollments
from holdmetight.ui.main_window import PAGE_COURSES, MainWindow
from holdmetight.ui.models import paged_table
from holdmetight.ui.models.course_table import COL_CODE, COL_ENROLLED, COL_TITLE
from holdmetight.ui.views.courses_page import CoursesPage
from tests.ui.models.conftest import column_texts

NEWEST_FIRST = ["HMV-27-03C", "HMV-27-01W", "HMV-26-10B", "HMV-26-08A"]


@pytest.fixture
def open_window(qtbot, window_settings):
    def opening(context) -> MainWindow:
        window = MainWindow(context, window_settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return opening


@pytest.fixture
def pages_of_two(monkeypatch):
    monkeypatch.setattr(paged_table, "PAGE_SIZE", 2)


@pytest.fixture
def reads(monkeypatch) -> list[dict[str, Any]]:
    """Every read of a page of the course list, with what was asked."""
    asked: list[dict[str, Any]] = []
    original = course_list.list_courses

    def listing(session, /, **kwargs):
        asked.append(kwargs)
        return original(session, **kwargs)

    monkeypatch.setattr(course_list, "list_courses", listing)
    return asked


def codes(page: CoursesPage) -> list[str]:
    return column_texts(page.model, COL_CODE)


def chosen_code(page: CoursesPage) -> str | None:
    rows = page.table.selectionModel().selectedRows()
    return rows[0].data() if rows else None


def test_the_window_reads_the_course_list_once_when_it_opens(demo_context, open_window, reads):
    window = open_window(demo_context)
    page = window.courses_page
    assert len(reads) == 1
    assert codes(page) == NEWEST_FIRST
    assert chosen_code(page) == "HMV-27-03C"
    assert page.detail.heading.text() == "Houd me vast – dinsdagavond"


def test_a_click_on_a_header_has_the_database_sort_the_list(
    qtbot, demo_context, open_window, reads
):
    window = open_window(demo_context)
    page = window.courses_page
    assert not isinstance(page.table.model(), QSortFilterProxyModel)
    header = page.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(COL_ENROLLED) + 5, header.height() // 2),
    )
    assert reads[-1]["order"] is course_list.CourseOrder.ENROLLED
    assert column_texts(page.model, COL_ENROLLED)[0] == "3/10"
    assert chosen_code(page) == "HMV-27-03C", "the chosen course stays chosen"
    page.table.sortByColumn(COL_TITLE, Qt.SortOrder.DescendingOrder)
    assert (reads[-1]["order"], reads[-1]["descending"]) == (course_list.CourseOrder.TITLE, True)
    assert codes(page)[-1] == "HMV-27-01W", "Hold Me Tight – weekend comes last"


def test_enrolling_updates_the_places_and_keeps_the_course_chosen(demo_context, open_window, make):
    window = open_window(demo_context)
    page = window.courses_page
    page.select_course(page.model.row_at(1).id)
    assert page.selected_row().enrolled == 3
    couple = make.couple("Öztürk")
    demo_context.call(enrollments.enroll, couple_id=couple.id, course_id=page.model.row_at(1).id)
    assert chosen_code(page) == "HMV-27-01W"
    assert page.selected_row().enrolled == 4
    assert page.model.index(1, COL_ENROLLED).data() == "4/10"


def test_the_list_is_read_a_page_at_a_time_and_a_refresh_keeps_what_was_read(
    demo_context, open_window, reads, pages_of_two
):
    window = open_window(demo_context)
    page = window.courses_page
    assert (codes(page), page.model.total) == (NEWEST_FIRST[:2], 4)
    page.model.fetchMore()
    assert codes(page) == NEWEST_FIRST
    demo_context.reload_everything()
    assert (reads[-1]["offset"], reads[-1]["limit"]) == (0, 4)
    assert codes(page) == NEWEST_FIRST


def test_opening_a_course_further_down_reads_the_list_up_to_it(
    demo_context, open_window, reads, pages_of_two
):
    window = open_window(demo_context)
    page = window.courses_page
    oldest = demo_context.call(course_list.list_courses, offset=3, limit=1)[0]
    window.open_course(oldest.id)
    assert window.pages.currentIndex() == PAGE_COURSES
    assert chosen_code(page) == "HMV-26-08A"
    assert (reads[-1]["offset"], reads[-1]["limit"]) == (2, 2)
    assert page.detail.course_id == oldest.id


def test_a_course_chosen_further_down_than_the_new_order_was_read_stays_in_the_detail(
    demo_context, open_window, pages_of_two
):
    window = open_window(demo_context)
    page = window.courses_page
    running = demo_context.call(course_list.list_courses, offset=2, limit=1)[0]
    page.select_course(running.id)
    page.table.sortByColumn(COL_CODE, Qt.SortOrder.DescendingOrder)
    assert codes(page) == ["HMV-27-03C", "HMV-27-01W"]
    assert chosen_code(page) is None
    assert page.detail.course_id == running.id
    assert page.selected_row().code == "HMV-26-10B"
    assert page.handouts_button.isEnabled()
    scrolled = page.table.verticalScrollBar().value()
    page.model.fetchMore()
    assert chosen_code(page) == "HMV-26-10B", "chosen again when scrolling reads it"
    assert page.table.verticalScrollBar().value() == scrolled


def test_the_list_speaks_dutch_after_the_switch(demo_context, open_window):
    window = open_window(demo_context)
    window.apply_language("nl")
    page = window.courses_page
    assert page.model.headerData(COL_ENROLLED, Qt.Orientation.Horizontal) == "Ingeschreven"
    assert page.model.index(0, COL_ENROLLED).data() == "5/6 (+3 wachtend, 1 plaats aangeboden)"
    assert page.model.index(0, 2).data() == "9 mrt 2027 – 4 mei 2027"
