"""Restoring a backup: check it first, keep the current database aside, then swap."""

from __future__ import annotations

from pathlib import Path

from holdmetight.db.backup import backup_database, replace_database, set_aside
from holdmetight.db.files import FileState, inspect_file
from holdmetight.db.migrate import known_revisions
from holdmetight.errors import DatabaseError
from holdmetight.i18n import _


def check_backup(path: Path) -> None:
    """Refuse a file that is not a sound holdmetight database this version can open."""
    found = inspect_file(path)
    if found.state is FileState.MISSING:
        raise DatabaseError(_("The file {name} does not exist.").format(name=path))
    if found.state is FileState.DAMAGED:
        raise DatabaseError(
            _("The backup {name} is damaged; choose another backup.").format(name=path)
        )
    if found.state is not FileState.OURS:
        raise DatabaseError(_("The file {name} is not a holdmetight database.").format(name=path))
    if found.revision not in known_revisions():
        raise DatabaseError(
            _("The backup {name} was made by a newer version of holdmetight.").format(name=path)
        )


def restore_database(backup: Path, database: Path, backups_dir: Path) -> Path | None:
    """Replace ``database`` by ``backup``; returns where the replaced database was kept.

    The backup is checked before anything changes. The current database is backed up first
    (or, when it cannot be read, kept byte for byte), so a restore can itself be undone.
    """
    check_backup(backup)
    if backup.resolve() == database.resolve():
        raise DatabaseError(_("That backup is the database itself."))
    kept: Path | None = None
    if database.exists():
        if inspect_file(database).state is FileState.OURS:
            kept = backup_database(database, backups_dir, reason="before-restore")
        else:
            kept = set_aside(database, backups_dir, reason="replaced-unreadable")
    replace_database(backup, database)
    return kept
