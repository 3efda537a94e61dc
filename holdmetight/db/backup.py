"""Rotating backups of the SQLite database with SQLite's online backup API, and restore.

A copy is written under a hidden temporary name beside its final name, checked (SQLite's quick
check, and our tables), flushed to disk and only then renamed into place, so a file under a
final name is complete. What an interrupted backup leaves behind (the temporary file, journals,
and unfinished files under final names as earlier versions left them) is never listed, counted
or kept in place of a good backup; it is removed once it is old enough that no backup can still
be writing it.
"""

from __future__ import annotations

import errno
import glob
import os
import secrets
import shutil
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from holdmetight.db.files import FileState, create_private_file, inspect_file
from holdmetight.errors import DatabaseError
from holdmetight.i18n import _

BACKUP_PREFIX = "holdmetight-"
BACKUP_SUFFIX = ".sqlite3"
PARTIAL_SUFFIX = ".partial"
SET_ASIDE_MARK = "-set-aside"
# Earlier versions gave a copy set aside no mark, only this reason.
OLD_SET_ASIDE_ENDING = f"-replaced-unreadable{BACKUP_SUFFIX}"
OLD_STAGING_SUFFIX = ".restoring"
SIDECARS = ("-journal", "-wal", "-shm")
KEEP_BACKUPS = 10
DAILY = timedelta(days=1)
# A temporary file is written to all the time while a copy is made; one untouched for this long
# belongs to a backup that was interrupted.
LEFTOVER_AGE = timedelta(minutes=2)


def backup_file_name(moment: datetime, reason: str) -> str:
    """A name that says when and why, and nothing about whose data it holds."""
    return f"{BACKUP_PREFIX}{moment:%Y%m%d-%H%M%S-%f}-{reason}{BACKUP_SUFFIX}"


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database consistently into the new user-only file ``target``.

    ``target`` appears only once the copy is complete and checked (a copy that fails the check
    raises ``DatabaseError``); an existing ``target`` is refused with ``FileExistsError``.
    """
    if os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
    with _staged_copy(source, target) as staged:
        _put_in_new_place(staged, target)
    _sync_folder(target.parent)


def backup_database(source: Path, folder: Path, *, reason: str, keep: int = KEEP_BACKUPS) -> Path:
    """Back ``source`` up into ``folder`` and keep only the newest ``keep`` verified backups."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    found = _survey(folder)
    _remove_old(found.leftovers, older_than=LEFTOVER_AGE)
    target = folder / backup_file_name(datetime.now(), reason)
    with _staged_copy(source, target) as staged:
        os.replace(staged, target)
    _sync_folder(folder)
    _remove_backups([target, *found.verified][keep:])
    return target


def backup_if_due(source: Path, folder: Path, *, every: timedelta = DAILY) -> Path | None:
    """The automatic backup: one when the newest verified backup is older than ``every`` (or
    there is none)."""
    newest = next(_verified_newest_first(folder), None)
    if newest is not None:
        age = datetime.now() - datetime.fromtimestamp(newest.stat().st_mtime)
        if age < every:
            return None
    return backup_database(source, folder, reason="auto")


def list_backups(folder: Path) -> list[Path]:
    """The complete, verified backups in ``folder`` and the copies of unreadable databases set
    aside there, newest first; what an interrupted backup left is never listed."""
    if not folder.is_dir():
        return []
    found = _survey(folder)
    return sorted([*found.verified, *found.set_aside], key=lambda p: p.name, reverse=True)


def rotate_backups(folder: Path, *, keep: int) -> None:
    """Keep the newest ``keep`` verified backups; broken files never take the place of one."""
    if folder.is_dir():
        _remove_backups(_survey(folder).verified[keep:])


def clean_leftovers(folder: Path, *, older_than: timedelta = LEFTOVER_AGE) -> list[Path]:
    """Remove what interrupted backups left in ``folder`` once it is ``older_than`` (younger
    files may belong to a backup being written right now); returns what was removed."""
    if not folder.is_dir():
        return []
    return _remove_old(_survey(folder).leftovers, older_than=older_than)


def set_aside(path: Path, folder: Path, *, reason: str) -> Path:
    """Keep a byte-for-byte copy of a database that cannot be read (it may still be rescued).

    Such a copy is never checked, counted among the backups or rotated away.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / backup_file_name(datetime.now(), f"{reason}{SET_ASIDE_MARK}")
    staged = _staging_name(target)
    create_private_file(staged)
    try:
        shutil.copyfile(path, staged)
        _sync_file(staged)
        os.replace(staged, target)
    finally:
        _remove_with_journals(staged)
    _sync_folder(folder)
    return target


def replace_database(source: Path, target: Path) -> None:
    """Put a consistent, checked copy of ``source`` in the place of ``target`` in one rename."""
    stale = [
        [p]
        for p in target.parent.glob(f".{glob.escape(target.name)}.*")
        if _without_sidecar(p.name).endswith((PARTIAL_SUFFIX, OLD_STAGING_SUFFIX))
    ]
    _remove_old(stale, older_than=LEFTOVER_AGE)
    with _staged_copy(source, target) as staged:
        # The replaced database's write-ahead log must not be applied to the new file.
        for log in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            log.unlink(missing_ok=True)
        os.replace(staged, target)
    _sync_folder(target.parent)


@contextmanager
def _staged_copy(source: Path, target: Path) -> Iterator[Path]:
    """A checked copy of ``source``, on disk under a hidden name beside ``target``, for the
    caller to rename into place; it is removed if it is not."""
    staged = _staging_name(target)
    create_private_file(staged)
    try:
        _online_copy(source, staged)
        if inspect_file(staged).state is not FileState.OURS:
            raise DatabaseError(
                _(
                    "The copy of {name} did not pass its check and was not kept; "
                    "{name} may be damaged. Ask your IT support for help."
                ).format(name=source)
            )
        _sync_file(staged)
        yield staged
    finally:
        _remove_with_journals(staged)


def _online_copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            # An unfinished copy is thrown away, never rolled back: it needs no journal.
            dest.execute("PRAGMA journal_mode = OFF")
            src.backup(dest)
            # A copy of a WAL database says so in its header, and every reader would then
            # leave -wal and -shm files beside it: make it an ordinary single file.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        src.close()


def _put_in_new_place(staged: Path, target: Path) -> None:
    """Rename without ever replacing a file that appeared at ``target`` meanwhile."""
    try:
        os.link(staged, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.replace(staged, target)


def _staging_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}")


def _sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX; Windows has no such call)."""
    if os.name == "nt":
        return
    with suppress(OSError):  # some file systems refuse to sync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _without_sidecar(name: str) -> str:
    for sidecar in SIDECARS:
        if name.endswith(sidecar):
            return name[: -len(sidecar)]
    return name


def _is_backup_name(name: str) -> bool:
    return name.startswith(BACKUP_PREFIX) and name.endswith(BACKUP_SUFFIX)


def _is_set_aside_name(name: str) -> bool:
    return name.endswith((f"{SET_ASIDE_MARK}{BACKUP_SUFFIX}", OLD_SET_ASIDE_ENDING))


def _is_staging_name(name: str) -> bool:
    return name.startswith(f".{BACKUP_PREFIX}") and name.endswith(PARTIAL_SUFFIX)


def _is_verified(path: Path) -> bool:
    """Complete and sound: no journal beside it still holding an unfinished write (as earlier
    versions left when interrupted), and SQLite's quick check passes on our tables."""
    with suppress(OSError):
        if Path(f"{path}-journal").stat().st_size > 0:
            return False
    return inspect_file(path).state is FileState.OURS


def _verified_newest_first(folder: Path) -> Iterator[Path]:
    if not folder.is_dir():
        return
    names = [p.name for p in folder.iterdir() if _is_backup_name(p.name)]
    for name in sorted(names, reverse=True):
        if not _is_set_aside_name(name) and _is_verified(folder / name):
            yield folder / name


@dataclass(frozen=True)
class _Survey:
    verified: list[Path]  # newest first
    set_aside: list[Path]
    leftovers: list[list[Path]]  # each a file with its journals, removed together


def _survey(folder: Path) -> _Survey:
    groups: dict[str, list[Path]] = {}
    for entry in folder.iterdir():
        base = _without_sidecar(entry.name)
        if _is_backup_name(base) or _is_staging_name(base):
            groups.setdefault(base, []).append(entry)
    verified: list[Path] = []
    set_aside: list[Path] = []
    leftovers: list[list[Path]] = []
    for base in sorted(groups, reverse=True):
        files = groups[base]
        main = folder / base
        if _is_staging_name(base) or main not in files:
            leftovers.append(files)
        elif _is_set_aside_name(base):
            set_aside.append(main)
        elif _is_verified(main):
            verified.append(main)
            if journals := [f for f in files if f != main]:
                leftovers.append(journals)  # left by readers; the backup needs none
        else:
            leftovers.append(files)
    return _Survey(verified=verified, set_aside=set_aside, leftovers=leftovers)


def _remove_old(groups: Iterable[list[Path]], *, older_than: timedelta) -> list[Path]:
    removed: list[Path] = []
    now = time.time()
    for files in groups:
        try:
            newest = max(f.stat().st_mtime for f in files)
        except OSError:  # gone meanwhile
            continue
        if now - newest < older_than.total_seconds():
            continue
        for f in files:
            with suppress(OSError):  # in use (Windows) or gone: tried again next time
                f.unlink()
                removed.append(f)
    return removed


def _remove_backups(paths: Iterable[Path]) -> None:
    for path in paths:
        _remove_with_journals(path)


def _remove_with_journals(path: Path) -> None:
    for each in (path, *(Path(f"{path}{sidecar}") for sidecar in SIDECARS)):
        with suppress(OSError):
            each.unlink()
