"""Bringing a database to the schema this version of the application expects (Alembic)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from holdmetight.db.engine import is_sqlite

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class MigrationError(RuntimeError):
    """A migration left rows that point nowhere; it was rolled back."""


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "the package ships at least the baseline migration"
    return head


def known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in _scripts().walk_revisions())


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to ``revision`` in one transaction: it fully happens or leaves no trace.

    On SQLite, Alembic's batch mode rebuilds a table by copying it and dropping the original;
    with foreign keys enforced that drop would cascade into the rows that refer to it (partners,
    enrollments, attendance). Foreign keys are therefore off during the migration, and checked
    before it is committed.
    """
    config = alembic_config()
    sqlite = is_sqlite(str(engine.url))
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        if sqlite:
            # Outside any transaction (the driver is in autocommit until we BEGIN).
            raw.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite:
                    dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if dangling:
                        raise MigrationError(f"{len(dangling)} rows point nowhere after migrating")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
