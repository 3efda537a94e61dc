"""The completion rule per course and its default per programme: minimum steps, both partners.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "completion_both_partners", sa.Boolean(), nullable=False, server_default=sa.true()
            )
        )
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.add_column(sa.Column("completion_min_steps", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "completion_both_partners", sa.Boolean(), nullable=False, server_default=sa.true()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.drop_column("completion_both_partners")
        batch_op.drop_column("completion_min_steps")
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.drop_column("completion_both_partners")
