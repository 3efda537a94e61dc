"""The kinds of database the reliability tests run on: a SQLite file (issue 12) and a database
on the test PostgreSQL server (issue 15; skipped without one, see ``tests/servers.py``).

Another kind is added by writing a class with the methods of :class:`Backend` and listing it
in ``BACKENDS``; the fixtures in ``conftest.py`` then run every test on it as well.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Protocol

import servers
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

from holdmetight.config import database_url as url_of
from holdmetight.db.database import open_database, sqlite_path
from holdmetight.db.engine import WRITE_LOCK_KEY


class Backend(Protocol):
    name: str

    def new_database(self, folder: Path) -> str:
        """The URL of a new office database at the current schema, without data."""

    def empty_database(self, folder: Path) -> str:
        """The URL of a new database without any table (for another program to fill)."""

    def execute(self, url: str, statements: list[str]) -> None:
        """Run SQL on the database as another program (or an older tool) would: in one
        transaction, without any of our settings."""

    def integrity(self, url: str) -> list[str]:
        """The database's own full check: ``["ok"]`` when it is whole."""

    def snapshot(self, url: str) -> dict[str, str]:
        """Everything of the database that must not change when it is refused."""

    @contextmanager
    def write_lock(self, url: str) -> Iterator[None]:
        """Hold the database's write lock, as a long write of another user does."""
        yield

    def cleanup(self) -> None:
        """Remove what the test made outside its temporary folder."""


def _path(url: str) -> Path:
    path = sqlite_path(url)
    assert path is not None, url
    return path


def folder_snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder``: its name with its SHA-256 (``<dir>`` for a
    folder), so that a changed byte and a new file beside it both show."""
    found: dict[str, str] = {}
    for item in sorted(folder.rglob("*")):
        name = str(item.relative_to(folder))
        if item.is_dir():
            found[name] = "<dir>"
        else:
            found[name] = hashlib.sha256(item.read_bytes()).hexdigest()
    return found


class SQLiteBackend:
    name = "sqlite"

    def new_database(self, folder: Path) -> str:
        url = url_of(folder / "office.sqlite3")
        open_database(url).dispose()
        return url

    def empty_database(self, folder: Path) -> str:
        return url_of(folder / "office.sqlite3")

    def execute(self, url: str, statements: list[str]) -> None:
        engine = create_engine(url)
        try:
            with engine.begin() as connection:
                for statement in statements:
                    connection.execute(text(statement))
        finally:
            engine.dispose()

    def integrity(self, url: str) -> list[str]:
        with closing(sqlite3.connect(_path(url))) as db:
            return [row[0] for row in db.execute("PRAGMA integrity_check")]

    def snapshot(self, url: str) -> dict[str, str]:
        return folder_snapshot(_path(url).parent)

    @contextmanager
    def write_lock(self, url: str) -> Iterator[None]:
        with closing(sqlite3.connect(_path(url), isolation_level=None)) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield
            finally:
                db.execute("ROLLBACK")

    def cleanup(self) -> None:
        pass


class PostgreSQLBackend:
    name = "postgresql"

    def __init__(self) -> None:
        self.made: list[str] = []

    def empty_database(self, folder: Path) -> str:
        name = servers.unique_name("hmt_rel")
        servers.admin(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return servers.on_server(name)

    def new_database(self, folder: Path) -> str:
        url = self.empty_database(folder)
        open_database(url).dispose()
        return url

    def execute(self, url: str, statements: list[str]) -> None:
        SQLiteBackend.execute(self, url, statements)  # type: ignore[arg-type]

    def integrity(self, url: str) -> list[str]:
        """Every B-tree index agrees with its table, row by row (the server's ``amcheck``)."""
        engine = create_engine(url)
        try:
            with engine.begin() as connection:
                connection.execute(text("CREATE EXTENSION IF NOT EXISTS amcheck"))
                indexes = connection.execute(
                    text(
                        "SELECT c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a "
                        "ON a.oid = c.relam WHERE n.nspname = 'public' AND a.amname = 'btree'"
                    )
                ).scalars()
                for oid in list(indexes):
                    connection.execute(text("SELECT bt_index_check(:oid, true)"), {"oid": oid})
        except DBAPIError as error:
            return [str(error.orig)]
        finally:
            engine.dispose()
        return ["ok"]

    def snapshot(self, url: str) -> dict[str, str]:
        """Every table's columns and rows (in a fixed order), as a digest per table."""
        engine = create_engine(url)
        found: dict[str, str] = {}
        try:
            with engine.connect() as connection:
                tables = inspect(connection).get_table_names()
                for table in sorted(tables):
                    columns = [c["name"] for c in inspect(connection).get_columns(table)]
                    rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
                    content = repr((columns, sorted(map(repr, rows))))
                    found[table] = hashlib.sha256(content.encode()).hexdigest()
        finally:
            engine.dispose()
        return found

    @contextmanager
    def write_lock(self, url: str) -> Iterator[None]:
        engine = create_engine(url)
        try:
            with engine.connect() as connection, connection.begin():
                connection.execute(text(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"))
                yield
        finally:
            engine.dispose()

    def cleanup(self) -> None:
        while self.made:
            servers.admin(f'DROP DATABASE IF EXISTS "{self.made.pop()}" WITH (FORCE)')


BACKENDS: dict[str, Backend] = {"sqlite": SQLiteBackend(), "postgresql": PostgreSQLBackend()}


def stored_couples(url: str, word: str) -> tuple[dict[str, int], int]:
    """The couples of one trial as the application finds them (name -> id), and how many
    couples of the whole database do not have exactly two partners."""
    database = open_database(url, create=False)  # refuses a damaged file
    try:
        with database.engine.connect() as connection:
            stored = {
                name: couple_id
                for name, couple_id in connection.execute(
                    text(
                        "SELECT family_name, couple_id FROM partner "
                        "WHERE position = 1 AND family_name LIKE :word"
                    ),
                    {"word": f"{word}-%"},
                )
            }
            partial = connection.execute(
                text(
                    "SELECT count(*) FROM couple WHERE "
                    "(SELECT count(*) FROM partner WHERE partner.couple_id = couple.id) != 2"
                )
            ).scalar_one()
    finally:
        database.dispose()
    return stored, partial
