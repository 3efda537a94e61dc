"""Shared pieces of the tables: constraint naming, enum columns, versions, timestamps."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel
from sqlmodel._compat import SQLModelConfig

# Named constraints let Alembic's batch mode rebuild SQLite tables reliably.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """The current moment, in UTC, with its time zone (how timestamps are stored)."""
    return datetime.now(UTC)


def enum_column(
    enum: type[StrEnum], *, nullable: bool = False, index: bool = False, check: str | None = None
) -> Any:
    """A column storing an enum's lowercase values, with a CHECK constraint on them.

    ``check`` names the constraint when one table has two columns of the same enum.
    """
    return sa.Column(
        sa.Enum(
            enum,
            native_enum=False,
            create_constraint=True,
            length=max(len(m.value) for m in enum),
            values_callable=lambda members: [m.value for m in members],
            validate_strings=True,
            name=check or enum.__name__.lower(),
        ),
        nullable=nullable,
        index=index,
    )


def key_type(length: int) -> Any:
    """The column type of a stored sort key: compared character code by character code on every
    database, as SQLite does; a PostgreSQL server's own collation (Dutch, say) would skip the
    spaces and separators in the key and sort differently."""
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def fk(
    target: str, *, nullable: bool = False, ondelete: str = "RESTRICT", index: bool = True
) -> Any:
    """A foreign-key column with an explicit delete rule."""
    return sa.Column(
        sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index
    )


class Versioned(SQLModel):
    """Optimistic locking: a second editor of the same record gets a conflict, not an overwrite."""

    model_config = SQLModelConfig(defer_build=True)

    version: int = Field(default=1, nullable=False)

    @declared_attr  # type: ignore[arg-type]
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy passes the class
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


def touch(root: Versioned) -> None:
    """Move ``root``'s version at the next flush even when none of its own columns changed.

    An aggregate (a couple with its partners, a meeting with its marks, a course with its
    meetings) has one version, its root's: a change to any part of it is a change to the root,
    so that a save from a copy read before that change is refused. The flush writes the new
    number only where the stored one is still the old one, as for any versioned change.
    """
    root.version += 1
