"""Opening the database the user chose: refuse what is not ours, back up, then migrate.

A file that is damaged, belongs to another program, or was written by a newer version of the
application is refused with a message the user can act on, and is left byte-for-byte untouched.
A database that needs migrating is backed up first.

Opening takes milliseconds whatever the size of the file: its header, length, schema, tables
and revision are checked, and every page only when the last program did not close the database
(a crash, a killed process, a power cut: see ``files.was_left_open``). The window checks every
page in the background after it started; ``holdmetight check`` does on request.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, event, inspect
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from holdmetight.config import ensure_private_dir
from holdmetight.db.backup import backup_database
from holdmetight.db.engine import is_sqlite, make_engine
from holdmetight.db.files import (
    OUR_TABLES,
    FileState,
    IntegrityCheck,
    create_private_file,
    inspect_file,
    was_left_open,
)
from holdmetight.db.migrate import (
    MigrationError,
    current_revision,
    head_revision,
    is_known_revision,
    upgrade,
)
from holdmetight.db.network_share import share_warning
from holdmetight.db.roles import Role, owns_database, role_of
from holdmetight.db.server import (
    check_database_name,
    check_server_version,
    connection_problem,
    is_server,
    no_rights,
)
from holdmetight.errors import DamagedDatabaseError, DatabaseError, UpgradeNeededError
from holdmetight.i18n import _


@dataclass
class Database:
    """An open, current database: the engine and where it lives."""

    url: str
    engine: Engine
    path: Path | None  # the SQLite file, None for a server database
    backups_dir: Path | None
    # Said to the user at start: a SQLite file on a network drive is not safe for several PCs.
    warning: str | None = None
    # The role the server gives the login (db/roles.py); None: nothing is restricted.
    role: Role | None = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short-lived session for one unit of work; objects stay readable after commit."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()

    def forget_old_pages(self) -> None:
        """After an erasure: move what the write-ahead log holds into the file and empty it, so
        that earlier versions of the pages (with the erased values) are gone from disk too; if
        another connection is reading, the log is emptied when it is next checkpointed."""
        if self.path is None:
            return  # a server keeps its own pages
        with self.engine.connect() as connection:
            # On the driver's connection, outside any transaction (one would pin the old pages).
            raw = connection.connection.driver_connection
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]

    @property
    def display_name(self) -> str:
        """How the database is named to the user: the file, or the server without password."""
        if self.path is not None:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for in-memory or server databases)."""
    database = make_url(url).database
    if not is_sqlite(url) or not database or database == ":memory:":
        return None
    return Path(database)


def _check_revision(revision: str | None, name: str, *, server: bool = False) -> None:
    if revision is not None and not is_known_revision(revision) and server:
        raise DatabaseError(
            _(
                "The database {name} was upgraded by a newer version of holdmetight on another "
                "PC. Update holdmetight on this PC to go on working (ask your IT support); "
                "nothing was changed."
            ).format(name=name)
        )
    if revision is not None and not is_known_revision(revision):
        raise DatabaseError(
            _(
                "The database {name} was made by a newer version of holdmetight. "
                "Install that version (or newer) to open it; the file was not changed."
            ).format(name=name)
        )


def _check_access(path: Path) -> None:
    """One sentence naming the file and what to do, when the user may not read or write it
    (before anything else touches it)."""
    folder = path.parent
    if path.exists() and not os.access(path, os.R_OK):
        raise DatabaseError(
            _(
                "Your user account may not open the database {name} (it belongs to someone "
                "else or its permissions do not allow it). Ask your IT support to give you "
                "access, or choose another file."
            ).format(name=path)
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseError(
            _(
                "The database {name} is read-only, so nothing could be saved in it. Make it "
                "writable for your user account, or work on a copy."
            ).format(name=path)
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseError(
            _(
                "The folder {folder} is read-only, and the database needs to write its journal "
                "beside the file. Make the folder writable for your user account, or move "
                "the database to a folder of your own."
            ).format(folder=folder)
        )


def _check_sqlite_file(path: Path) -> FileState:
    found = inspect_file(path, every_page=was_left_open(path))
    if found.state is FileState.NO_ACCESS:
        _check_access(path)
        raise DatabaseError(
            _("Your user account may not open the database {name}.").format(name=path)
        )
    if found.state is FileState.DAMAGED:
        raise DatabaseError(
            _(
                "The database {name} is damaged and cannot be opened. It was not changed. "
                "Restore a backup (holdmetight restore FILE) or ask your IT support for help."
            ).format(name=path)
        )
    if found.state is FileState.FOREIGN:
        raise DatabaseError(
            _(
                "The file {name} is not a holdmetight database. It was not changed. "
                "Choose another file, or a new file name to start a new database."
            ).format(name=path)
        )
    if found.state is FileState.OURS:
        _check_revision(found.revision, str(path))
    return found.state


def check_database(url: str) -> Path:
    """Check every page of the SQLite database at ``url`` and that every index agrees with its
    table (``holdmetight check``), without changing a byte; raises ``DatabaseError`` with a
    sentence naming the file when it is damaged, not ours, or not there; returns the file."""
    path = sqlite_path(url)
    if path is None:
        raise DatabaseError(
            _("A server database is checked on the server (ask its administrator).")
        )
    state = _check_sqlite_file(path)
    if state in (FileState.MISSING, FileState.EMPTY):
        raise DatabaseError(_("There is no database at {name}.").format(name=path))
    problems = IntegrityCheck(path, full=True).run()
    if problems:
        raise DatabaseError(damage_found(str(path)))
    return path


def damage_found(name: str) -> str:
    """What to tell the user when the check of every page found damage."""
    return _(
        "The check found damage in the database {name}. Work saved in it from now on may be "
        "lost: restore the most recent backup (holdmetight restore FILE) or ask your IT "
        "support for help."
    ).format(name=name)


def open_database(
    url: str,
    *,
    backups_dir: Path | None = None,
    private_dir: bool = False,
    create: bool = True,
    upgrade_server: bool = False,
) -> Database:
    """Open ``url``, migrating it to the current schema as needed; with ``create``, a missing or
    empty database is created (only ``init``, ``demo`` and the window's first start do that).

    Nothing is written to a file before it is known to be a holdmetight database of a known
    version. ``backups_dir`` receives a backup before an existing SQLite database is migrated
    (default: a ``backups`` folder beside the file). ``private_dir`` makes the file's folder
    user-only (for the default folder in the user's data directory). A server database of an
    older version raises ``UpgradeNeededError`` unless ``upgrade_server`` says that an administrator
    confirmed its upgrade: every PC that shares it needs the new version afterwards.
    """
    path = sqlite_path(url)
    if path is not None:
        if not path.parent.is_dir():
            if not private_dir or not create:
                raise DatabaseError(
                    _("The folder {folder} does not exist.").format(folder=path.parent)
                )
            ensure_private_dir(path.parent)
        state = _check_sqlite_file(path)
        if state in (FileState.MISSING, FileState.EMPTY) and not create:
            raise DatabaseError(
                _(
                    "There is no database at {name}; create one with \u201choldmetight init\u201d "
                    "(or check the file name)."
                ).format(name=path)
            )
        _check_access(path)
        if state is FileState.MISSING:
            try:
                create_private_file(path)
            except OSError as error:
                raise DatabaseError(
                    _("The database {name} cannot be created: {reason}").format(
                        name=path, reason=error.strerror
                    )
                ) from error
        backups_dir = backups_dir or path.parent / "backups"
    if path is None and is_server(url):
        check_database_name(url)
    engine = make_engine(url)
    if path is not None:
        _refuse_damage_when_read(engine, path)
    database = Database(
        url=url,
        engine=engine,
        path=path,
        backups_dir=backups_dir,
        warning=share_warning(path) if path is not None else None,
    )
    try:
        _migrate(database, create=create, upgrade_server=upgrade_server)
    except DatabaseError:
        engine.dispose()
        raise
    except SQLAlchemyError as error:
        engine.dispose()
        if path is None and (problem := connection_problem(url, error)) is not None:
            raise problem from error
        if path is None and (problem := no_rights(url, error)) is not None:
            raise problem from error
        raise DatabaseError(
            _("The database {name} cannot be opened: {reason}").format(
                name=database.display_name, reason=error.__class__.__name__
            )
        ) from error
    return database


SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


def _refuse_damage_when_read(engine: Engine, path: Path) -> None:
    """Damage that opening does not look for shows when a damaged page is read: then the user
    gets the sentence for a damaged database instead of a driver's error."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> None:
        code = getattr(context.original_exception, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB):
            raise DamagedDatabaseError(damaged_when_read(str(path))) from context.original_exception


def damaged_when_read(name: str) -> str:
    return _(
        "Part of the database {name} cannot be read: the file is damaged. Restore the most "
        "recent backup (holdmetight restore FILE) or ask your IT support for help."
    ).format(name=name)


def _make_private(path: Path) -> None:
    """A database the user owns is readable by the user only once it has been upgraded."""
    try:
        if path.stat().st_uid == os.getuid():
            os.chmod(path, 0o600)
    except (AttributeError, OSError):  # no uids on Windows; a share that keeps its own modes
        pass


def _check_server_tables(name: str, tables: set[str], *, create: bool) -> None:
    """A server database is ours when it has our revision table and our tables, as a file is
    (see ``files.inspect_file``); an empty one becomes ours only where a file would be made."""
    if not tables:
        if not create:
            raise DatabaseError(
                _(
                    "The database {name} is empty; create the tables with \u201choldmetight "
                    "init\u201d (or check the database name)."
                ).format(name=name)
            )
        return
    if "alembic_version" not in tables or not tables >= OUR_TABLES:
        raise DatabaseError(
            _(
                "The database {name} is not a holdmetight database. It was not changed. "
                "Check the database name, or ask the server's administrator for an empty "
                "database to start a new one."
            ).format(name=name)
        )


def _migrate(database: Database, *, create: bool = True, upgrade_server: bool = False) -> None:
    with database.engine.connect() as connection:
        may_upgrade = True
        if database.path is None and is_server(database.url):
            check_server_version(connection)
            database.role = role_of(connection)
            may_upgrade = owns_database(connection)
        revision = current_revision(connection)
        tables = set(inspect(connection).get_table_names())
    if database.path is None:
        _check_server_tables(database.display_name, tables, create=create)
    _check_revision(revision, database.display_name, server=database.path is None)
    if revision == head_revision():
        return
    if database.path is None and revision is not None:
        if not may_upgrade:
            raise DatabaseError(
                _(
                    "The database {name} is of an older version of holdmetight than this PC's. "
                    "The login that owns it upgrades it (holdmetight init) after a backup; "
                    "every PC that uses it then needs this version."
                ).format(name=database.display_name)
            )
        if not upgrade_server:
            raise UpgradeNeededError(
                _(
                    "The database {name} is of an older version of holdmetight than this "
                    "PC's. Upgrade it (holdmetight init, or confirming in the window) only "
                    "after a backup; every PC that uses it then needs this version."
                ).format(name=database.display_name)
            )
    if revision is not None and database.path is not None and database.backups_dir is not None:
        backup_database(database.path, database.backups_dir, reason=f"before-upgrade-{revision}")
    try:
        upgrade(database.engine)
        if database.path is not None:
            _make_private(database.path)
    except MigrationError as error:
        raise DatabaseError(
            _(
                "The database {name} could not be upgraded to this version of holdmetight; "
                "it was left as it was. Please contact your IT support."
            ).format(name=database.display_name)
        ) from error
