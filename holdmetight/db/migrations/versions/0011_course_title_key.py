"""Courses carry their title as lists sort it (case and diacritics ignored), so that SQLite and
PostgreSQL sort the Courses list alike.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

from holdmetight.domain.names import title_key

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_course = sa.table(
    "course", sa.column("id", sa.Integer), sa.column("title"), sa.column("title_key")
)


def upgrade() -> None:
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("title_key", sa.String(length=200), nullable=False, server_default="")
        )
    connection = op.get_bind()
    titles = connection.execute(sa.select(_course.c.id, _course.c.title)).all()
    for course_id, title in titles:
        connection.execute(
            _course.update().where(_course.c.id == course_id).values(title_key=title_key(title))
        )
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.alter_column("title_key", server_default=None, existing_type=sa.String(length=200))


def downgrade() -> None:
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.drop_column("title_key")
