"""Damage inside a database is found without making every start wait for it (issue 13).

Opening a database reads its header, length, schema, tables and revision: milliseconds, whatever
its size. Every page is checked where that is worth its time: when the last program did not
close the database (a crash), in the background once the window is on screen, before a backup
is kept, and on request (``holdmetight check``). A damaged page read while working gives the
sentence for a damaged database, never a driver's error.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from holdmetight.cli import main
from holdmetight.config import database_url
from holdmetight.db.backup import list_backups
from holdmetight.db.database import open_database
from holdmetight.db.files import IntegrityCheck
from holdmetight.errors import DatabaseError
from holdmetight.services.demo import create_demo_data
from holdmetight.ui import app as app_module
from holdmetight.ui.main_window import MainWindow

FOUND_DAMAGE = "The check found damage in the database"
DAMAGED_AT_OPENING = "is damaged and cannot be opened. It was not changed."
DAMAGED_WHEN_READ = "cannot be read: the file is damaged"


@pytest.fixture(scope="module")
def office_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office's database with demo data, closed as the application closes it."""
    path = tmp_path_factory.mktemp("office") / "office.sqlite3"
    database = open_database(database_url(path))
    with database.session() as session:
        create_demo_data(session, today=date(2026, 11, 24))
    database.dispose()
    assert not Path(f"{path}-wal").exists()
    return path


@pytest.fixture
def office(office_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(office_file, path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage(path: Path, table: str) -> None:
    """Overwrite the first page of ``table`` with rubbish, as a failing disk might."""
    with sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True) as connection:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
        (size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(b"\xff" * size)


def leave_open(path: Path) -> None:
    """What a crash leaves: a program wrote to the database and ended without closing it."""
    code = (
        "import os, sys\n"
        "from holdmetight.config import database_url\n"
        "from holdmetight.db.database import open_database\n"
        "database = open_database(database_url(sys.argv[1]), create=False)\n"
        "with database.engine.begin() as connection:\n"
        "    connection.exec_driver_sql("
        "'UPDATE alembic_version SET version_num = version_num')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
    assert Path(f"{path}-wal").exists()


def test_damage_inside_a_closed_database_does_not_hold_up_opening_but_the_check_finds_it(
    office, capsys
):
    damage(office, "payment")
    assert main(["--db", str(office), "courses"]) == 0, "the courses can still be listed"
    capsys.readouterr()
    before = digest(office)
    assert main(["--db", str(office), "check"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert FOUND_DAMAGE in err and "holdmetight restore" in err
    assert digest(office) == before, "checking changes nothing"


def test_the_check_command_says_a_sound_database_is_sound(office, capsys):
    assert main(["--db", str(office), "check"]) == 0
    assert capsys.readouterr().out == f"The database {office} is sound: every page was checked.\n"


def test_a_database_the_last_program_did_not_close_is_checked_page_by_page_on_opening(office):
    leave_open(office)
    damage(office, "payment")
    before = digest(office)
    with pytest.raises(DatabaseError, match=DAMAGED_AT_OPENING):
        open_database(database_url(office))
    assert digest(office) == before


def test_a_sound_database_left_open_by_a_crash_opens_after_its_check(office):
    leave_open(office)
    database = open_database(database_url(office))
    database.dispose()
    assert not Path(f"{office}-wal").exists(), "closed cleanly this time"


def test_a_damaged_page_read_by_a_command_gives_one_clear_sentence(office, capsys):
    damage(office, "course")
    assert main(["--db", str(office), "courses"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert DAMAGED_WHEN_READ in err and "Traceback" not in err


def test_a_check_stopped_before_it_ran_reports_nothing(office):
    check = IntegrityCheck(office)
    check.stop()
    assert check.run() is None


def run_window(until, seen: list[str], *, give_up_after_s: float = 30) -> QTimer:
    """Watch the window the next start shows; once ``until(window)`` holds (or time is up),
    note its title and close it."""
    app = QApplication.instance()
    before = set(app.topLevelWidgets())
    timer = QTimer()
    ticks = [0]

    def step() -> None:
        ticks[0] += 1
        started = [
            w
            for w in app.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w not in before
        ]
        if started and (until(started[0]) or ticks[0] * 0.02 > give_up_after_s):
            seen.append(started[0].windowTitle())
            started[0].close()
            timer.stop()

    timer.timeout.connect(step)
    timer.start(20)
    return timer


def damage_told(monkeypatch, office: Path) -> list[str]:
    """Start the window on ``office``; what it tells of damage (the window closes once told)."""
    told: list[str] = []
    monkeypatch.setattr(
        MainWindow, "show_damage", lambda self, message: (told.append(message), self.close())
    )
    seen: list[str] = []
    timer = run_window(lambda window: False, seen)  # only closes the window if nothing is told
    assert main(["--db", str(office)]) == 0
    timer.stop()
    return told


def test_the_window_tells_the_user_when_the_background_check_finds_damage(
    qtbot, office, monkeypatch
):
    monkeypatch.setattr(app_module, "CARE_AFTER_MS", 0)
    damage(office, "payment")  # not read to show the first page
    told = damage_told(monkeypatch, office)
    assert len(told) == 1 and FOUND_DAMAGE in told[0] and str(office) in told[0]
    assert list_backups(office.parent / "backups") == [], "no backup of a damaged database"


def test_the_damage_message_says_what_to_do_and_stays_in_the_status_bar(qtbot, office):
    from holdmetight.ui.context import AppContext

    database = open_database(database_url(office))
    window = MainWindow(AppContext(database), app_module.window_settings())
    qtbot.addWidget(window)
    window.show()
    window.show_damage("The check found damage in the database office.sqlite3. …")
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible() and box.text().startswith(FOUND_DAMAGE)
    assert window.damage_label.isVisible()
    assert window.damage_label.text() == "The database is damaged: restore a backup."
    box.close()
    window.close()
    database.dispose()


def test_after_a_sound_check_the_daily_backup_is_made_in_the_background(qtbot, office, monkeypatch):
    monkeypatch.setattr(app_module, "CARE_AFTER_MS", 0)
    folder = office.parent / "backups"
    seen: list[str] = []
    timer = run_window(lambda window: bool(list_backups(folder)), seen)
    assert main(["--db", str(office)]) == 0
    timer.stop()
    assert seen, "the window was shown"
    (backup,) = list_backups(folder)
    assert "-auto" in backup.name
    assert not Path(f"{office}-wal").exists(), "the database was closed cleanly"


def test_reading_a_damaged_page_while_starting_shows_the_damage_instead_of_a_window(
    qtbot, office, monkeypatch
):
    damage(office, "course")  # the Courses page, left open last time, lists the courses
    settings = app_module.window_settings()
    settings.setValue("main_window/page_name", "courses")
    settings.sync()
    shown: list[str] = []
    monkeypatch.setattr(
        app_module.QMessageBox, "critical", lambda parent, title, text: shown.append(text)
    )
    before = set(QApplication.instance().topLevelWidgets())
    assert main(["--db", str(office)]) == 1
    assert len(shown) == 1 and DAMAGED_WHEN_READ in shown[0]
    started = set(QApplication.instance().topLevelWidgets()) - before
    assert not [w for w in started if isinstance(w, MainWindow) and w.isVisible()]


def test_a_damaged_page_read_by_the_home_page_is_said_as_the_check_says_it(
    qtbot, office, monkeypatch
):
    """The home page reads in the background after the window is shown: damage it meets is
    told once, with what to do, and stays in the status bar."""
    monkeypatch.setattr(app_module, "CARE_AFTER_MS", 600_000)  # the page finds it, not the check
    damage(office, "course")
    told = damage_told(monkeypatch, office)
    assert told and DAMAGED_WHEN_READ in told[0] and "Traceback" not in told[0]


def test_the_window_closes_the_database_cleanly_even_when_closed_during_the_check(
    qtbot, office, monkeypatch
):
    monkeypatch.setattr(app_module, "CARE_AFTER_MS", 0)
    seen: list[str] = []
    timer = run_window(lambda window: True, seen)
    assert main(["--db", str(office)]) == 0
    timer.stop()
    assert seen
    assert not Path(f"{office}-wal").exists(), "the next start will not take it for a crash"
