"""The organisation's retention period: the years a couple's file is kept after its last course
or contact, five unless the organisation decides otherwise; and the database's own name (a
random key), which its backups share, so that the register of erasures kept beside it knows
which database it belongs to.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(
            sa.Column("retention_years", sa.Integer(), nullable=False, server_default="5")
        )
        batch.add_column(
            sa.Column("database_key", sa.String(length=32), nullable=False, server_default="")
        )
    random_key = (
        "md5(random()::text || clock_timestamp()::text)"
        if op.get_bind().dialect.name == "postgresql"
        else "lower(hex(randomblob(16)))"
    )
    op.execute(f"UPDATE organisation SET database_key = {random_key}")


def downgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.drop_column("database_key")
        batch.drop_column("retention_years")
