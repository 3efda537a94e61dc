"""One short and one long form of a date per language, everywhere a user reads one; no empty
cell where "no" or a dash is meant (issue 14, item 6)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTabWidget, QWidget

from holdmetight.i18n import long_date, short_date
from holdmetight.ui.main_window import PAGE_COURSES, PAGES, MainWindow
from holdmetight.ui.models.attendance_grid import AttendanceGridModel
from holdmetight.ui.models.row_table import RowTableModel
from tests.date_forms import dates_in, stray_dates
from tests.ui.conftest import wait_for_jobs

HORIZONTAL = Qt.Orientation.Horizontal
DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
# Columns that speak only for some rows: a refund still due, a payment's own reference.
SPEAK_FOR_SOME = {"To pay back", "Reference"}


@pytest.mark.parametrize(
    ("language", "short", "long"),
    [
        ("nl", "22 okt 2026", "donderdag 22 oktober 2026"),
        ("en", "22 Oct 2026", "Thursday 22 October 2026"),
    ],
)
def test_the_two_forms_of_a_date(language, short, long):
    day = date(2026, 10, 22)
    assert short_date(day, language=language) == short
    assert long_date(day, language=language) == long


def model_texts(model: QAbstractItemModel) -> Iterator[str]:
    """Every header, cell and tooltip a table (or list) shows."""
    # A list's model (QListWidget's) has one column and keeps columnCount() to itself.
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
    for column in range(columns):
        for role in (DISPLAY, TOOLTIP):
            text = model.headerData(column, HORIZONTAL, role)
            if text:
                yield str(text)
    for row in range(model.rowCount()):
        for column in range(columns):
            for role in (DISPLAY, TOOLTIP):
                text = model.index(row, column).data(role)
                if text:
                    yield str(text)


def widget_texts(page: QWidget) -> Iterator[str]:
    """What the page shows: its labels, its tabs, its tables."""
    for label in page.findChildren(QLabel):
        if label.isVisibleTo(page) and label.text():
            yield re.sub(r"<[^>]+>", "", label.text())
    for tabs in page.findChildren(QTabWidget):
        yield from (tabs.tabText(i) for i in range(tabs.count()))
    for view in page.findChildren(QAbstractItemView):
        if view.isVisibleTo(page) and view.model() is not None:
            yield from model_texts(view.model())


def everything_shown(qtbot, window: MainWindow) -> list[str]:
    """Every page in turn, and on the Courses page every course with every tab."""
    texts: list[str] = []
    for index in PAGES:
        window.show_page(index)
        wait_for_jobs(qtbot)
        texts += widget_texts(window.page(index))
    window.show_page(PAGE_COURSES)  # a hidden tab shows (and reads) nothing
    courses = window.courses_page
    for row in range(courses.model.rowCount()):
        courses.table.selectRow(row)
        for tab in range(courses.detail.tabs.count()):
            courses.detail.tabs.setCurrentIndex(tab)
            wait_for_jobs(qtbot)
            texts += widget_texts(courses)
    return texts


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_date_on_every_page_is_in_the_short_or_the_long_form(
    qtbot, demo_context, window_settings, language
):
    window = MainWindow(demo_context, window_settings)
    qtbot.addWidget(window)
    window.apply_language(language)
    window.show()
    texts = everything_shown(qtbot, window)
    assert dates_in(texts) > 100, "the demo's courses, meetings and payments show dates"
    assert stray_dates(texts, language) == []


def tables_shown(qtbot, window: MainWindow) -> Iterator[QAbstractItemModel]:
    for index in PAGES:
        window.show_page(index)
        wait_for_jobs(qtbot)
        for view in window.page(index).findChildren(QAbstractItemView):
            if isinstance(view.model(), RowTableModel | AttendanceGridModel):
                yield view.model()
            elif view.model() is not None and hasattr(view.model(), "sourceModel"):
                yield view.model().sourceModel()


def empty_cells(model: QAbstractItemModel) -> list[str]:
    """The cells left empty, by column title, apart from the columns that speak for some rows
    and from attendance not recorded yet (a box to be filled in, as on the sign-in sheet)."""
    found = []
    for column in range(model.columnCount()):
        title = str(model.headerData(column, HORIZONTAL, DISPLAY))
        if title in SPEAK_FOR_SOME:
            continue
        for row in range(model.rowCount()):
            if isinstance(model, AttendanceGridModel) and (
                model.meeting_at(column) is not None
                or (column == model.completion_column() and row % 2)
            ):
                continue
            if not model.index(row, column).data(DISPLAY):
                found.append(f"{type(model).__name__}: {title!r}, row {row}")
    return found


def test_no_list_leaves_a_cell_empty_where_no_or_a_dash_is_meant(
    qtbot, demo_context, window_settings
):
    window = MainWindow(demo_context, window_settings)
    qtbot.addWidget(window)
    window.show()
    courses = window.courses_page
    empty: list[str] = []
    seen = 0
    for model in tables_shown(qtbot, window):
        empty += empty_cells(model)
        seen += model.rowCount()
    window.show_page(PAGE_COURSES)
    for row in range(courses.model.rowCount()):  # each course's own lists too
        courses.table.selectRow(row)
        for tab in range(courses.detail.tabs.count()):
            courses.detail.tabs.setCurrentIndex(tab)
            wait_for_jobs(qtbot)
            for view in courses.detail.tabs.currentWidget().findChildren(QAbstractItemView):
                model = view.model()
                if hasattr(model, "sourceModel"):
                    model = model.sourceModel()
                if isinstance(model, RowTableModel | AttendanceGridModel):
                    empty += empty_cells(model)
                    seen += model.rowCount()
    assert seen > 100
    assert empty == []
