"""Courses carry the dates of their first and last meetings, so that ten years of courses are
listed and reported on without reading every meeting.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_SPAN = (
    "(SELECT {f}(group_session.date) FROM group_session "
    "WHERE group_session.course_id = course.id AND group_session.status != 'cancelled')"
)


def upgrade() -> None:
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("last_date", sa.Date(), nullable=True))
        batch_op.create_index("ix_course_first_date", ["first_date", "code"], unique=False)
    op.execute(
        f"UPDATE course SET first_date = {_SPAN.format(f='min')}, "
        f"last_date = {_SPAN.format(f='max')}"
    )


def downgrade() -> None:
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.drop_index("ix_course_first_date")
        batch_op.drop_column("last_date")
        batch_op.drop_column("first_date")
