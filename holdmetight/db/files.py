"""Looking at a SQLite file before using it, without changing a byte of it.

Two depths of looking. Opening a database looks at what can be read in milliseconds whatever
the file's size: the header, the length, the schema, our tables and the revision. SQLite's own
check of every page (``PRAGMA quick_check``, which reads the whole file: a third of a second for
150 MB) runs where it is worth its time: on a database the last program did not close (see
:func:`was_left_open`), on every backup copy before it is kept, on a backup before it is
restored, on request (``holdmetight check``), and in the background after the window started.
"""

from __future__ import annotations

import os
import sqlite3
import threading
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


def was_left_open(path: Path) -> bool:
    """Whether the last program to write to the database did not close it: it ended without
    closing (a crash, a killed process, a power cut) or it is still running.

    SQLite removes the write-ahead log beside a database when its last connection closes, so a
    ``-wal`` file holding writes means one of the two; either way a check of every page is worth
    its time. (A reader that may not write leaves an empty log behind: that is no sign.)
    """
    try:
        return os.stat(f"{path}-wal").st_size > 0
    except OSError:
        return False


def inspect_file(path: Path, *, every_page: bool = True) -> FileInspection:
    """Classify ``path`` by reading it read-only; the file itself is never written.

    With ``every_page`` SQLite's quick check reads the whole file; without it only the header,
    the length, the schema and the revision are read, and damage inside the data pages shows
    only when they are read (or checked with :class:`IntegrityCheck`).
    """
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
    try:
        connection = _read_only(path)
    except sqlite3.Error:
        return FileInspection(FileState.DAMAGED)
    try:
        if every_page:
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


def _read_only(path: Path) -> sqlite3.Connection:
    # Without a write-ahead log beside it the file is read as it lies on disk ("immutable"), so
    # that SQLite creates no -wal or -shm file next to a file that may not be ours.
    options = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)


class IntegrityCheck:
    """SQLite's check of every page of one database file, on a read-only connection of its own.

    :meth:`run` may be called in a worker thread while the application goes on using the
    database; :meth:`stop` (from any thread) makes it end early, for a window that closes.
    ``full`` adds what ``PRAGMA integrity_check`` checks beyond the quick check (that every
    index agrees with its table), at several times the cost.
    """

    def __init__(self, path: Path, *, full: bool = False) -> None:
        self.path = path
        self.full = full
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._stopped = False

    def run(self) -> list[str] | None:
        """What SQLite found wrong (empty when the file is sound), or None when stopped."""
        pragma = "integrity_check" if self.full else "quick_check"
        try:
            # Not immutable: the application may be writing to the database meanwhile.
            connection = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
        except sqlite3.Error as error:
            return [str(error)]
        with self._lock:
            if self._stopped:
                connection.close()
                return None
            self._connection = connection
        try:
            found = [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}")]
        except sqlite3.DatabaseError as error:
            if self._stopped:
                return None
            return [str(error)]
        finally:
            with self._lock:
                self._connection = None
                connection.close()
        return [] if found == ["ok"] else found

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._connection is not None:
                self._connection.interrupt()


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
