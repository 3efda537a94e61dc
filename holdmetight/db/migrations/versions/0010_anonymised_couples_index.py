"""An index of the anonymised couples alone, so that the couples list counts the couples it
lists (all minus these) without reading every couple.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_ANONYMISED = sa.text("anonymised_at IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "ix_couple_anonymised",
        "couple",
        ["anonymised_at"],
        sqlite_where=_ANONYMISED,
    )


def downgrade() -> None:
    op.drop_index("ix_couple_anonymised", table_name="couple")
