"""Indexes that keep ten years of data quick: reports by period and duplicate checks.

The fee summary and the municipality report look up assessments, waivers and intakes by date;
the duplicate check of a new couple looks up partners by e-mail address ignoring case.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_fee_assessment_assessed_on", "fee_assessment", ["assessed_on"])
    op.create_index("ix_waiver_granted_on", "waiver", ["granted_on"])
    op.create_index("ix_intake_date", "intake", ["date"])
    op.create_index("ix_partner_email_lower", "partner", [sa.text("lower(email)")])


def downgrade() -> None:
    op.drop_index("ix_partner_email_lower", table_name="partner")
    op.drop_index("ix_intake_date", table_name="intake")
    op.drop_index("ix_waiver_granted_on", table_name="waiver")
    op.drop_index("ix_fee_assessment_assessed_on", table_name="fee_assessment")
