"""Couples carry their list order, with an index for filtering and sorting large lists.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("couple", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sort_key", sa.String(length=300), nullable=False, server_default="")
        )
    op.execute(
        "UPDATE couple SET sort_key = COALESCE((SELECT partner.sort_key FROM partner "
        "WHERE partner.couple_id = couple.id AND partner.position = 1), '')"
    )
    with op.batch_alter_table("couple", schema=None) as batch_op:
        batch_op.alter_column("sort_key", server_default=None, existing_type=sa.String(length=300))
        batch_op.create_index(
            "ix_couple_sort_search", ["sort_key", "search_text", "anonymised_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("couple", schema=None) as batch_op:
        batch_op.drop_index("ix_couple_sort_search")
        batch_op.drop_column("sort_key")
