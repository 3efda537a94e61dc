"""Starting the window does only what the first screen needs (issue 13): libraries that only some
commands use are not loaded, and the main window builds a page when it is first shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from holdmetight.config import database_url
from holdmetight.db.database import open_database
from holdmetight.services.demo import create_demo_data
from holdmetight.ui.context import AppContext
from holdmetight.ui.main_window import PAGE_COUPLES, PAGE_FEES, PAGE_NAMES, PAGE_TODAY, MainWindow

# Started like the application, offscreen; at the first paint of the main window, once the event
# loop has run again, prints which of the libraries below were loaded, and closes the window.
AT_FIRST_PAINT = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from holdmetight.cli import main
from holdmetight.ui.application import ensure_application

WATCHED = json.loads(sys.argv[2])


class Watch(QObject):
    seen = False

    def eventFilter(self, watched, event):
        if (
            not self.seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window().objectName() == "MainWindow"
        ):
            self.seen = True
            QTimer.singleShot(0, lambda window=watched.window(): self.report(window))
        return False

    def report(self, window):
        loaded = sorted(name for name in WATCHED if name in sys.modules)
        print(json.dumps({"loaded": loaded, "pages": window.built_pages()}), flush=True)
        window.close()


watch = Watch()
ensure_application().installEventFilter(watch)
sys.exit(main(["--db", sys.argv[1]]))
"""

ONLY_SOME_COMMANDS_NEED = [
    "alembic",
    "icalendar",
    "email_validator",
    "phonenumbers",
    "openpyxl",
    "holidays",
    "reportlab",
    "pypdfium2",
    "sqlalchemy.dialects.postgresql",  # on a SQLite file
]


def start_window(db: Path, watched: list[str]) -> dict[str, list]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", AT_FIRST_PAINT, str(db), json.dumps(watched)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return json.loads(line)


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    db = tmp_path_factory.mktemp("start") / "office.sqlite3"
    database = open_database(database_url(db))  # a current database: nothing to migrate
    with database.session() as session:
        create_demo_data(session, today=date(2026, 11, 24))  # no first-start question
    database.dispose()
    return start_window(db, ONLY_SOME_COMMANDS_NEED)


@pytest.mark.parametrize("library", ONLY_SOME_COMMANDS_NEED)
def test_starting_the_window_loads_no_library_only_some_commands_need(started, library):
    assert library not in started["loaded"]


def test_starting_the_window_builds_only_the_page_it_opens_on(started):
    assert started["pages"] == [PAGE_TODAY]


def test_a_command_loads_only_what_it_needs(tmp_path):
    db = tmp_path / "office.sqlite3"
    open_database(database_url(db)).dispose()
    code = (
        "import sys\n"
        "from holdmetight.cli import main\n"
        "main(['--db', sys.argv[1], 'courses'])\n"
        "print(sorted(n for n in ('alembic', 'icalendar', 'openpyxl', 'reportlab', 'PySide6')"
        " if n in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.fixture
def window_on(qtbot, database, tmp_path):
    def opening(page: int | None = None) -> MainWindow:
        settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
        if page is not None:
            settings.setValue("main_window/page_name", PAGE_NAMES[page])
        window = MainWindow(AppContext(database), settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return opening


def test_a_page_is_built_when_it_is_first_shown(window_on):
    window = window_on()
    assert window.built_pages() == [PAGE_TODAY]
    window.show_page(PAGE_FEES)
    assert window.built_pages() == [PAGE_TODAY, PAGE_FEES]
    assert window.pages.currentWidget() is window.fees_page
    assert window.fees_page.isVisible()


def test_the_window_opening_on_another_page_does_not_build_the_courses_page(window_on):
    window = window_on(PAGE_COUPLES)
    assert window.built_pages() == [PAGE_COUPLES]
    assert window.pages.currentIndex() == PAGE_COUPLES and window.couples_page.isVisible()
