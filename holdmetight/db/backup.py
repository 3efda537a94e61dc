"""Rotating backups of the SQLite database with SQLite's online backup API, and restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from holdmetight.db.files import create_private_file

BACKUP_PREFIX = "holdmetight-"
BACKUP_SUFFIX = ".sqlite3"
KEEP_BACKUPS = 10
DAILY = timedelta(days=1)


def backup_file_name(moment: datetime, reason: str) -> str:
    """A name that says when and why, and nothing about whose data it holds."""
    return f"{BACKUP_PREFIX}{moment:%Y%m%d-%H%M%S-%f}-{reason}{BACKUP_SUFFIX}"


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database consistently into a new user-only file ``target``."""
    create_private_file(target)
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(target)
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def backup_database(source: Path, folder: Path, *, reason: str, keep: int = KEEP_BACKUPS) -> Path:
    """Back ``source`` up into ``folder`` and keep only the newest ``keep`` backups."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / backup_file_name(datetime.now(), reason)
    copy_database(source, target)
    rotate_backups(folder, keep=keep)
    return target


def backup_if_due(source: Path, folder: Path, *, every: timedelta = DAILY) -> Path | None:
    """The automatic backup: one when the newest backup is older than ``every`` (or missing)."""
    newest = next(iter(list_backups(folder)), None)
    if newest is not None:
        age = datetime.now() - datetime.fromtimestamp(newest.stat().st_mtime)
        if age < every:
            return None
    return backup_database(source, folder, reason="auto")


def list_backups(folder: Path) -> list[Path]:
    """The backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [
        p
        for p in folder.iterdir()
        if p.name.startswith(BACKUP_PREFIX) and p.name.endswith(BACKUP_SUFFIX)
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def rotate_backups(folder: Path, *, keep: int) -> None:
    for old in list_backups(folder)[keep:]:
        os.remove(old)


def set_aside(path: Path, folder: Path, *, reason: str) -> Path:
    """Keep a byte-for-byte copy of a database that cannot be read (it may still be rescued)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / backup_file_name(datetime.now(), reason)
    create_private_file(target)
    shutil.copyfile(path, target)
    return target


def replace_database(source: Path, target: Path) -> None:
    """Put a consistent copy of ``source`` in the place of ``target`` in one rename."""
    staging = target.with_name(f".{target.name}.restoring")
    staging.unlink(missing_ok=True)
    copy_database(source, staging)
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    os.replace(staging, target)
