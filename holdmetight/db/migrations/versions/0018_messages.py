"""Messages to couples: postal addresses for letters (the couple's, and a partner's own when
living elsewhere, and whether a partner prefers post), the organisation's mail server and
reminder settings and the position of its envelopes' window, the organisation's own message
texts, and the log of every message sent or printed.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_KINDS = (
    "invitation",
    "meeting_reminder",
    "waiting_list_offer",
    "catch_up",
    "fee_reminder",
    "follow_up_questionnaire",
    "closing_letter",
)


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def _text(name: str, length: int) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=False, server_default="")


def upgrade() -> None:
    with op.batch_alter_table("couple") as batch:
        batch.add_column(_text("street", 200))
        batch.add_column(_text("house_number", 20))
        batch.add_column(_text("town", 100))
    # Added in place, without the table copy of batch mode: that copy would lose the partner
    # table's expression index (lower(email)), which SQLite cannot reflect.
    for column in (
        _text("street", 200),
        _text("house_number", 20),
        _text("postcode", 7),
        _text("town", 100),
        sa.Column("prefers_post", sa.Boolean(), nullable=False, server_default=sa.false()),
    ):
        op.add_column("partner", column)
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(_text("smtp_host", 200))
        batch.add_column(sa.Column("smtp_port", sa.Integer(), nullable=False, server_default="587"))
        batch.add_column(
            sa.Column(
                "smtp_security",
                _enum("mailsecurity", "starttls", "ssl", "none"),
                nullable=False,
                server_default="starttls",
            )
        )
        batch.add_column(_text("smtp_user", 200))
        batch.add_column(_text("mail_from", 254))
        batch.add_column(
            sa.Column("reminders_on", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("reminder_days", sa.Integer(), nullable=False, server_default="2")
        )
        batch.add_column(
            sa.Column("letter_window_left_mm", sa.Integer(), nullable=False, server_default="20")
        )
        batch.add_column(
            sa.Column("letter_window_top_mm", sa.Integer(), nullable=False, server_default="50")
        )
    op.create_table(
        "message_template",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("messagekind", *_KINDS), nullable=False),
        sa.Column("language", _enum("language", "nl", "en"), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_template")),
        sa.UniqueConstraint("kind", "language", name=op.f("uq_message_template_kind_language")),
    )
    op.create_table(
        "message",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("couple_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("group_session_id", sa.Integer(), nullable=True),
        sa.Column("kind", _enum("messagekind", *_KINDS), nullable=False),
        sa.Column("channel", _enum("messagechannel", "email", "letter"), nullable=False),
        sa.Column("language", _enum("language", "nl", "en"), nullable=False),
        sa.Column("recipient", sa.Text(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attachments", sa.String(length=1000), nullable=False),
        sa.Column("repeat_key", sa.String(length=120), nullable=False),
        sa.Column("once_key", sa.String(length=160), nullable=True),
        sa.Column(
            "status",
            _enum(
                "messagestatus", "queued", "sending", "sent", "failed", "printed", "withdrawn"
            ),
            nullable=False,
        ),
        sa.Column("error", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couple.id"],
            name=op.f("fk_message_couple_id_couple"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_message_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_message_course_id_course"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_session_id"],
            ["group_session.id"],
            name=op.f("fk_message_group_session_id_group_session"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
        sa.UniqueConstraint("once_key", name=op.f("uq_message_once_key")),
    )
    with op.batch_alter_table("message") as batch:
        batch.create_index(batch.f("ix_message_couple_id"), ["couple_id"], unique=False)
        batch.create_index(batch.f("ix_message_partner_id"), ["partner_id"], unique=False)
        batch.create_index(batch.f("ix_message_course_id"), ["course_id"], unique=False)
        batch.create_index(
            batch.f("ix_message_group_session_id"), ["group_session_id"], unique=False
        )
        batch.create_index(batch.f("ix_message_repeat_key"), ["repeat_key"], unique=False)
        batch.create_index(batch.f("ix_message_status"), ["status"], unique=False)


def downgrade() -> None:
    op.drop_table("message")
    op.drop_table("message_template")
    with op.batch_alter_table("organisation") as batch:
        # The copy batch mode makes keeps the column's CHECK unless it is dropped first.
        batch.drop_constraint(op.f("ck_organisation_mailsecurity"), type_="check")
        for column in (
            "letter_window_top_mm",
            "letter_window_left_mm",
            "reminder_days",
            "reminders_on",
            "mail_from",
            "smtp_user",
            "smtp_security",
            "smtp_port",
            "smtp_host",
        ):
            batch.drop_column(column)
    for column in ("prefers_post", "town", "postcode", "house_number", "street"):
        op.drop_column("partner", column)
    with op.batch_alter_table("couple") as batch:
        for column in ("town", "house_number", "street"):
            batch.drop_column(column)
