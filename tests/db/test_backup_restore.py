"""Backups and restore, from the command line as IT support would use them."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta

from holdmetight.cli import main
from holdmetight.db.backup import backup_if_due, list_backups


def courses_of(db: str, capsys) -> list[str]:
    assert main(["--db", db, "courses"]) == 0
    return capsys.readouterr().out.splitlines()


def test_backup_then_restore_brings_the_data_back(tmp_path, capsys):
    db = str(tmp_path / "office.sqlite3")
    assert main(["--db", db, "init"]) == 0
    out = tmp_path / "before-demo.sqlite3"
    assert main(["--db", db, "backup", "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()
    assert len(courses_of(db, capsys)) == 4
    assert main(["--db", db, "restore", str(out)]) == 0
    said = capsys.readouterr().out
    assert "was kept as" in said
    assert courses_of(db, capsys) == []
    (kept,) = [p for p in list_backups(tmp_path / "backups") if "before-restore" in p.name]
    assert len(courses_of(str(kept), capsys)) == 4, "the replaced database can be restored again"


def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path, capsys):
    db = str(tmp_path / "office.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    before = (tmp_path / "office.sqlite3").read_bytes()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    assert main(["--db", db, "restore", str(bad)]) == 1
    assert "bad.sqlite3" in capsys.readouterr().err
    assert (tmp_path / "office.sqlite3").read_bytes() == before


def test_restore_over_a_damaged_database_keeps_the_damaged_file(tmp_path, capsys):
    good = str(tmp_path / "good.sqlite3")
    assert main(["--db", good, "demo"]) == 0
    broken = tmp_path / "office.sqlite3"
    broken.write_bytes(b"garbage" * 100)
    assert main(["--db", str(broken), "restore", good]) == 0
    capsys.readouterr()
    assert len(courses_of(str(broken), capsys)) == 4
    (kept,) = list_backups(tmp_path / "backups")
    assert "replaced-unreadable" in kept.name and kept.read_bytes() == b"garbage" * 100


def test_backup_without_out_goes_to_the_backups_folder_and_refuses_to_overwrite(tmp_path, capsys):
    db = str(tmp_path / "office.sqlite3")
    assert main(["--db", db, "init"]) == 0
    assert main(["--db", db, "backup"]) == 0
    (made,) = list_backups(tmp_path / "backups")
    assert "manual" in made.name
    assert main(["--db", db, "backup", "--out", str(made)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_automatic_backup_is_made_once_a_day(database, db_path, tmp_path):
    folder = tmp_path / "auto"
    first = backup_if_due(db_path, folder)
    assert first is not None and backup_if_due(db_path, folder) is None
    yesterday = (datetime.now() - timedelta(days=2)).timestamp()
    os.utime(first, (yesterday, yesterday))
    assert backup_if_due(db_path, folder) is not None
    assert len(list_backups(folder)) == 2
