"""What the connected login may read, for the services that show an administrator more than a
facilitator (see ``db/roles.py``): they leave out what the server would refuse, instead of
failing on it. Asked of the server once per connection; a SQLite file allows everything."""

from __future__ import annotations

from typing import cast

from sqlalchemy import text
from sqlalchemy.orm import QueryableAttribute, defer
from sqlalchemy.orm.interfaces import ORMOption
from sqlmodel import Session

from holdmetight.domain.couple import Intake

_CACHE = "holdmetight.may_read"


def may_read(session: Session, table: str, column: str | None = None) -> bool:
    """Whether the login may read ``table`` (or one ``column`` of it)."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return True
    known: dict[tuple[str, str | None], bool] = connection.info.setdefault(_CACHE, {})
    if (table, column) not in known:
        if column is None:
            asked = text("SELECT has_table_privilege(:table, 'SELECT')")
        else:
            asked = text("SELECT has_column_privilege(:table, :column, 'SELECT')")
        known[(table, column)] = bool(
            connection.execute(asked, {"table": table, "column": column}).scalar_one()
        )
    return known[(table, column)]


def may_change(session: Session, table: str, column: str) -> bool:
    """Whether the login may change ``column`` of ``table`` (a file has no logins: always)."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return True
    return bool(
        connection.execute(
            text("SELECT has_column_privilege(:table, :column, 'UPDATE')"),
            {"table": table, "column": column},
        ).scalar_one()
    )


def without_intake_notes() -> ORMOption:
    """The loader option that leaves an intake's notes out (read only when asked for)."""
    return defer(cast("QueryableAttribute[str]", Intake.notes))
