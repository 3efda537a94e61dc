"""Looking at a SQLite file before using it, without changing a byte of it."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100

# Tables every holdmetight database has had since its first version: a file with an
# ``alembic_version`` table but without these belongs to another program.
OUR_TABLES = frozenset({"organisation", "couple", "partner", "course", "enrollment"})


class FileState(Enum):
    MISSING = "missing"
    EMPTY = "empty"  # a valid database without tables (or a zero-byte file)
    OURS = "ours"  # has an Alembic revision table and our tables
    FOREIGN = "foreign"  # not SQLite, or SQLite without our revision table and tables
    DAMAGED = "damaged"  # SQLite header, but unreadable or failing the integrity check
    NO_ACCESS = "no_access"  # the user may not read it (another owner, a locked folder)


@dataclass(frozen=True)
class FileInspection:
    state: FileState
    revision: str | None = None


def inspect_file(path: Path) -> FileInspection:
    """Classify ``path`` by reading it read-only; the file itself is never written."""
    if not path.exists():
        return FileInspection(FileState.MISSING)
    if not path.is_file():
        return FileInspection(FileState.FOREIGN)
    try:
        size = path.stat().st_size
        if size == 0:
            return FileInspection(FileState.EMPTY)
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except PermissionError:
        return FileInspection(FileState.NO_ACCESS)
    if not header.startswith(SQLITE_HEADER):
        return FileInspection(FileState.FOREIGN)
    if _cut_short(header, size):
        return FileInspection(FileState.DAMAGED)
    # Without a write-ahead log beside it the file is read as it lies on disk ("immutable"), so
    # that SQLite creates no -wal or -shm file next to a file that may not be ours.
    has_log = Path(f"{path}-wal").exists()
    options = "mode=ro" if has_log else "mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)
    except sqlite3.Error:
        return FileInspection(FileState.DAMAGED)
    try:
        check = connection.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            return FileInspection(FileState.DAMAGED)
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables:
            return FileInspection(FileState.EMPTY)
        if "alembic_version" not in tables or not OUR_TABLES.issubset(tables):
            return FileInspection(FileState.FOREIGN)
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return FileInspection(FileState.OURS, row[0] if row else None)
    except sqlite3.DatabaseError:
        return FileInspection(FileState.DAMAGED)
    finally:
        connection.close()


def _cut_short(header: bytes, size: int) -> bool:
    """Whether the file ends before its last page does (SQLite would read the missing bytes
    as zeros and find nothing wrong)."""
    if len(header) < HEADER_SIZE:
        return True
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or size % page_size:
        return True
    change_counter = header[24:28]
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is to be trusted when it was written with the last change.
    return header[92:96] == change_counter and pages > 0 and size < pages * page_size


def create_private_file(path: Path) -> None:
    """Create an empty file readable and writable by the user only (SQLite's journal files
    inherit these permissions)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
