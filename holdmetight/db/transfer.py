"""Copying a whole database into an empty one of either kind: a SQLite file onto the
organisation's server, and back (a server's backup is such a file).

The copy is one piece of work that either happens completely or leaves nothing: on a server
the schema and every row are written in one transaction, checked and only then committed; a
file is written under a hidden name beside its final one, checked, and only then renamed into
place. The check compares every table of the copy with its source, row count and a checksum of
every value as the application reads it. The source is only read.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from holdmetight.db.backup import copy_database
from holdmetight.db.database import Database, open_database, sqlite_path
from holdmetight.db.engine import READ_SNAPSHOT, make_engine
from holdmetight.db.files import FileState, create_private_file, inspect_file
from holdmetight.db.migrate import head_revision, upgrade, upgrade_in
from holdmetight.db.server import (
    INSUFFICIENT_PRIVILEGE,
    check_database_name,
    check_server_version,
    connection_problem,
)
from holdmetight.domain.models import metadata
from holdmetight.errors import DatabaseError
from holdmetight.i18n import _

CHUNK = 2_000


@dataclass(frozen=True)
class TableCheck:
    """One table as copied: its rows and the checksum both databases agree on."""

    name: str
    rows: int
    checksum: str


Progress = Callable[[TableCheck], None]


@contextmanager
def opened_as_it_is(url: str) -> Iterator[Database]:
    """The database at ``url`` to copy from, left exactly as it is: a SQLite file of an older
    version is migrated in a temporary copy (user-only, removed afterwards), not in place."""
    path = sqlite_path(url)
    found = inspect_file(path, every_page=False) if path is not None else None
    if (
        path is None
        or found is None
        or found.state is not FileState.OURS
        or (found.revision == head_revision())
    ):
        database = open_database(url, create=False)
        try:
            yield database
        finally:
            database.dispose()
        return
    with tempfile.TemporaryDirectory(prefix="holdmetight-") as folder:
        copy = Path(folder) / "source.sqlite3"
        copy_database(path, copy)
        database = open_database(
            f"sqlite:///{copy}", backups_dir=Path(folder) / "backups", create=False
        )
        try:
            yield database
        finally:
            database.dispose()


def shown_name(url: str) -> str:
    """How a database is named to the user: its file, or the server's URL without password."""
    path = sqlite_path(url)
    return str(path) if path is not None else make_url(url).render_as_string(hide_password=True)


def transfer(
    source: Database, target_url: str, *, progress: Progress | None = None
) -> list[TableCheck]:
    """Copy the open database ``source`` into the empty database at ``target_url`` (a server
    database without tables, or a SQLite file that does not exist yet); returns each table with
    its rows and checksum. Raises ``DatabaseError`` with a sentence for the user, having left
    the target as it was."""
    path = sqlite_path(target_url)
    if path is not None:
        return _to_file(source, path, progress)
    return _to_server(source, target_url, progress)


def _to_server(source: Database, url: str, progress: Progress | None) -> list[TableCheck]:
    check_database_name(url)
    name = make_url(url).render_as_string(hide_password=True)
    engine = make_engine(url)
    try:
        with engine.connect() as connection, connection.begin():
            check_server_version(connection)
            if inspect(connection).get_table_names():
                raise DatabaseError(
                    _(
                        "The database {name} is not empty. A transfer copies into an empty "
                        "database only; nothing was changed. Ask the server's administrator "
                        "for an empty database."
                    ).format(name=name)
                )
            upgrade_in(connection)
            # The audit trail keeps who did what and when, elsewhere and earlier: the server
            # writes its own login and time into new entries unless the owner says so.
            connection.exec_driver_sql("SET LOCAL holdmetight.keep_audit_authors = 'on'")
            checks = _copy(source, connection, progress)
            _continue_numbering(connection)
            _verify(connection, checks, name)
            # Statistics for the planner: without them the first lists read whole tables.
            connection.exec_driver_sql("ANALYZE")
        return checks
    except SQLAlchemyError as error:
        problem = connection_problem(url, error)
        raise problem or _failed(name, error) from error
    finally:
        engine.dispose()


def _to_file(source: Database, path: Path, progress: Progress | None) -> list[TableCheck]:
    if source.path is not None and path.resolve() == source.path.resolve():
        raise DatabaseError(_("That file is the database itself."))
    if os.path.lexists(path):
        raise DatabaseError(_("{name} already exists; choose a new file name.").format(name=path))
    if not path.parent.is_dir():
        raise DatabaseError(_("The folder {folder} does not exist.").format(folder=path.parent))
    with _staged(path) as staged:
        engine = make_engine(f"sqlite:///{staged}")
        try:
            upgrade(engine)
            with engine.connect() as connection:
                with connection.begin():
                    checks = _copy(source, connection, progress)
                _verify(connection, checks, str(path))
        except SQLAlchemyError as error:
            raise _failed(str(path), error) from error
        finally:
            engine.dispose()
        _put_in_place(staged, path)
    return checks


@contextmanager
def _staged(path: Path) -> Iterator[Path]:
    """A new user-only file beside ``path`` under a hidden name, removed unless renamed."""
    staged = path.with_name(f".{path.name}.{os.urandom(4).hex()}.partial")
    try:
        create_private_file(staged)
    except OSError as error:
        from holdmetight.exports import cannot_write

        raise cannot_write(path, error) from error
    try:
        yield staged
    finally:
        for leftover in (staged, *(Path(f"{staged}{s}") for s in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def _put_in_place(staged: Path, path: Path) -> None:
    with closing(sqlite3.connect(staged, isolation_level=None)) as finished:
        # A single file, without a write-ahead log beside it.
        finished.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finished.execute("PRAGMA journal_mode = DELETE")
    try:
        os.link(staged, path)  # never over a file that appeared meanwhile
    except FileExistsError as error:
        raise DatabaseError(
            _("{name} already exists; choose a new file name.").format(name=path)
        ) from error
    except OSError:  # a file system without hard links
        os.replace(staged, path)


def _failed(name: str, error: SQLAlchemyError) -> DatabaseError:
    if getattr(getattr(error, "orig", None), "sqlstate", "") == INSUFFICIENT_PRIVILEGE:
        return DatabaseError(
            _(
                "Your login may not read everything in the database, so nothing was copied to "
                "{name}. A transfer or a backup of a server database is made with the login "
                "that owns it or an administrator's."
            ).format(name=name)
        )
    return DatabaseError(
        _(
            "The copy into {name} could not be completed ({reason}); nothing of it was kept "
            "and the database it was copied from was not changed."
        ).format(name=name, reason=error.__class__.__name__)
    )


def _tables() -> list[Table]:
    """Every table of ours, each after the tables its rows refer to."""
    return list(metadata.sorted_tables)


def _in_order(table: Table) -> list[Any]:
    return list(table.primary_key.columns)


def _copy(source: Database, target: Connection, progress: Progress | None) -> list[TableCheck]:
    checks = []
    with source.engine.connect() as reading:
        if reading.dialect.name == "postgresql":
            # Every table as it was at one moment, while colleagues go on working: a couple
            # saved halfway through the copy is in it with its partners, or not at all.
            reading = reading.execution_options(**READ_SNAPSHOT)
        for table in _tables():
            digest = hashlib.sha256()
            rows = 0
            result = reading.execute(
                select(table).order_by(*_in_order(table)), execution_options={"yield_per": CHUNK}
            )
            for chunk in result.partitions():
                values = [dict(row._mapping) for row in chunk]
                target.execute(table.insert(), values)
                for row in chunk:
                    digest.update(_row_text(row))
                rows += len(values)
            check = TableCheck(table.name, rows, digest.hexdigest())
            checks.append(check)
            if progress is not None:
                progress(check)
    return checks


def _continue_numbering(connection: Connection) -> None:
    """A server numbers new rows from a sequence per table: it goes on after the copied ids."""
    for table in _tables():
        if "id" not in table.c or len(table.primary_key.columns) != 1:
            continue
        connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f"coalesce(max(id), 0) + 1, false) FROM {table.name}"
            ),
            {"table": table.name},
        )


def _verify(target: Connection, checks: list[TableCheck], name: str) -> None:
    """Read the copy back and compare every table with what was copied; a difference keeps
    nothing."""
    for table, expected in zip(_tables(), checks, strict=True):
        digest = hashlib.sha256()
        rows = 0
        found = target.execute(
            select(table).order_by(*_in_order(table)), execution_options={"yield_per": CHUNK}
        )
        for row in found:
            digest.update(_row_text(row))
            rows += 1
        if (rows, digest.hexdigest()) != (expected.rows, expected.checksum):
            raise DatabaseError(
                _(
                    "The copy into {name} differs from the original in the table {table}; "
                    "nothing of it was kept. Please contact your IT support."
                ).format(name=name, table=table.name)
            )


def _row_text(row: Sequence[object]) -> bytes:
    """A row as text that reads the same from either kind of database."""
    return ("\x1f".join(_value_text(v) for v in row) + "\x1e").encode()


def _value_text(value: object) -> str:
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo is not None else value).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, bytes):
        return value.hex()
    return str(value)
