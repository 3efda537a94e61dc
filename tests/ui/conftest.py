from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from holdmetight.services import demo
from holdmetight.ui.context import AppContext


@pytest.fixture
def context(database) -> AppContext:
    return AppContext(database)


@pytest.fixture
def demo_context(database) -> AppContext:
    with database.session() as session:
        demo.create_demo_data(session, today=date(2026, 11, 24))
    return AppContext(database)


@pytest.fixture
def window_settings(tmp_path) -> QSettings:
    """The window's settings, remembering the Courses page as the one left open (most window
    tests start there; a new user's window opens on Today, see test_today_page)."""
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    settings.setValue("main_window/page_name", "courses")
    return settings


def wait_for_jobs(qtbot, timeout: int = 20_000) -> None:
    """Let the work started in the background finish and its results reach the window."""
    from holdmetight.ui.background import jobs_running

    qtbot.waitUntil(lambda: jobs_running() == 0, timeout=timeout)
