"""The settings file: a user's choices survive upgrades of the program in both directions; the
database a user names (a path or a URL) opens, or is refused in one sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from holdmetight import config_upgrade
from holdmetight.cli import main
from holdmetight.config import (
    Settings,
    database_url,
    load_settings,
    resolve_database,
    save_settings,
)
from holdmetight.config_upgrade import RawSettings
from holdmetight.errors import DatabaseError


def write(path: Path, content: object) -> Path:
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def read(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.json"


def test_settings_from_before_numbered_formats_load_and_are_saved_as_version_1(settings_file):
    write(
        settings_file,
        {"language": "nl", "database": "/srv/wijkteam/holdmetight.sqlite3", "pdf_folder": "/tmp"},
    )
    settings = load_settings(settings_file)
    assert (settings.language, settings.database) == ("nl", "/srv/wijkteam/holdmetight.sqlite3")
    assert settings.extra == {"pdf_folder": "/tmp"}

    save_settings(settings, settings_file)

    assert read(settings_file) == {
        "language": "nl",
        "database": "/srv/wijkteam/holdmetight.sqlite3",
        "pdf_folder": "/tmp",
        "settings_version": 1,
    }


def test_loading_an_old_file_does_not_rewrite_it(settings_file):
    write(settings_file, {"language": "en"})
    load_settings(settings_file)
    assert read(settings_file) == {"language": "en"}


def test_the_first_save_writes_the_current_format(settings_file):
    save_settings(Settings(language="en"), settings_file)
    assert read(settings_file) == {"language": "en", "settings_version": 1}


def test_a_later_release_that_renames_a_setting_keeps_the_users_choice(settings_file, monkeypatch):
    applied: list[str] = []

    def upgrade_to_v1(raw: RawSettings) -> None:
        applied.append("v1")
        config_upgrade.upgrade_to_v1(raw)

    def upgrade_to_v2(raw: RawSettings) -> None:
        """Version 2 calls the folder for printed PDFs ``print_folder``."""
        applied.append("v2")
        if "pdf_folder" in raw:
            raw["print_folder"] = raw.pop("pdf_folder")

    monkeypatch.setattr(config_upgrade, "UPGRADE_STEPS", [upgrade_to_v1, upgrade_to_v2])
    write(settings_file, {"language": "nl", "pdf_folder": "/home/anna/Afdrukken"})

    settings = load_settings(settings_file)
    assert applied == ["v1", "v2"]
    assert settings.language == "nl"
    assert settings.extra == {"print_folder": "/home/anna/Afdrukken"}

    save_settings(settings, settings_file)
    assert read(settings_file) == {
        "language": "nl",
        "print_folder": "/home/anna/Afdrukken",
        "settings_version": 2,
    }
    applied.clear()
    assert load_settings(settings_file).extra == {"print_folder": "/home/anna/Afdrukken"}
    assert applied == []


def test_a_file_of_version_1_gets_only_the_steps_after_it(settings_file, monkeypatch):
    applied: list[str] = []
    steps = [lambda raw: applied.append("v1"), lambda raw: applied.append("v2")]
    monkeypatch.setattr(config_upgrade, "UPGRADE_STEPS", steps)
    write(settings_file, {"language": "en", "settings_version": 1})
    load_settings(settings_file)
    assert applied == ["v2"]


def test_a_file_from_a_newer_release_is_read_and_written_back_without_losing_anything(
    settings_file,
):
    newer = {
        "settings_version": 7,
        "language": "en",
        "database": {"url": "postgresql+psycopg://db.wijkteam.local/hmv", "pool": 5},
        "theme": {"dark": True},
    }
    write(settings_file, newer)

    settings = load_settings(settings_file)
    assert settings.language == "en"
    assert settings.database is None
    save_settings(settings, settings_file)
    assert read(settings_file) == newer

    settings.language = "nl"
    save_settings(settings, settings_file)
    assert read(settings_file) == {**newer, "language": "nl"}


def test_an_unusable_format_number_is_read_as_the_oldest_format(settings_file):
    write(settings_file, {"settings_version": "twee", "language": "nl"})
    settings = load_settings(settings_file)
    assert settings.language == "nl"
    save_settings(settings, settings_file)
    assert read(settings_file) == {"language": "nl", "settings_version": 1}


@pytest.mark.parametrize(
    "content",
    [b'{"language": "nl",', b"[1, 2, 3]", b'"nl"', b"null", b"\xff\xfe\x00l\x00a"],
    ids=["cut-off", "a list", "a string", "null", "not utf-8"],
)
def test_an_unreadable_file_gives_the_defaults_and_is_left_as_it_was(settings_file, content):
    settings_file.write_bytes(content)
    settings = load_settings(settings_file)
    assert (settings.language, settings.database, settings.extra) == (None, None, {})
    assert settings_file.read_bytes() == content


def test_no_file_yet_gives_the_defaults(settings_file):
    settings = load_settings(settings_file)
    assert (settings.language, settings.database, settings.extra) == (None, None, {})
    assert not settings_file.exists()


def test_every_upgrade_step_says_what_changed():
    assert all((step.__doc__ or "").strip() for step in config_upgrade.UPGRADE_STEPS)


# Which database: --db, HOLDMETIGHT_DB and the settings file give a path or a URL.


@pytest.mark.parametrize(
    "written",
    [
        "postgres://hmt@db.wijkteam.local/office",
        "postgresql://hmt@db.wijkteam.local/office",
        "postgresql+psycopg2://hmt@db.wijkteam.local/office",
        "PostgreSQL://hmt@db.wijkteam.local/office",
        "postgresql+psycopg://hmt@db.wijkteam.local/office",
    ],
)
def test_a_server_url_written_any_usual_way_opens_with_the_driver_we_ship(written):
    assert database_url(written) == "postgresql+psycopg://hmt@db.wijkteam.local/office"


def test_a_server_url_keeps_its_port_escaped_password_and_options():
    written = "postgres://hmt:geh%40im99@db.wijkteam.local:6543/office?sslmode=require"
    url = database_url(written)
    assert url == "postgresql+psycopg" + written.removeprefix("postgres")
    assert make_url(url).password == "geh@im99"


@pytest.mark.parametrize(
    "url", ["sqlite:////srv/wijkteam/holdmetight.sqlite3", "sqlite:///office.sqlite3", "sqlite://"]
)
def test_a_sqlite_url_is_kept_as_it_is(url):
    assert database_url(url) == url


def test_a_path_becomes_a_sqlite_url_of_the_whole_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert database_url("office.sqlite3") == f"sqlite:///{tmp_path / 'office.sqlite3'}"
    assert database_url(tmp_path / "a b.sqlite3") == f"sqlite:///{tmp_path / 'a b.sqlite3'}"


def test_a_windows_path_with_its_drive_letter_is_a_path_not_a_url(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = database_url("C:\\data\\office.sqlite3")
    assert url.startswith("sqlite:///") and url.endswith("C:\\data\\office.sqlite3")


@pytest.mark.parametrize(
    "url", ["mysql://hmt@db.wijkteam.local/office", "http://db.wijkteam.local/office"]
)
def test_another_kind_of_database_is_named_with_the_two_that_work(url):
    with pytest.raises(DatabaseError) as caught:
        database_url(url)
    kind = url.split("://")[0]
    assert str(caught.value) == (
        f"A \u201c{kind}\u201d database cannot be opened: holdmetight works with a SQLite file"
        " or a PostgreSQL server (postgresql://user@server/database)."
    )


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://hmt@db.wijkteam.local:abc/office",
        "postgresql://hmt@db.wijkteam.local:/office",
        "postgresql://hmt@db.wijkteam.local:99999/office",
    ],
    ids=["letters", "empty", "too high"],
)
def test_a_port_that_is_not_a_number_is_named(url):
    with pytest.raises(DatabaseError, match=r"^The port in the database URL must be a number"):
        database_url(url)


@pytest.mark.parametrize(
    "url", ["post gres://db.wijkteam.local/office", "hmt:geh@im99://db.wijkteam.local"]
)
def test_a_url_that_cannot_be_read_says_how_to_write_one_without_showing_it(url):
    with pytest.raises(DatabaseError) as caught:
        database_url(url)
    assert str(caught.value).startswith("The database URL cannot be read")
    assert "wijkteam" not in str(caught.value) and "im99" not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://postgres:geh@im99@127.0.0.1:55432/office",
        "postgresql://postgres:geh@im99@db.wijkteam.local/office",
        "postgresql://postgres:geh@im:99@db.wijkteam.local:5432/office",
    ],
)
def test_an_at_sign_in_a_password_asks_for_percent_40_and_shows_no_part_of_the_url(url):
    with pytest.raises(DatabaseError) as caught:
        database_url(url)
    message = str(caught.value)
    assert "%40" in message and "%3A" in message and "%2F" in message and "%25" in message
    for part in ("im99", "im", "postgres", "wijkteam", "127.0.0.1"):
        assert part not in message


def test_an_at_sign_in_the_user_name_is_read_as_it_was_meant():
    url = database_url("postgresql://hmt@wijkteam:geh%40im99@db.wijkteam.local/office")
    assert (make_url(url).username, make_url(url).host) == ("hmt@wijkteam", "db.wijkteam.local")


def test_the_url_from_the_settings_file_is_checked_like_the_others(tmp_path):
    settings = Settings(database="postgres://hmt@db.wijkteam.local/office")
    url, is_default = resolve_database(None, environ={}, settings=settings)
    assert (url, is_default) == ("postgresql+psycopg://hmt@db.wijkteam.local/office", False)
    with pytest.raises(DatabaseError):
        resolve_database(None, environ={"HOLDMETIGHT_DB": "mysql://x/y"}, settings=settings)


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("mysql://hmt@db.wijkteam.local/office", "cannot be opened"),
        ("postgresql://hmt@db.wijkteam.local:abc/office", "The port"),
        ("postgresql://postgres:geh@im99@db.wijkteam.local/office", "%40"),
    ],
    ids=["another kind", "port", "at sign in the password"],
)
def test_the_command_line_says_what_is_wrong_with_the_url_in_one_line(url, said, capsys):
    assert main(["--db", url, "courses"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("holdmetight: ") and said in err
    assert "Traceback" not in err and "im99" not in err
