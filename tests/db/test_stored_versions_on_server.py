"""Every released schema version migrates on PostgreSQL too, with its data (issue 15, item 2).

The stored databases of ``versions/`` are SQLite files. For each, a server database is brought
to the same revision by the migrations themselves, the file's rows are loaded into it (each
value as the server's column type needs it), and the administrator's upgrade (``init``) then
takes it to the current schema: every row is kept, and the application reads the same
courses, couples and meetings as from the migrated file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from servers import NO_SERVER, SERVER, new_database
from sqlalchemy import Boolean, Date, DateTime, Engine, MetaData, Numeric, Time, create_engine, text
from test_stored_versions import STORED, assert_reads_the_stored_office

from holdmetight.cli import main
from holdmetight.db.database import open_database
from holdmetight.db.migrate import current_revision, head_revision, upgrade

pytestmark = pytest.mark.skipif(not SERVER, reason=NO_SERVER)


def stored_revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def as_column_needs(value: Any, kind: Any) -> Any:
    """A value as SQLite keeps it (text, 0/1), as the server's column of type ``kind`` takes it."""
    if value is None:
        return None
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, DateTime):
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        return moment.replace(tzinfo=UTC) if kind.timezone and moment.tzinfo is None else moment
    if isinstance(kind, Date):
        return date.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(kind, Time):
        return time.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(kind, Numeric) and kind.asdecimal:
        return Decimal(str(value))
    return value


def load_rows(path: Path, engine: Engine) -> dict[str, int]:
    """Every row of the file into the server database at the same revision; the rows per
    table."""
    tables = MetaData()
    tables.reflect(engine)
    counts = {}
    with closing(sqlite3.connect(path)) as source, engine.begin() as target:
        target.execute(text("SET CONSTRAINTS ALL DEFERRED"))
        for table in tables.sorted_tables:
            if table.name == "alembic_version":
                continue
            cursor = source.execute(f'SELECT * FROM "{table.name}"')
            names = [d[0] for d in cursor.description]
            rows = [
                {n: as_column_needs(v, table.c[n].type) for n, v in zip(names, row, strict=True)}
                for row in cursor
            ]
            if rows:
                target.execute(table.insert(), rows)
            counts[table.name] = len(rows)
            if "id" in table.c and len(table.primary_key.columns) == 1:
                target.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"coalesce(max(id), 0) + 1, false) FROM {table.name}"
                    )
                )
    return counts


def server_counts(engine: Engine, names: list[str]) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
            for name in names
        }


@pytest.fixture(params=STORED, ids=[p.stem for p in STORED])
def older_office(request) -> Iterator[tuple[str, dict[str, int]]]:
    stored: Path = request.param
    with new_database() as url:
        engine = create_engine(url)
        try:
            upgrade(engine, stored_revision(stored))
            counts = load_rows(stored, engine)
        finally:
            engine.dispose()
        yield url, counts


def test_a_stored_version_migrates_on_the_server_with_every_row(older_office, capsys):
    url, before = older_office
    # The demo office: 30 couples, and from 0015 on one more that was anonymised.
    assert before["partner"] in (60, 62) and before["attendance"] > 0
    assert main(["--db", url, "init"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            assert current_revision(connection) == head_revision()
        after = server_counts(engine, list(before))
    finally:
        engine.dispose()
    assert after == before

    opened = open_database(url, create=False)
    try:
        assert_reads_the_stored_office(opened)
    finally:
        opened.dispose()
