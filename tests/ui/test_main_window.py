"""The main window driven as a facilitator would: browse courses, find couples, come back later."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence

from holdmetight.db.roles import Role
from holdmetight.domain.enums import EnrollmentStatus
from holdmetight.i18n import set_language
from holdmetight.services import couples
from holdmetight.ui.main_window import PAGE_COUPLES, PAGE_COURSES, PAGE_FEES, PAGE_TODAY, MainWindow
from holdmetight.ui.models.couple_table import PAGE_ROWS
from holdmetight.ui.models.course_table import COL_CODE


def open_window(qtbot, context, settings) -> MainWindow:
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_title_says_demo_data(qtbot, demo_context, window_settings):
    window = open_window(qtbot, demo_context, window_settings)
    assert window.windowTitle() == "holdmetight – Sociaal Wijkteam De Brug (voorbeeld) – DEMO DATA"


def test_choosing_a_course_shows_its_sessions_and_couples(qtbot, demo_context, window_settings):
    window = open_window(qtbot, demo_context, window_settings)
    page = window.courses_page
    table = page.table
    assert table.model().rowCount() == 4
    codes = [table.model().index(r, COL_CODE).data() for r in range(4)]
    target = next(r for r, code in enumerate(codes) if code.endswith("C"))
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(table.model().index(target, 1)).center(),
    )
    detail = page.detail
    assert detail.heading.text() == "Houd me vast – dinsdagavond"
    assert detail.sessions_model.rowCount() == 8
    assert detail.tabs.tabText(1) == "Couples (9)"
    statuses = [detail.couples_model.row_at(r).status for r in range(9)]
    assert statuses.count(EnrollmentStatus.WAITLISTED) == 3
    assert "5/6 (+3 waiting, 1 offered a place)" in detail._fact_labels["places"][1].text()


def test_couples_filter_as_you_type(qtbot, context, window_settings, make):
    make.couple("Öztürk", municipality="Nieuwegein")
    make.couple("Jansen")
    make.couple("Berg", prefix="van den")
    window = open_window(qtbot, context, window_settings)
    window.show_page(PAGE_COUPLES)
    page = window.couples_page
    assert page.model.rowCount() == 3
    qtbot.keyClicks(page.filter_edit, "ozt")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.row_at(0).names.startswith("Öztürk, Anna")
    assert page.count_label.text() == "1 couple"
    page.filter_edit.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=2000)


def test_status_filter_shows_only_waiting_couples(qtbot, demo_context, window_settings):
    window = open_window(qtbot, demo_context, window_settings)
    page = window.couples_page
    page.status_combo.setCurrentIndex(page.status_combo.findData(EnrollmentStatus.WAITLISTED.value))
    assert page.model.rowCount() == 3
    assert {page.model.row_at(r).status for r in range(3)} == {EnrollmentStatus.WAITLISTED}


def test_long_couples_list_is_fetched_page_by_page(qtbot, context, window_settings, session):
    partners = (couples.PartnerInput("Anna", "Jansen"), couples.PartnerInput("Bram", "Visser"))
    for _ in range(PAGE_ROWS * 2 + 50):
        couples.create_couple(session, partners=partners)
    window = open_window(qtbot, context, window_settings)
    window.show_page(PAGE_COUPLES)
    model = window.couples_page.model
    assert (model.rowCount(), model.total) == (PAGE_ROWS, PAGE_ROWS * 2 + 50)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == PAGE_ROWS * 2 + 50
    assert len({model.row_at(r).id for r in range(model.rowCount())}) == model.rowCount()


def test_keyboard_shortcuts_switch_pages_and_find_a_couple(qtbot, demo_context, window_settings):
    window = open_window(qtbot, demo_context, window_settings)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == PAGE_COUPLES
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == PAGE_COURSES
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == PAGE_TODAY
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    window.find_action.trigger()
    assert window.pages.currentIndex() == PAGE_COUPLES
    assert window.couples_page.filter_edit.hasFocus()
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")


def test_window_size_and_page_are_remembered_between_runs(qtbot, demo_context, tmp_path):
    path = str(tmp_path / "state.ini")
    first = open_window(qtbot, demo_context, QSettings(path, QSettings.Format.IniFormat))
    first.show_page(PAGE_COUPLES)
    first.close()
    second = open_window(qtbot, demo_context, QSettings(path, QSettings.Format.IniFormat))
    assert second.pages.currentIndex() == PAGE_COUPLES
    # A size that fits the offscreen screen (800×600) with the page the window opens on; a
    # page is built when first shown, so the Courses page's width does not count here.
    second.resize(second.minimumSizeHint().width(), 560)
    second.close()
    third = open_window(qtbot, demo_context, QSettings(path, QSettings.Format.IniFormat))
    assert third.size() == second.size() and third.height() == 560
    assert third.pages.currentIndex() == PAGE_COUPLES


def test_menus_speak_dutch_when_dutch_is_chosen(qtbot, demo_context, window_settings):
    set_language("nl")
    window = open_window(qtbot, demo_context, window_settings)
    assert [m.title() for m in (window.file_menu, window.view_menu, window.help_menu)] == [
        "&Bestand",
        "&Beeld",
        "&Help",
    ]
    assert window.navigation.item(PAGE_COUPLES).text() == "Stellen"
    assert window.windowTitle().endswith("VOORBEELDGEGEVENS")


def test_the_first_window_fits_a_laptop_screen_below_its_taskbar(
    qtbot, demo_context, window_settings, monkeypatch
):
    """A 1366×768 laptop has about 1366×728 below the taskbar: the first window fits in it,
    frame included; on a larger screen it opens at its usual 1200×760 (issue 14)."""
    from PySide6.QtCore import QRect

    class Screen:
        def __init__(self, width: int, height: int) -> None:
            self.room = QRect(0, 0, width, height)

        def availableGeometry(self) -> QRect:
            return self.room

    for (width, height), expected in (((1366, 728), (1200, 688)), ((1920, 1040), (1200, 760))):
        screen = Screen(width, height)
        monkeypatch.setattr(MainWindow, "screen", lambda self, screen=screen: screen)
        window = MainWindow(demo_context, window_settings)
        qtbot.addWidget(window)
        assert (window.width(), window.height()) == expected


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.ADMINISTRATOR, None])
def test_a_facilitators_window_does_not_offer_what_the_server_refuses_it(
    qtbot, demo_context, window_settings, role
):
    """Fees, payments and intakes are for administrators (the server refuses a facilitator's
    login them, see tests/db/test_roles.py): the window leaves them out for that role."""
    demo_context.database.role = role
    window = open_window(qtbot, demo_context, window_settings)
    sees = role is not Role.FACILITATOR
    assert window.navigation.item(PAGE_FEES).isHidden() is not sees
    assert window.fees_action.isVisible() is sees
    window.show_page(PAGE_COUPLES)
    assert window.couples_page.intake_button.isVisible() is sees
    window.show_page(PAGE_COURSES)
    page = window.courses_page
    page.table.selectRow(0)
    assert page.detail.tabs.isTabVisible(4) is sees
    assert page.detail.withdraw_button.isHidden() is not sees  # decides about the fee
    assert page.detail.tabs.isTabVisible(3)  # attendance is everyone's work
