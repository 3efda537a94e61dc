"""The Dutch catalog is compiled once and kept in the user's cache folder: later starts only
read it, an edited catalog is compiled anew, and a damaged or unwritable cache costs nothing but
the compiling."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from holdmetight import i18n

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "translations" / "nl" / "LC_MESSAGES" / "holdmetight.po"
MESSAGE = "Courses"


@pytest.fixture
def translations(tmp_path, monkeypatch):
    """A copy of the shipped catalogs the test may edit; the catalogs read are forgotten before
    and after, so no other test sees them."""
    folder = tmp_path / "translations" / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(PO, folder / PO.name)
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path / "translations")
    i18n.catalog.cache_clear()
    yield folder / PO.name
    i18n.catalog.cache_clear()


def kept_files() -> list[Path]:
    return sorted(i18n._compiled_dir().glob("holdmetight-nl-*.mo"))


def dutch(message: str) -> str:
    return i18n.catalog("nl").gettext(message)


def test_the_compiled_catalog_is_kept_and_read_at_the_next_start(translations, monkeypatch):
    assert dutch(MESSAGE) == "Cursussen"
    assert len(kept_files()) == 1
    i18n.catalog.cache_clear()

    def not_again(source: bytes, language: str) -> bytes:
        raise AssertionError("the kept catalog should have been read")

    monkeypatch.setattr(i18n, "compile_catalog", not_again)
    assert dutch(MESSAGE) == "Cursussen"


def test_an_edited_catalog_is_compiled_anew_and_replaces_the_kept_one(translations):
    assert dutch(MESSAGE) == "Cursussen"
    (first,) = kept_files()
    text = translations.read_text(encoding="utf-8")
    translations.write_text(
        text.replace('msgstr "Cursussen"', 'msgstr "Trainingen"', 1), encoding="utf-8"
    )
    i18n.catalog.cache_clear()
    assert dutch(MESSAGE) == "Trainingen"
    (second,) = kept_files()
    assert second != first


@pytest.mark.parametrize("damage", [b"", b"\x00" * 3, b"not a catalog at all" * 10])
def test_a_damaged_kept_catalog_is_compiled_anew(translations, damage):
    dutch(MESSAGE)
    (kept,) = kept_files()
    kept.write_bytes(damage)
    i18n.catalog.cache_clear()
    assert dutch(MESSAGE) == "Cursussen"
    assert kept.read_bytes() != damage


def test_a_cache_folder_that_cannot_be_written_still_translates(translations, monkeypatch):
    blocked = translations.parent / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setattr(i18n, "_compiled_dir", lambda: blocked / "catalogs")
    assert dutch(MESSAGE) == "Cursussen"
    assert not (blocked / "catalogs").exists()
