"""Bringing a database to the schema this version of the application expects (Alembic).

Opening a current database needs no Alembic: its revision is read with a plain query and
compared with :data:`HEAD_REVISION` (a test keeps that constant equal to the newest migration
shipped). Alembic is imported only to list the known revisions or to migrate.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from holdmetight.db.engine import claim_write_lock, is_sqlite

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# The newest migration in ``migrations/versions``; tests/test_startup_revision.py checks it.
HEAD_REVISION = "0018"


class MigrationError(RuntimeError):
    """A migration left rows that point nowhere; it was rolled back."""


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The revision a database has once it is current."""
    return HEAD_REVISION


def scripted_head_revision() -> str:
    """The newest revision as Alembic finds it among the migration scripts (slow: it reads
    them all); :data:`HEAD_REVISION` must equal it."""
    head = _scripts().get_current_head()
    assert head is not None, "the package ships at least the baseline migration"
    return head


def known_revisions() -> frozenset[str]:
    """Every revision this version can open (reads the migration scripts, once)."""
    return frozenset(script.revision for script in _scripts().walk_revisions())


def is_known_revision(revision: str) -> bool:
    """Whether this version can open a database at ``revision``; the current one is known
    without reading a single migration script."""
    return revision == HEAD_REVISION or revision in known_revisions()


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, None when it has none (new, or not ours)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if not rows:
        return None
    # One row for a linear history; several would be branches no version of ours makes.
    return ",".join(sorted(rows))


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to ``revision`` in one transaction: it fully happens or leaves no trace.

    On SQLite, Alembic's batch mode rebuilds a table by copying it and dropping the original;
    with foreign keys enforced that drop would cascade into the rows that refer to it (partners,
    enrollments, attendance). Foreign keys are therefore off during the migration, and checked
    before it is committed.
    """
    sqlite = is_sqlite(str(engine.url))
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        if sqlite:
            # Outside any transaction (the driver is in autocommit until we BEGIN).
            raw.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                upgrade_in(connection, revision)
                if sqlite:
                    dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if dangling:
                        raise MigrationError(f"{len(dangling)} rows point nowhere after migrating")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]


def upgrade_in(connection: Connection, revision: str = "head") -> None:
    """Migrate within the transaction ``connection`` has begun (PostgreSQL changes its schema
    in a transaction, so a caller can make a schema and fill it in one)."""
    from alembic import command

    config = alembic_config()
    # Two PCs that upgrade at once take turns; the second finds nothing to do.
    claim_write_lock(connection)
    config.attributes["connection"] = connection
    command.upgrade(config, revision)
