"""The kinds of database the reliability tests run on (issue 12; issue 13 adds PostgreSQL).

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

from sqlalchemy import create_engine, text

from holdmetight.config import database_url as url_of
from holdmetight.db.database import open_database, sqlite_path


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


BACKENDS: dict[str, Backend] = {"sqlite": SQLiteBackend()}
