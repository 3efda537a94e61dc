"""Backups are written whole or not at all, and what an interrupted one leaves never counts."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from holdmetight.db import backup as backup_module
from holdmetight.db.backup import (
    backup_database,
    backup_file_name,
    backup_if_due,
    clean_leftovers,
    copy_database,
    list_backups,
    set_aside,
)
from holdmetight.db.files import FileInspection, FileState
from holdmetight.db.restore import restore_database
from holdmetight.errors import DatabaseError

# How versions before 2026-12 wrote a backup, stopped part-way as a killed process stops: no
# rollback, no clean-up. A tiny cache makes SQLite write pages before the copy is done.
INTERRUPTED_OLD_BACKUP = """
import os, sqlite3, sys
source, target = sys.argv[1:3]
src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
dest = sqlite3.connect(target)
dest.execute("PRAGMA cache_size = 4")
steps = 0
def progress(status, remaining, total):
    global steps
    steps += 1
    if steps == 3:
        os._exit(0)
src.backup(dest, pages=10, progress=progress)
"""


def restorable(path: Path) -> bool:
    """Judged the way IT support would: SQLite's full integrity check, and the data is there."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            ok = db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            return ok and db.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    except sqlite3.Error:
        return False


def name_at(folder: Path, moment: datetime, reason: str = "auto") -> Path:
    return folder / backup_file_name(moment, reason)


def interrupted_old_backup(source: Path, target: Path) -> Path:
    subprocess.run([sys.executable, "-c", INTERRUPTED_OLD_BACKUP, source, target], check=True)
    assert Path(f"{target}-journal").exists() and target.stat().st_size > 0, "left part-way"
    return target


def make_old(*paths: Path, minutes: int = 10) -> None:
    then = time.time() - minutes * 60
    for path in paths:
        os.utime(path, (then, then))


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture
def source(database, db_path) -> Path:
    database.dispose()
    return db_path


@pytest.fixture
def folder(tmp_path) -> Path:
    made = tmp_path / "backups"
    made.mkdir()
    return made


def test_an_interrupted_old_backup_under_a_backup_name_is_not_a_backup(source, folder):
    unfinished = interrupted_old_backup(source, name_at(folder, datetime.now()))
    assert not restorable(unfinished)
    assert list_backups(folder) == []


def test_the_unfinished_file_and_its_journal_are_removed_once_old(source, folder):
    unfinished = interrupted_old_backup(source, name_at(folder, datetime.now()))
    journal = Path(f"{unfinished}-journal")
    assert clean_leftovers(folder) == [], "a backup might still be writing a young file"
    make_old(unfinished, journal)
    assert set(clean_leftovers(folder)) == {unfinished, journal}
    assert files_in(folder) == set()


@pytest.mark.parametrize("broken_are_old", [True, False], ids=["old-broken", "young-broken"])
def test_rotation_keeps_ten_good_backups_when_five_newer_ones_are_broken(
    source, folder, broken_are_old
):
    good = [backup_database(source, folder, reason="auto") for _ in range(10)]
    later = datetime.now() + timedelta(minutes=1)
    broken = [
        interrupted_old_backup(source, name_at(folder, later + timedelta(seconds=s)))
        for s in range(3)
    ]
    truncated = name_at(folder, later + timedelta(seconds=3))
    truncated.write_bytes(good[-1].read_bytes()[:50_000])
    garbage = name_at(folder, later + timedelta(seconds=4))
    garbage.write_bytes(b"SQLite format 3\x00" + b"\x00" * 8000)
    broken += [truncated, garbage]
    if broken_are_old:
        make_old(*folder.iterdir())

    newest = backup_database(source, folder, reason="manual", keep=10)

    kept = list_backups(folder)
    assert kept == [newest, *reversed(good[1:])], "the oldest good backup made way for the new"
    assert all(restorable(p) for p in kept)
    left = [b for b in broken if b.exists()]
    assert left == ([] if broken_are_old else broken), "broken files are removed once old"


def test_the_daily_backup_is_not_fooled_by_an_unfinished_file_of_today(source, folder):
    yesterdays = backup_database(source, folder, reason="auto")
    make_old(yesterdays, minutes=2 * 24 * 60)
    interrupted_old_backup(source, name_at(folder, datetime.now()))

    made = backup_if_due(source, folder)

    assert made is not None and restorable(made)
    assert list_backups(folder) == [made, yesterdays]


def test_the_partial_files_of_an_interrupted_backup_are_removed_once_old(source, folder):
    good = backup_database(source, folder, reason="auto")
    partial = folder / f".{good.name}.0badf00d.partial"
    partial.write_bytes(b"\x00" * 4096)
    partial_journal = Path(f"{partial}-journal")
    partial_journal.write_bytes(b"\x00" * 512)
    orphan_wal = Path(f"{name_at(folder, datetime.now())}-wal")
    orphan_wal.write_bytes(b"")
    someone_elses = folder / "notes.txt"
    someone_elses.write_text("not ours")

    assert list_backups(folder) == [good]
    assert clean_leftovers(folder) == []
    make_old(partial, partial_journal, orphan_wal, someone_elses)
    clean_leftovers(folder)

    assert files_in(folder) == {good.name, someone_elses.name}


def test_a_backup_is_one_file_that_readers_leave_alone(source, folder):
    made = backup_database(source, folder, reason="manual")
    assert restorable(made)
    assert files_in(folder) == {made.name}, "no journal, write-ahead log or temporary file"


def test_a_copy_that_fails_its_check_is_not_kept(source, folder, monkeypatch):
    monkeypatch.setattr(
        backup_module, "inspect_file", lambda _path: FileInspection(FileState.DAMAGED)
    )
    with pytest.raises(DatabaseError, match="did not pass its check"):
        backup_database(source, folder, reason="manual")
    assert files_in(folder) == set()


def test_a_copy_that_cannot_be_written_leaves_nothing(tmp_path, folder):
    with pytest.raises(sqlite3.Error):
        backup_database(tmp_path / "nowhere.sqlite3", folder, reason="manual")
    assert files_in(folder) == set()


def test_copying_to_an_existing_file_refuses_and_leaves_it_alone(source, tmp_path):
    mine = tmp_path / "mine.sqlite3"
    mine.write_text("keep me")
    with pytest.raises(FileExistsError):
        copy_database(source, mine)
    assert mine.read_text() == "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_a_copy_set_aside_is_never_rotated_or_cleaned_away(source, folder, tmp_path):
    unreadable = tmp_path / "unreadable.sqlite3"
    unreadable.write_bytes(b"garbage" * 100)
    kept = set_aside(unreadable, folder, reason="replaced-unreadable")
    make_old(kept)
    made = [backup_database(source, folder, reason="auto", keep=2) for _ in range(3)]
    make_old(*folder.iterdir())
    clean_leftovers(folder)

    assert kept.read_bytes() == b"garbage" * 100
    assert list_backups(folder) == [made[2], made[1], kept]


def test_a_restore_clears_what_an_interrupted_restore_left(source, folder, tmp_path):
    chosen = backup_database(source, folder, reason="manual")
    office = tmp_path / "restored.sqlite3"
    left = [
        tmp_path / ".restored.sqlite3.restoring",
        tmp_path / ".restored.sqlite3.restoring-journal",
    ]
    for path in left:
        path.write_bytes(b"\x00" * 512)
    make_old(*left)

    restore_database(chosen, office, folder)

    assert restorable(office)
    assert {p.name for p in tmp_path.iterdir() if p.name.startswith(".")} == set()
