"""Creating engines with the settings the invariants ask for.

SQLite gets WAL journaling, enforced foreign keys, ``synchronous=FULL`` (a committed write
survives a killed process) and a busy timeout. The driver's own transaction handling is replaced
by explicit ``BEGIN`` so that every unit of work, schema changes included, is one transaction;
a unit of work that writes begins ``IMMEDIATE``.

On PostgreSQL a unit of work that writes takes the database's *write lock* first, a
transaction-level advisory lock that the server releases at commit, at rollback and when the
connection drops: writers take turns there as on SQLite, so every rule that counts what is
stored before it writes (places left, the waiting list's order, a fee's balance, the next
receipt number) sees every write before its own, and none of them needs a lock of its own.
Readers never wait for it (each statement reads the last committed state). A writer waits for
the lock at most the busy timeout, as on SQLite, and then fails with "try again".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

BUSY_TIMEOUT_MS = 10_000

# Execution option of a connection whose transaction will write: on SQLite it begins with
# ``BEGIN IMMEDIATE``, taking the write lock (waiting up to the busy timeout) before it reads,
# so that it never fails halfway when another writer got there first.
WRITE_INTENT = "holdmetight_write_intent"

# How a server reads what must be of one moment (a read-only service, a transfer's source):
# every statement sees the database as the first one did, whatever others commit meanwhile.
READ_SNAPSHOT = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}

# The key of the server's write lock: any number, the same in every version ("hmt").
WRITE_LOCK_KEY = 0x686D74


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
            # What is deleted or overwritten (an anonymised couple's names) is zeroed on disk,
            # not left in free space for a file viewer to find.
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        writes = connection.get_execution_options().get(WRITE_INTENT, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def claim_write_lock(connection: Connection) -> None:
    """Wait (at most the busy timeout) for the server's write lock, in the transaction that
    ``connection`` has begun; it is held until that transaction ends. SQLite's writers take
    their lock when they begin (``BEGIN IMMEDIATE``): nothing to do there."""
    if connection.dialect.name != "postgresql":
        return
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = {int(BUSY_TIMEOUT_MS)}")
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def _configure_server(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(WRITE_INTENT, False):
            claim_write_lock(connection)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get the pragmas above."""
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    from holdmetight.db.credentials import complete

    # The password stored for the login comes in here, and only here, so that no URL that is
    # shown, logged or saved carries it. A server that does not answer is given up on after a
    # while, not waited for for minutes.
    engine = create_engine(complete(url), pool_pre_ping=True, connect_args={"connect_timeout": 10})
    _configure_server(engine)
    return engine
