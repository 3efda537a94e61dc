"""Consent per partner: what each partner agreed to (taking part, contact by e-mail, sharing
with the referrer, anonymous use in research), since when, and until when when withdrawn. A
couple's earlier consent date becomes both partners' consent to take part.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_PURPOSES = ("course", "email", "referrer", "research")


def upgrade() -> None:
    op.create_table(
        "consent",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column(
            "purpose",
            sa.Enum(*_PURPOSES, name="consentpurpose", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_consent_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
        sa.UniqueConstraint("partner_id", "purpose", name=op.f("uq_consent_partner_id_purpose")),
    )
    with op.batch_alter_table("consent") as batch:
        batch.create_index(batch.f("ix_consent_partner_id"), ["partner_id"], unique=False)
    op.execute(
        "INSERT INTO consent (version, partner_id, purpose, given_on) "
        "SELECT 1, partner.id, 'course', couple.consent_date FROM partner "
        "JOIN couple ON couple.id = partner.couple_id WHERE couple.consent_date IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_table("consent")
