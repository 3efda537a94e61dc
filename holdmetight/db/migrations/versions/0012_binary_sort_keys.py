"""Stored sort keys compare character code by character code on PostgreSQL too, so that a
server's own collation (Dutch, say, which skips spaces and separators) sorts lists as SQLite
does. SQLite compares that way already: nothing changes there.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_KEYS = (("couple", "sort_key", 300), ("partner", "sort_key", 300), ("facilitator", "sort_key", 300), ("course", "title_key", 200))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, length in _KEYS:
        op.execute(
            f'ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR({length}) COLLATE "C"'
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, length in _KEYS:
        op.execute(
            f'ALTER TABLE {table} ALTER COLUMN {column} TYPE VARCHAR({length}) COLLATE "default"'
        )
