"""Starting the real application on a new database: the first-start question, then the window."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from holdmetight.cli import main
from holdmetight.config import database_url
from holdmetight.db.database import open_database
from holdmetight.services import courses, demo
from holdmetight.ui.dialogs.first_start import FirstStartDialog
from holdmetight.ui.main_window import main_window_of


def drive(answer: str, seen: list[str]) -> QTimer:
    """Answer the first-start dialog with ``answer``, then close the main window."""
    timer = QTimer()

    def step() -> None:
        app = QApplication.instance()
        dialog = app.activeModalWidget()
        if isinstance(dialog, FirstStartDialog):
            seen.append("dialog")
            (dialog.demo_button if answer == "demo" else dialog.empty_button).click()
            return
        window = main_window_of(app)
        if window is not None and window.isVisible():
            seen.append(window.windowTitle())
            window.close()
            timer.stop()

    timer.timeout.connect(step)
    timer.start(50)
    return timer


def test_first_start_offers_demo_data_and_the_window_says_so(qtbot, tmp_path):
    db = tmp_path / "new.sqlite3"
    seen: list[str] = []
    timer = drive("demo", seen)
    assert main(["--db", str(db)]) == 0
    timer.stop()
    assert seen[0] == "dialog" and seen[-1].endswith("DEMO DATA")
    opened = open_database(database_url(db))
    with opened.session() as session:
        assert len(courses.list_courses(session)) == 4
    opened.dispose()


def test_start_empty_leaves_the_database_empty(qtbot, tmp_path):
    db = tmp_path / "new.sqlite3"
    seen: list[str] = []
    timer = drive("empty", seen)
    assert main(["--db", str(db), "gui"]) == 0
    timer.stop()
    assert seen == ["dialog", "holdmetight"]
    opened = open_database(database_url(db))
    with opened.session() as session:
        assert demo.database_is_empty(session)
    opened.dispose()


def test_damaged_database_shows_a_message_instead_of_a_window(qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all")
    shown: list[str] = []
    monkeypatch.setattr(
        "holdmetight.ui.app.QMessageBox.critical", lambda parent, title, text: shown.append(text)
    )
    assert main(["--db", str(bad)]) == 1
    assert shown and "is not a holdmetight database" in shown[0]
    assert bad.read_bytes() == b"not a database at all"


def test_a_database_address_that_cannot_be_read_is_said_in_a_window(qtbot, monkeypatch):
    """Started from a shortcut there is no terminal: the sentence comes in a message box."""
    shown: list[str] = []
    monkeypatch.setattr(
        "holdmetight.ui.app.QMessageBox.critical", lambda parent, title, text: shown.append(text)
    )
    assert main(["--db", "mysql://kantoor@server/wijkteam"]) == 1
    assert len(shown) == 1 and "SQLite file or a PostgreSQL server" in shown[0]
