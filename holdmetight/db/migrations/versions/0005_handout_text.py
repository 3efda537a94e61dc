"""An organisation's own handout texts, replacing the shipped ones per step and language.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handout_text",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("step_code", sa.String(length=40), nullable=False),
        sa.Column(
            "language",
            sa.Enum("nl", "en", name="language", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handout_text")),
        sa.UniqueConstraint("step_code", "language", name=op.f("uq_handout_text_step_code_language")),
    )


def downgrade() -> None:
    op.drop_table("handout_text")
