"""Group sessions get a stable UID for calendar exports.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("group_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uid", sa.String(length=36), nullable=True))
    connection = op.get_bind()
    ids = [row[0] for row in connection.execute(sa.text("SELECT id FROM group_session"))]
    for session_id in ids:
        connection.execute(
            sa.text("UPDATE group_session SET uid = :uid WHERE id = :id"),
            {"uid": str(uuid.uuid4()), "id": session_id},
        )
    with op.batch_alter_table("group_session", schema=None) as batch_op:
        batch_op.alter_column("uid", existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_group_session_uid"), ["uid"])


def downgrade() -> None:
    with op.batch_alter_table("group_session", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_group_session_uid"), type_="unique")
        batch_op.drop_column("uid")
