"""The home page: first in the navigation, what needs doing, each line a click from its place."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QProxyStyle, QStyle

from holdmetight.db.roles import Role
from holdmetight.services import demo
from holdmetight.ui.context import AppContext
from holdmetight.ui.main_window import PAGE_COURSES, PAGE_TODAY, MainWindow
from holdmetight.ui.views.course_detail import CourseTab
from holdmetight.ui.views.today_page import TARGET_ROLE, Target


@pytest.fixture
def today_context(database) -> AppContext:
    """The demo made today, so that its running course, offers and fees are current."""
    with database.session() as session:
        demo.create_demo_data(session, today=date.today())
    return AppContext(database)


def open_window(qtbot, context, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / "new-user.ini"), QSettings.Format.IniFormat)
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.today_page.ready, timeout=20_000)
    return window


def click_line(qtbot, section, row: int = 0) -> Target:
    item = section.list.item(row)
    target = item.data(TARGET_ROLE)
    rect = section.list.visualItemRect(item)
    qtbot.mouseClick(section.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return target


def test_a_new_users_window_opens_on_today(qtbot, today_context, tmp_path):
    window = open_window(qtbot, today_context, tmp_path)
    assert window.navigation.item(0).text() == "Today"
    assert window.pages.currentIndex() == PAGE_TODAY
    page = window.today_page
    assert page.overview is not None
    assert page.title.text().startswith("<h2>Today, ")
    counts = {key: section.list.count() for key, section in page.sections.items()}
    assert all(counts.values()), counts
    for key in ("meetings", "at_risk", "offers", "fees", "follow_ups"):
        section = page.sections[key]
        assert isinstance(section.list.item(0).data(TARGET_ROLE), Target), key
        assert section.title().endswith(f"({section.list.count()})"), section.title()
        assert section.list.accessibleName()


@pytest.mark.parametrize(
    ("key", "tab"),
    [
        ("meetings", CourseTab.SESSIONS),
        ("at_risk", CourseTab.ATTENDANCE),
        ("offers", CourseTab.WAITING_LIST),
        ("fees", CourseTab.FEES),
        ("follow_ups", CourseTab.OUTCOMES),
    ],
)
def test_a_click_opens_the_course_where_it_is_handled(qtbot, today_context, tmp_path, key, tab):
    window = open_window(qtbot, today_context, tmp_path)
    target = click_line(qtbot, window.today_page.sections[key])
    assert window.pages.currentIndex() == PAGE_COURSES
    detail = window.courses_page.detail
    assert detail.course_id == target.course_id
    assert detail.tabs.currentIndex() == tab
    if target.meeting_id is not None:
        assert detail.selected_meeting() is not None
        assert detail.selected_meeting().id == target.meeting_id


def test_enter_on_a_line_opens_it_too(qtbot, today_context, tmp_path):
    window = open_window(qtbot, today_context, tmp_path)
    section = window.today_page.sections["at_risk"]
    section.list.setFocus()
    section.list.setCurrentRow(0)
    qtbot.keyClick(section.list, Qt.Key.Key_Return)
    assert window.pages.currentIndex() == PAGE_COURSES
    assert window.courses_page.detail.tabs.currentIndex() == CourseTab.ATTENDANCE


def test_a_facilitator_sees_no_fees_on_the_home_page(qtbot, today_context, tmp_path):
    today_context.database.role = Role.FACILITATOR
    window = open_window(qtbot, today_context, tmp_path)
    page = window.today_page
    assert page.overview is not None and page.overview.fees is None
    assert page.sections["fees"].isHidden()
    assert page.sections["at_risk"].isVisible()


def test_the_page_reads_again_when_the_work_is_done(qtbot, today_context, tmp_path):
    """Recording the missing marks elsewhere takes the meeting off the list at once."""
    from holdmetight.domain.enums import AttendanceStatus
    from holdmetight.services import attendance

    window = open_window(qtbot, today_context, tmp_path)
    page = window.today_page
    overview = page.overview
    assert overview is not None and overview.at_risk
    risk = overview.at_risk[0]
    grid = today_context.call(attendance.attendance_grid, course_id=risk.course_id)
    couple = next(c for c in grid.couples if c.couple_id == risk.couple_id)
    later = [m for m in grid.meetings if m.started and grid.mark(couple.enrollment_id, m.id)[0]]
    present = (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT)
    for meeting in later:  # every missed step turned into attended
        today_context.call(
            attendance.set_marks,
            group_session_id=meeting.id,
            version=meeting.version,
            marks=[(couple.enrollment_id, present)],
        )
    qtbot.waitUntil(lambda: page.overview is not overview and page.ready, timeout=20_000)
    assert all(r.couple_id != risk.couple_id for r in page.overview.at_risk)


def test_the_page_speaks_the_language_chosen(qtbot, today_context, tmp_path):
    window = open_window(qtbot, today_context, tmp_path)
    window.apply_language("nl")
    qtbot.waitUntil(lambda: window.today_page.ready, timeout=20_000)
    page = window.today_page
    assert window.navigation.item(PAGE_TODAY).text() == "Vandaag"
    assert page.title.text().startswith("<h2>Vandaag, ")
    assert page.sections["at_risk"].title().startswith("Stellen met risico")


class SingleClickStyle(QProxyStyle):
    """A desktop (KDE's default) where one click activates an item."""

    def styleHint(self, hint, option=None, widget=None, data=None):
        if hint == QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick:
            return 1
        return super().styleHint(hint, option, widget, data)


@pytest.mark.parametrize("single_click", [False, True])
def test_one_click_opens_a_line_once(qtbot, today_context, tmp_path, single_click):
    window = open_window(qtbot, today_context, tmp_path)
    section = window.today_page.sections["at_risk"]
    if single_click:
        style = SingleClickStyle()
        section.list.setStyle(style)
    opened = []
    window.today_page.open_course.connect(lambda *target: opened.append(target))
    click_line(qtbot, section)
    assert len(opened) == 1


def test_a_read_that_breaks_unexpectedly_does_not_leave_the_page_reading(
    qtbot, today_context, tmp_path, monkeypatch
):
    from holdmetight.services import today

    window = open_window(qtbot, today_context, tmp_path)
    page = window.today_page
    monkeypatch.setattr(today, "today_overview", lambda *_a, **_k: 1 / 0)
    monkeypatch.setattr("sys.excepthook", lambda *_args: None)  # reported as any program error
    page.reload()
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    assert "could not be read" in page.status.text()
    monkeypatch.undo()
    before = page.overview
    page.reload()  # and the next read works again
    qtbot.waitUntil(lambda: page.ready and page.overview is not before, timeout=10_000)


def test_the_page_reads_again_as_time_passes(qtbot, today_context, tmp_path):
    """A meeting begins, a day turns: nothing changed in the data, the page reads anyway."""
    window = open_window(qtbot, today_context, tmp_path)
    page = window.today_page
    assert page._clock.isActive() and page._clock.interval() == 10 * 60 * 1000
    before = page.overview
    page._clock.timeout.emit()
    qtbot.waitUntil(lambda: page.ready and page.overview is not before, timeout=10_000)
    window.show_page(PAGE_COURSES)
    seen = page.overview
    page._clock.timeout.emit()  # while hidden: read when shown again
    window.show_page(PAGE_TODAY)
    qtbot.waitUntil(lambda: page.ready and page.overview is not seen, timeout=10_000)


def test_an_anonymised_couple_is_named_as_such(qtbot, today_context, tmp_path):
    from holdmetight.ui.views.today_page import _at_risk

    window = open_window(qtbot, today_context, tmp_path)
    found = window.today_page.overview
    risk = found.at_risk[0]
    nameless = dataclasses.replace(found, at_risk=(dataclasses.replace(risk, names=""),))
    ((text, _target),) = _at_risk(nameless)
    assert "(names removed)" in text


def test_attendance_to_record_puts_the_cursor_on_the_meeting(qtbot, today_context, tmp_path):
    window = open_window(qtbot, today_context, tmp_path)
    risk = window.today_page.overview.at_risk[0]
    window.show_page(PAGE_COURSES)
    grid = window.courses_page.detail.attendance_tab
    window.open_course(risk.course_id, CourseTab.ATTENDANCE)
    last = grid.model.meetings[-1]
    window.open_course(risk.course_id, CourseTab.ATTENDANCE, last.id)
    current = grid.table.currentIndex()
    assert current.isValid() and grid.model.meeting_at(current.column()) == last
