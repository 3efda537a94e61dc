"""Rotating backups of the SQLite database with SQLite's online backup API, and restore."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from holdmetight.db.files import create_private_file

BACKUP_PREFIX = "holdmetight-"
BACKUP_SUFFIX = ".sqlite3"
KEEP_BACKUPS = 10


def backup_file_name(moment: datetime, reason: str) -> str:
    """A name that says when and why, and nothing about whose data it holds."""
    return f"{BACKUP_PREFIX}{moment:%Y%m%d-%H%M%S-%f}-{reason}{BACKUP_SUFFIX}"


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database consistently into a new user-only file ``target``."""
    create_private_file(target)
    try:
        with sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True) as src:
            dest = sqlite3.connect(target)
            try:
                src.backup(dest)
            finally:
                dest.close()
        src.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def backup_database(source: Path, folder: Path, *, reason: str, keep: int = KEEP_BACKUPS) -> Path:
    """Back ``source`` up into ``folder`` and keep only the newest ``keep`` automatic backups."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / backup_file_name(datetime.now(), reason)
    copy_database(source, target)
    rotate_backups(folder, keep=keep)
    return target


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
