"""Opening databases: new, current, damaged, foreign and newer files; pragmas; permissions."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from holdmetight.config import database_url
from holdmetight.db import database as database_module
from holdmetight.db.backup import list_backups
from holdmetight.db.database import open_database
from holdmetight.db.migrate import head_revision
from holdmetight.domain.models import metadata
from holdmetight.errors import DatabaseError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_migrated_schema_equals_the_models(database):
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_new_database_is_readable_by_the_user_only(db_path, database):
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_default_database_folder_is_created_private(tmp_path):
    path = tmp_path / "data" / "holdmetight" / "holdmetight.sqlite3"
    opened = open_database(database_url(path), private_dir=True)
    opened.dispose()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.sqlite_only
def test_sqlite_runs_with_wal_foreign_keys_and_full_sync(database):
    with database.engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        }
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": 2,
        "busy_timeout": 10000,
    }


def test_random_bytes_are_refused_and_left_untouched(tmp_path):
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(bytes(range(256)) * 40)
    before = digest(path)
    with pytest.raises(DatabaseError, match="not a holdmetight database"):
        open_database(database_url(path))
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["garbage.sqlite3"]


def test_damaged_database_left_open_is_refused_and_left_untouched(tmp_path, database, db_path):
    database.dispose()
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(db_path.read_bytes())
    data[4096 * 3 : 4096 * 6] = b"\xff" * (4096 * 3)  # overwrite pages in the middle
    damaged.write_bytes(bytes(data))
    # Damage inside the pages is looked for at opening when the last program did not close the
    # database (a write-ahead log with writes in it is still there); otherwise the window's
    # background check and ``holdmetight check`` find it (tests/test_startup_integrity.py).
    Path(f"{damaged}-wal").write_bytes(bytes(4096))
    before = digest(damaged)
    with pytest.raises(DatabaseError, match="damaged"):
        open_database(database_url(damaged))
    assert digest(damaged) == before


def test_database_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    other.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="not a holdmetight database"):
        open_database(database_url(path))
    assert digest(path) == before


def test_database_from_a_newer_version_is_refused(database, db_path):
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    database.dispose()
    before = digest(db_path)
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(database_url(db_path))
    assert digest(db_path) == before


def test_missing_folder_gives_a_clear_message(tmp_path):
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(database_url(tmp_path / "nowhere" / "office.sqlite3"))


def test_current_database_opens_without_a_backup(database, db_path):
    database.dispose()
    open_database(database_url(db_path)).dispose()
    assert list_backups(db_path.parent / "backups") == []


def test_older_database_is_backed_up_before_it_is_migrated(database, db_path, monkeypatch):
    database.dispose()
    current = head_revision()
    steps: list[str] = []
    monkeypatch.setattr(database_module, "head_revision", lambda: "next")

    def fake_upgrade(engine):
        steps.append("upgrade")
        assert len(list_backups(db_path.parent / "backups")) == 1, "backup exists before upgrading"

    monkeypatch.setattr(database_module, "upgrade", fake_upgrade)
    open_database(database_url(db_path)).dispose()
    assert steps == ["upgrade"]
    (backup,) = list_backups(db_path.parent / "backups")
    assert current in backup.name and stat.S_IMODE(backup.stat().st_mode) == 0o600
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (current,)
    copy.close()


def test_a_foreign_file_with_a_revision_table_is_refused_untouched(tmp_path):
    path = tmp_path / "other-app.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        other.execute("INSERT INTO alembic_version VALUES ('0001')")
        other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    other.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="not a holdmetight database"):
        open_database(database_url(path))
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-app.sqlite3"]


def test_a_missing_database_is_not_created_unless_asked(tmp_path):
    path = tmp_path / "typo.sqlite3"
    with pytest.raises(DatabaseError, match="There is no database at"):
        open_database(database_url(path), create=False)
    assert not path.exists()


def test_upgrading_makes_the_database_readable_by_the_user_only(database, db_path, monkeypatch):
    database.dispose()
    db_path.chmod(0o644)
    monkeypatch.setattr(database_module, "head_revision", lambda: "next")
    monkeypatch.setattr(database_module, "upgrade", lambda engine: None)
    open_database(database_url(db_path)).dispose()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read and write any file")
def test_read_only_file_and_folder_get_one_clear_sentence(database, db_path):
    database.dispose()
    db_path.chmod(0o400)
    try:
        with pytest.raises(DatabaseError, match="is read-only"):
            open_database(database_url(db_path))
    finally:
        db_path.chmod(0o600)
    db_path.parent.chmod(0o500)
    try:
        with pytest.raises(DatabaseError, match=r"folder .* is read-only"):
            open_database(database_url(db_path))
    finally:
        db_path.parent.chmod(0o700)
