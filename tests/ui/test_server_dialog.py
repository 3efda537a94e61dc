"""*Connect to server* and the password asked at start (issue 15): the office connects its PC to
the organisation's database server; the password goes to the credential store when asked and
possible, never to the settings file."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from servers import NO_SERVER, SERVER, new_database, on_server, unique_name
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from holdmetight.cli import main
from holdmetight.config import Settings, load_settings, save_settings, settings_path
from holdmetight.ui.app import open_chosen_database
from holdmetight.ui.dialogs.server_dialog import PasswordDialog, ServerDialog
from holdmetight.ui.main_window import MainWindow, main_window_of
from tests.ui.conftest import wait_for_jobs

needs_server = pytest.mark.skipif(not SERVER, reason=NO_SERVER)
PASSWORD = "geheim-7391"


def fill_in(qtbot, dialog: ServerDialog, url: str, password: str = PASSWORD) -> None:
    """Type the server's address and login as a user would."""
    parts = make_url(url)
    for edit, text in (
        (dialog.host_edit, parts.host or ""),
        (dialog.database_edit, parts.database or ""),
        (dialog.user_edit, parts.username or ""),
        (dialog.password_edit, password),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)
    dialog.port_spin.setValue(parts.port or 5432)


def open_dialog(qtbot) -> ServerDialog:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def settings_text() -> str:
    return settings_path().read_text(encoding="utf-8") if settings_path().exists() else ""


@needs_server
def test_connecting_makes_the_tables_remembers_the_password_and_saves_the_server(
    qtbot, memory_keyring, caplog
):
    caplog.set_level(logging.DEBUG)
    with new_database() as url:
        dialog = open_dialog(qtbot)
        fill_in(qtbot, dialog, url)
        assert dialog.remember_check.isChecked() and dialog.remember_check.isEnabled()
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        wait_for_jobs(qtbot)
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert dialog.database is not None
        try:
            with dialog.database.engine.connect() as connection:
                assert "alembic_version" in inspect(connection).get_table_names()
        finally:
            dialog.database.dispose()
        assert load_settings().database == url
        assert PASSWORD not in settings_text()
        login = f"postgres@{make_url(url).host}:{make_url(url).port}/{make_url(url).database}"
        assert memory_keyring.passwords == {("holdmetight", login): PASSWORD}
        assert dialog.password_kept
        assert "is ready" in dialog.next_start_message()
        assert PASSWORD not in dialog.next_start_message()
        assert PASSWORD not in caplog.text


@needs_server
def test_a_refused_login_is_named_in_the_dialog_which_stays_open(qtbot, memory_keyring):
    user = unique_name("nobody")
    dialog = open_dialog(qtbot)
    fill_in(qtbot, dialog, on_server("no_such_office", user=user))
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot)
    assert dialog.isVisible() and dialog.database is None
    assert dialog.problem_label.isVisible()
    assert f"refused the user {user}" in dialog.problem_label.text()
    assert PASSWORD not in dialog.problem_label.text()
    assert memory_keyring.passwords == {}
    assert not settings_path().exists()


def test_without_a_credential_store_the_checkbox_is_off_and_says_why(
    qtbot,
    no_credential_store,
):
    dialog = open_dialog(qtbot)
    assert not dialog.remember_check.isEnabled() and not dialog.remember_check.isChecked()
    assert dialog.no_store_label.isVisible()
    assert "asks the password at every start" in dialog.no_store_label.text()


def test_with_a_credential_store_there_is_nothing_to_explain(qtbot, memory_keyring):
    dialog = open_dialog(qtbot)
    assert dialog.remember_check.isEnabled() and not dialog.no_store_label.isVisible()


@needs_server
def test_without_a_credential_store_the_password_is_asked_at_every_start(
    qtbot,
    no_credential_store,
):
    with new_database() as url:
        dialog = open_dialog(qtbot)
        fill_in(qtbot, dialog, url)
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        wait_for_jobs(qtbot)
        assert dialog.database is not None
        dialog.database.dispose()
        assert load_settings().database == url
        assert PASSWORD not in settings_text()
        assert not dialog.password_kept
        assert "asks for it at every start" in dialog.next_start_message()


def test_a_missing_field_is_named_before_anything_is_tried(qtbot, memory_keyring):
    dialog = open_dialog(qtbot)
    qtbot.keyClicks(dialog.host_edit, "db.example.org")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot)
    assert dialog.isVisible()
    assert dialog.problem_label.text() == "Fill in the server, the database and the user name."


def test_the_fields_start_from_the_server_in_the_settings(qtbot, memory_keyring):
    save_settings(Settings(database="postgresql+psycopg://hmt@db.example.org:6543/office"))
    dialog = open_dialog(qtbot)
    assert dialog.host_edit.text() == "db.example.org"
    assert dialog.port_spin.value() == 6543
    assert dialog.database_edit.text() == "office"
    assert dialog.user_edit.text() == "hmt"
    assert dialog.password_edit.text() == ""
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password


def test_every_field_has_a_name_for_a_screen_reader_and_a_key_to_reach_it(qtbot, memory_keyring):
    dialog = open_dialog(qtbot)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    for key, field in (
        (Qt.Key.Key_D, dialog.database_edit),
        (Qt.Key.Key_S, dialog.host_edit),
        (Qt.Key.Key_P, dialog.port_spin),
        (Qt.Key.Key_U, dialog.user_edit),
        (Qt.Key.Key_W, dialog.password_edit),
        (Qt.Key.Key_R, dialog.remember_check),
    ):
        typing_in = QApplication.focusWidget() or dialog
        qtbot.keyClick(typing_in, key, Qt.KeyboardModifier.AltModifier)
        assert field.hasFocus(), field.accessibleName()
        assert field.accessibleName()


def drive_window_dialog(answer) -> QTimer:
    """Do ``answer(dialog)`` in the *Connect to server* dialog once it is open."""
    timer = QTimer()

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ServerDialog):
            timer.stop()
            answer(dialog)

    timer.timeout.connect(step)
    timer.start(20)
    return timer


def test_the_file_menu_connects_and_can_go_back_to_the_file_on_this_pc(
    qtbot,
    context,
    window_settings,
    memory_keyring,
):
    save_settings(Settings(database="postgresql+psycopg://hmt@db.example.org:6543/office"))
    window = MainWindow(context, window_settings)
    qtbot.addWidget(window)
    window.show()
    assert window.server_action in window.file_menu.actions()
    assert window.server_action.text() == "&Connect to server…"
    timer = drive_window_dialog(lambda dialog: dialog.file_button.click())
    window.server_action.trigger()
    timer.stop()
    assert load_settings().database is None
    box = window.findChild(QMessageBox)
    assert box is not None and "opens the database file on this PC" in box.text()
    assert "HOLDMETIGHT_DB" not in box.text()


def test_the_next_start_message_names_an_environment_variable_that_comes_first(qtbot, monkeypatch):
    monkeypatch.setenv("HOLDMETIGHT_DB", "/srv/ander.sqlite3")
    dialog = open_dialog(qtbot)
    dialog.use_file = True
    assert "environment variable HOLDMETIGHT_DB chooses the database" in (
        dialog.next_start_message()
    )


@needs_server
def test_a_server_password_kept_nowhere_is_asked_at_start_and_asked_again_when_refused(
    no_credential_store,
):
    url = on_server("no_such_office", user=unique_name("nobody"))
    asked: list[str | None] = []

    def ask(asked_url: str, problem: str | None) -> str | None:
        asked.append(problem)
        return "wrong" if len(asked) == 1 else None

    assert open_chosen_database(url, is_default=False, ask=ask) is None
    assert asked[0] is None
    assert asked[1] is not None and "refused the user" in asked[1]
    assert "wrong" not in asked[1]


@needs_server
def test_a_remembered_password_is_not_asked_at_start(memory_keyring):
    from holdmetight.db.credentials import store_password

    def ask(asked_url: str, problem: str | None) -> str | None:
        raise AssertionError("the password was asked")

    with new_database() as url:
        store_password(url, PASSWORD)
        database = open_chosen_database(url, is_default=False, ask=ask)
        assert database is not None
        assert database.engine.url.password == PASSWORD
        database.dispose()


@needs_server
def test_a_remembered_password_the_server_refuses_is_asked_again_and_not_replaced(
    memory_keyring,
):
    from holdmetight.db.credentials import store_password

    user = unique_name("nobody")
    url = on_server("no_such_office", user=user)
    store_password(url, "changed-since")
    stored = dict(memory_keyring.passwords)
    asked: list[str | None] = []

    def ask(asked_url: str, problem: str | None) -> str | None:
        asked.append(problem)
        return "typed-now" if len(asked) == 1 else None

    assert open_chosen_database(url, is_default=False, ask=ask) is None
    assert len(asked) == 2
    assert all(problem and f"refused the user {user}" in problem for problem in asked)
    assert all("changed-since" not in p and "typed-now" not in p for p in asked if p)
    assert memory_keyring.passwords == stored


def test_a_remembered_password_for_a_database_to_upgrade_asks_to_upgrade_not_the_password(
    memory_keyring, monkeypatch
):
    from holdmetight.db.credentials import store_password
    from holdmetight.errors import UpgradeNeededError

    url = "postgresql+psycopg://hmt@db.example.org:6543/office"
    store_password(url, PASSWORD)

    def older_version(target: str, **options: object) -> None:
        raise UpgradeNeededError("The database office is of an older version.")

    monkeypatch.setattr("holdmetight.ui.app.open_database", older_version)
    questions: list[str] = []

    def ask(asked_url: str, problem: str | None) -> str | None:
        raise AssertionError("the password was asked")

    def not_now(message: str) -> bool:
        questions.append(message)
        return False

    assert open_chosen_database(url, is_default=False, ask=ask, confirm_upgrade=not_now) is None
    assert questions == ["The database office is of an older version."]


def drive_start(steps: list[str], seen: list[str]) -> QTimer:
    """Answer the password dialogs at start with ``steps`` ("type", "cancel"), the first-start
    question with "start empty", and close the window once it is on screen."""
    timer = QTimer()

    def step() -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PasswordDialog) and dialog.isVisible():
            problem = dialog.problem_label.text() if dialog.problem_label.isVisible() else ""
            seen.append(f"password {problem}".strip())
            if steps.pop(0) == "cancel":
                dialog.reject()
            else:
                dialog.password_edit.setText(PASSWORD)
                dialog.connect_button.click()
            return
        if dialog is not None and hasattr(dialog, "empty_button"):
            seen.append("first start")
            dialog.empty_button.click()
            return
        window = main_window_of(app)
        if window is not None:
            seen.append(f"window {window.database_label.text()}")
            window.close()
            timer.stop()

    timer.timeout.connect(step)
    timer.start(50)
    return timer


@needs_server
def test_the_application_asks_the_password_then_opens_the_server_database(
    qtbot,
    no_credential_store,
):
    seen: list[str] = []
    with new_database() as url:
        timer = drive_start(["type"], seen)
        assert main(["--db", url]) == 0
        timer.stop()
    assert seen[:2] == ["password", "first start"]
    assert seen[2].startswith("window postgresql+psycopg://postgres:***@")
    assert all(PASSWORD not in line for line in seen)


@needs_server
def test_cancelling_the_password_ends_the_start_without_an_error(
    qtbot,
    no_credential_store,
    monkeypatch,
):
    errors: list[str] = []
    monkeypatch.setattr(
        "holdmetight.ui.app.QMessageBox.critical", lambda parent, title, text: errors.append(text)
    )
    user = unique_name("nobody")
    seen: list[str] = []
    timer = drive_start(["type", "cancel"], seen)
    assert main(["--db", on_server("no_such_office", user=user)]) == 0
    timer.stop()
    assert seen[0] == "password"
    assert seen[1].startswith("password ") and f"refused the user {user}" in seen[1]
    assert len(seen) == 2 and errors == []
