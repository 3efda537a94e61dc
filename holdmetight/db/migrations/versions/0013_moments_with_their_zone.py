"""The four moments of the waiting list (placed, offered, answered, changed) are stored with
their time zone on PostgreSQL, as every other moment is: they were made without one, so a
server whose time zone is not UTC read them back shifted. SQLite keeps text either way:
nothing changes there.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_MOMENTS = (
    ("enrollment", "placed_at"),
    ("place_offer", "offered_at"),
    ("place_offer", "answered_at"),
    ("waiting_list_change", "at"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in _MOMENTS:
        op.execute(
            f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE TIMESTAMP WITH TIME ZONE '
            f"USING \"{column}\" AT TIME ZONE 'UTC'"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in _MOMENTS:
        op.execute(
            f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE TIMESTAMP WITHOUT TIME ZONE '
            f"USING \"{column}\" AT TIME ZONE 'UTC'"
        )
