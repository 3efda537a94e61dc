"""The settings file: a user's choices survive upgrades of the program in both directions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from holdmetight import config_upgrade
from holdmetight.config import Settings, load_settings, save_settings
from holdmetight.config_upgrade import RawSettings


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
