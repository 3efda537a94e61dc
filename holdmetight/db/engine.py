"""Creating engines with the settings the invariants ask for.

SQLite gets WAL journaling, enforced foreign keys, ``synchronous=FULL`` (a committed write
survives a killed process) and a busy timeout. The driver's own transaction handling is replaced
by explicit ``BEGIN`` so that every unit of work, schema changes included, is one transaction;
a unit of work that writes begins ``IMMEDIATE``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

BUSY_TIMEOUT_MS = 10_000

# Execution option of a connection whose transaction will write: on SQLite it begins with
# ``BEGIN IMMEDIATE``, taking the write lock (waiting up to the busy timeout) before it reads,
# so that it never fails halfway when another writer got there first.
WRITE_INTENT = "holdmetight_write_intent"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we send BEGIN ourselves
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        writes = connection.get_execution_options().get(WRITE_INTENT, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get the pragmas above."""
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    # A server that does not answer is given up on after a while, not waited for for minutes.
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
