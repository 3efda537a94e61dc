"""Icons on the navigation and the main actions, readable in light and dark; the window follows
the system's colour scheme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel

from holdmetight.ui import icons
from holdmetight.ui.main_window import PAGE_COUPLES, PAGE_NAMES, MainWindow
from holdmetight.ui.theme import is_dark, problem_text, theme


@pytest.fixture
def dark(qapp):
    """The system switched to dark for one test, and back to light after it."""
    theme().apply_scheme(Qt.ColorScheme.Dark)
    yield
    theme().apply_scheme(Qt.ColorScheme.Light)


def settle(qtbot) -> None:
    qtbot.wait(50)  # the palette's change is said once, after its steps


def icon_colour(icon, size: int = 32) -> QColor:
    """The colour of the icon's darkest-or-lightest drawn pixel (its ink), not the background."""
    image = icon.pixmap(size, size).toImage()
    inked = [
        image.pixelColor(x, y)
        for x in range(size)
        for y in range(size)
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert inked, "the icon draws something"
    return inked[len(inked) // 2]


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def window_with_icons(qtbot, context, tmp_path) -> MainWindow:
    window = MainWindow(context, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.navigation.item(0).icon().isNull(), timeout=5000)
    return window


def test_the_navigation_and_the_menus_have_icons(qtbot, context, tmp_path):
    window = window_with_icons(qtbot, context, tmp_path)
    for page in range(len(PAGE_NAMES)):
        assert not window.navigation.item(page).icon().isNull()
    for action in (window.new_course_action, window.settings_action, window.find_action):
        assert not action.icon().isNull()
    window.show_page(PAGE_COUPLES)
    assert not window.couples_page.new_button.icon().isNull()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_icons_and_warnings_read_on_the_windows_background(
    qtbot, context, tmp_path, request, scheme
):
    if scheme == "dark":
        request.getfixturevalue("dark")
    settle(qtbot)
    assert is_dark() is (scheme == "dark")
    window = window_with_icons(qtbot, context, tmp_path)
    background = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    ink = icon_colour(window.navigation.item(0).icon())
    assert contrast(ink, background) >= 4.5, (ink.name(), background.name())
    label = QLabel("De database is beschadigd")
    qtbot.addWidget(label)
    problem_text(label)
    colour = QColor(label.styleSheet().split("color:")[1].split(";")[0].strip())
    assert contrast(colour, background) >= 4.5, (colour.name(), background.name())


def test_switching_the_system_to_dark_redraws_the_icons(qtbot, context, tmp_path):
    window = window_with_icons(qtbot, context, tmp_path)
    light_ink = icon_colour(window.new_course_action.icon())
    theme().apply_scheme(Qt.ColorScheme.Dark)
    try:
        settle(qtbot)
        assert is_dark()
        dark_ink = icon_colour(window.new_course_action.icon())
        assert dark_ink.lightness() > light_ink.lightness() + 100
        assert icon_colour(window.navigation.item(0).icon()).lightness() > 150
    finally:
        theme().apply_scheme(Qt.ColorScheme.Light)
        settle(qtbot)
    assert not is_dark()
    assert icon_colour(window.new_course_action.icon()).lightness() < 100


def test_every_icon_named_exists(qapp):
    for name in icons.NAMES:
        assert not icons.icon(name).isNull(), name
