"""The audit trail names the couple each entry is about and what a print or export held, so
that a privacy officer can read a couple's file history; on PostgreSQL the server itself
writes who and when into every new entry, so that no program can write another login's name.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# Who and when come from the server: the login of the connection and the transaction's start.
# Only the database's owner (or the server's superuser) may keep the values it sends
# (``holdmetight transfer`` copies the trail of a file, whose entries happened earlier and
# elsewhere), and only when it says so for its own transaction.
_WHO_AND_WHEN = """
CREATE FUNCTION audit_entry_who_and_when() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('holdmetight.keep_audit_authors', true) = 'on'
       AND (session_user = (SELECT pg_get_userbyid(datdba) FROM pg_database
                            WHERE datname = current_database())
            OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)) THEN
        RETURN NEW;
    END IF;
    NEW.os_user := left(session_user, 100);
    NEW."at" := now();
    RETURN NEW;
END
$$
"""


def upgrade() -> None:
    with op.batch_alter_table("audit_entry") as batch:
        batch.add_column(sa.Column("couple_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("detail", sa.String(length=200), nullable=False, server_default="")
        )
        batch.create_index("ix_audit_entry_couple_id", ["couple_id"])
        batch.create_index("ix_audit_entry_os_user", ["os_user"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_WHO_AND_WHEN)
        op.execute(
            "CREATE TRIGGER audit_entry_who_and_when BEFORE INSERT ON audit_entry "
            "FOR EACH ROW EXECUTE FUNCTION audit_entry_who_and_when()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_entry_who_and_when ON audit_entry")
        op.execute("DROP FUNCTION audit_entry_who_and_when()")
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_index("ix_audit_entry_os_user")
        batch.drop_index("ix_audit_entry_couple_id")
        batch.drop_column("detail")
        batch.drop_column("couple_id")
