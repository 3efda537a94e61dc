"""The user guide: in both languages, every task, its pictures made by the screenshot script, and
opened from Help with F1 on the page of the screen shown."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from holdmetight.installation import docs_dir
from holdmetight.ui.dialogs.user_guide import TOPICS, guide_dir, page_title
from holdmetight.ui.main_window import PAGE_COUPLES, PAGE_COURSES, PAGE_TODAY, MainWindow
from holdmetight.ui.views.course_detail import CourseTab
from tests.ui.conftest import wait_for_jobs

GUIDE = docs_dir() / "guide"
LANGUAGES = ("en", "nl")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)#]+)\)")


def pages(language: str) -> list[Path]:
    return [GUIDE / language / f"{topic}.md" for topic in TOPICS]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_task_has_a_page_with_a_title(language):
    for page in pages(language):
        assert page.is_file(), page
        assert page_title(page) != page.stem


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_picture_and_link_of_the_guide_exists(language):
    for page in pages(language):
        text = page.read_text(encoding="utf-8")
        for target in IMAGE.findall(text):
            assert (page.parent / target).resolve().is_file(), (page.name, target)
            assert f"/images/{language}/" in target, (page.name, target)  # its own language
        for target in LINK.findall(text):
            if not target.startswith("http"):
                assert (page.parent / target).resolve().is_file(), (page.name, target)


def pictures_shown(language: str) -> set[str]:
    return {
        Path(target).name
        for page in pages(language)
        for target in IMAGE.findall(page.read_text(encoding="utf-8"))
    }


def test_the_pages_in_both_languages_show_the_same_pictures():
    assert pictures_shown("nl") == pictures_shown("en")


@pytest.mark.slow
def test_the_screenshot_script_makes_every_picture_the_guide_shows(tmp_path):
    """Run as the guide's maintainer would (offscreen here); it drives the real window on demo
    data, so a screen that no longer opens fails here, not in the guide."""
    done = subprocess.run(
        [
            sys.executable,
            str(GUIDE / "make_screenshots.py"),
            "--offscreen",
            "--language",
            "en",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    made = {path.name for path in (tmp_path / "en").glob("*.png")}
    assert pictures_shown("en") <= made
    committed = {path.name for path in (GUIDE / "images" / "en").glob("*.png")}
    assert made == committed, "the committed pictures are the ones the script makes"


@pytest.fixture
def window(qtbot, demo_context, tmp_path):
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(demo_context, settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    wait_for_jobs(qtbot)
    return shown


def press_f1(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window._guide
    assert guide is not None and guide.isVisible()
    return guide


def test_f1_opens_the_page_of_the_screen_shown(qtbot, window):
    assert window.pages.currentIndex() == PAGE_TODAY
    assert press_f1(qtbot, window).topic() == "today"
    window.show_page(PAGE_COUPLES)
    assert press_f1(qtbot, window).topic() == "enroll-a-couple"
    window.show_page(PAGE_COURSES)
    window.courses_page.table.selectRow(0)
    for tab, topic in (
        (CourseTab.SESSIONS, "plan-a-course"),
        (CourseTab.ATTENDANCE, "record-a-meeting"),
        (CourseTab.FEES, "fees"),
        (CourseTab.OUTCOMES, "questionnaires"),
    ):
        window.courses_page.detail.show_tab(tab)
        guide = press_f1(qtbot, window)
        assert guide.topic() == topic
        assert guide.browser.toPlainText().startswith(page_title(guide_dir() / f"{topic}.md"))


def test_the_guide_opens_from_the_help_menu_in_the_windows_language(qtbot, window):
    assert window.guide_action in window.help_menu.actions()
    assert window.guide_action.shortcut().toString() == "F1"
    window.apply_language("nl")
    window.guide_action.trigger()
    guide = window._guide
    assert guide.folder == GUIDE / "nl"
    assert guide.windowTitle().startswith("Handleiding")
    assert guide.contents.count() == len(TOPICS)
    # A link to another page turns the contents to it.
    guide.show_topic("index")
    guide.browser.setSource(guide.browser.source().resolved("enroll-a-couple.md"))
    assert guide.topic() == "enroll-a-couple"
    assert guide.contents.currentItem().text() == page_title(GUIDE / "nl" / "enroll-a-couple.md")


def test_the_pictures_are_drawn_no_wider_than_the_page(qtbot, window):
    window.guide_action.trigger()
    guide = window._guide
    guide.show_topic("record-a-meeting")
    source = guide.browser.source()
    image = guide.browser.loadResource(2, source.resolved("../images/en/attendance.png"))
    assert 0 < image.width() <= guide.browser.viewport().width()
    assert not guide.browser.loadResource(2, source.resolved("no-such-picture.png"))
