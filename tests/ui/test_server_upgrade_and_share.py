"""What the window says about where its database is (issue 15, items 5 and 8): a server
database of an older version is upgraded only when the user confirms as its administrator, and
a SQLite file on a network drive is named as unsafe at start and in the status bar."""

from __future__ import annotations

import pytest
from servers import NO_SERVER, SERVER, new_database
from sqlalchemy import create_engine

from holdmetight.config import database_url
from holdmetight.db import network_share
from holdmetight.db.database import open_database
from holdmetight.db.migrate import current_revision, head_revision, upgrade
from holdmetight.i18n import set_language
from holdmetight.ui.app import open_chosen_database


def revision_of(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return current_revision(connection)
    finally:
        engine.dispose()


@pytest.mark.skipif(not SERVER, reason=NO_SERVER)
def test_an_older_server_database_is_upgraded_only_when_the_user_confirms():
    asked: list[str] = []
    with new_database() as url:
        engine = create_engine(url)
        upgrade(engine, "0012")
        engine.dispose()

        def say_no(message: str) -> bool:
            asked.append(message)
            return False

        no_password = lambda _url, _problem: ""  # noqa: E731 - the test server trusts loopback
        assert (
            open_chosen_database(url, is_default=False, ask=no_password, confirm_upgrade=say_no)
            is None
        )
        assert revision_of(url) == "0012"
        assert "only after a backup" in asked[0]

        opened = open_chosen_database(
            url, is_default=False, ask=no_password, confirm_upgrade=lambda _m: True
        )
        assert opened is not None
        opened.dispose()
        assert revision_of(url) == head_revision()


@pytest.fixture
def on_a_share(tmp_path, monkeypatch):
    """A database file in a folder the mount table says is an SMB share."""
    folder = tmp_path / "teamschijf"
    folder.mkdir()
    table = f"36 25 0:44 / {folder} rw,relatime - cifs //nas/team rw\n"
    monkeypatch.setattr(network_share, "_read_mount_table", lambda: table)
    return database_url(folder / "office.sqlite3")


def test_a_database_on_a_network_drive_is_named_unsafe_in_the_status_bar(
    qtbot, on_a_share, window_settings
):
    from holdmetight.ui.context import AppContext
    from holdmetight.ui.main_window import MainWindow

    database = open_database(on_a_share)
    try:
        window = MainWindow(AppContext(database), window_settings)
        qtbot.addWidget(window)
        window.show()
        assert window.share_label.isVisible()
        assert window.share_label.text() == "Database on a network drive"
        assert "SQLite is not safe there" in window.share_label.toolTip()
        assert "(cifs)" in window.share_label.toolTip()
        set_language("nl")
        window.retranslate()
        assert window.share_label.text() == "Database op een netwerkschijf"
        assert "SQLite is daar niet veilig" in window.share_label.toolTip()
    finally:
        database.dispose()


def test_a_database_on_this_pc_has_no_network_warning(qtbot, database, window_settings):
    from holdmetight.ui.context import AppContext
    from holdmetight.ui.main_window import MainWindow

    window = MainWindow(AppContext(database), window_settings)
    qtbot.addWidget(window)
    window.show()
    assert not window.share_label.isVisible()
