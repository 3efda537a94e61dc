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

from holdmetight.db.database import Database, sqlite_path
from holdmetight.db.engine import make_engine
from holdmetight.db.files import create_private_file
from holdmetight.db.migrate import upgrade, upgrade_in
from holdmetight.db.server import check_server_version, connection_problem
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
            checks = _copy(source, connection, progress)
            _continue_numbering(connection)
            _verify(source, connection, checks, name)
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
                _verify(source, connection, checks, str(path))
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


def _verify(source: Database, target: Connection, checks: list[TableCheck], name: str) -> None:
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
