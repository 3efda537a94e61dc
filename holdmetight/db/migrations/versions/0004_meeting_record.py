"""What happened at a meeting: the step covered, a fidelity note, the facilitators present.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("group_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("covered_position", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("fidelity_note", sa.Text(), nullable=False, server_default="")
        )
    op.create_table(
        "group_session_facilitator",
        sa.Column("group_session_id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["facilitator_id"], ["facilitator.id"],
            name=op.f("fk_group_session_facilitator_facilitator_id_facilitator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_session_id"], ["group_session.id"],
            name=op.f("fk_group_session_facilitator_group_session_id_group_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "group_session_id", "facilitator_id", name=op.f("pk_group_session_facilitator")
        ),
    )


def downgrade() -> None:
    op.drop_table("group_session_facilitator")
    with op.batch_alter_table("group_session", schema=None) as batch_op:
        batch_op.drop_column("fidelity_note")
        batch_op.drop_column("covered_position")
