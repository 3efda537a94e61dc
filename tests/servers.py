"""The test PostgreSQL server (``.ci/postgres.sh`` starts one; its URL in
HOLDMETIGHT_TEST_POSTGRES): a fresh database of our schema for each test, cloned in some 30 ms
from a template that is migrated once per run, and dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url

SERVER = os.environ.get("HOLDMETIGHT_TEST_POSTGRES", "")
NO_SERVER = "no test PostgreSQL server (HOLDMETIGHT_TEST_POSTGRES; see .ci/postgres.sh)"


def on_server(database: str, *, user: str | None = None, password: str | None = None) -> str:
    """The URL of ``database`` on the test server (as another login, when given)."""
    url = make_url(SERVER).set(database=database)
    if user is not None:
        url = url.set(username=user, password=password)
    return url.render_as_string(hide_password=False)


def admin(statement: str) -> None:
    """Run one statement on the server's maintenance database, outside any transaction."""
    import psycopg

    url = make_url(SERVER).set(drivername="postgresql", database="postgres")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as c:
        c.execute(statement)  # type: ignore[arg-type]


def unique_name(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"


@contextmanager
def new_database(template: str | None = None) -> Iterator[str]:
    """A database of its own on the test server (empty, or a copy of ``template``), dropped
    when the block ends."""
    name = unique_name("hmt")
    admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield on_server(name)
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def schema_template() -> Iterator[str]:
    """A database at the current schema without data, to clone for each test."""
    from holdmetight.db.database import open_database

    name = unique_name("hmt_template")
    admin(f'CREATE DATABASE "{name}"')
    try:
        open_database(on_server(name)).dispose()
        yield name
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
