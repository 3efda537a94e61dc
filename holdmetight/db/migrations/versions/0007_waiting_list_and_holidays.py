"""The fair waiting list (offers, passed-over and moved couples), the fee decision when a
couple leaves, the intake and answer-by settings, and the school holidays per region.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(
        *values,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(v) for v in values),
    )


def upgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("offer_answer_days", sa.Integer(), nullable=False, server_default="7")
        )
        batch_op.add_column(
            sa.Column("intake_required", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column(
                "school_region", _enum("schoolregion", "noord", "midden", "zuid"), nullable=True
            )
        )
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("placed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("passed_over_reason", sa.String(400), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "fee_on_leaving", _enum("leavingfee", "waived", "due", "refund"), nullable=True
            )
        )
    # Until now every couple that was not waiting had been given a place on applying.
    op.execute(
        "UPDATE enrollment SET placed_at = applied_at "
        "WHERE status IN ('enrolled', 'completed', 'withdrawn', 'referred')"
    )
    op.create_table(
        "place_offer",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrollment_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("offered_at", sa.DateTime(), nullable=False),
        sa.Column("answer_by", sa.Date(), nullable=False),
        sa.Column(
            "outcome",
            _enum("offeroutcome", "open", "accepted", "declined", "expired", "withdrawn"),
            nullable=False,
        ),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_place_offer_course_id_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollment.id"],
            name=op.f("fk_place_offer_enrollment_id_enrollment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_offer")),
    )
    with op.batch_alter_table("place_offer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_place_offer_enrollment_id"), ["enrollment_id"], unique=False
        )
        batch_op.create_index("ix_place_offer_course_outcome", ["course_id", "outcome"])
    op.create_table(
        "waiting_list_change",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrollment_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column(
            "kind",
            _enum("waitinglistchangekind", "passed_over", "put_back", "moved"),
            nullable=False,
        ),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("other_course_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_waiting_list_change_course_id_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollment.id"],
            name=op.f("fk_waiting_list_change_enrollment_id_enrollment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_course_id"],
            ["course.id"],
            name=op.f("fk_waiting_list_change_other_course_id_course"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waiting_list_change")),
    )
    with op.batch_alter_table("waiting_list_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_waiting_list_change_enrollment_id"), ["enrollment_id"], unique=False
        )
    op.create_table(
        "school_holiday",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region", _enum("schoolregion", "noord", "midden", "zuid"), nullable=False),
        sa.Column("school_year", sa.String(length=9), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.CheckConstraint("last_day >= first_day", name=op.f("ck_school_holiday_period_ordered")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_holiday")),
        sa.UniqueConstraint(
            "region",
            "school_year",
            "name",
            name=op.f("uq_school_holiday_region_school_year_name"),
        ),
    )


def downgrade() -> None:
    op.drop_table("school_holiday")
    with op.batch_alter_table("waiting_list_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_waiting_list_change_enrollment_id"))
    op.drop_table("waiting_list_change")
    with op.batch_alter_table("place_offer", schema=None) as batch_op:
        batch_op.drop_index("ix_place_offer_course_outcome")
        batch_op.drop_index(batch_op.f("ix_place_offer_enrollment_id"))
    op.drop_table("place_offer")
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.drop_column("fee_on_leaving")
        batch_op.drop_column("passed_over_reason")
        batch_op.drop_column("placed_at")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("school_region")
        batch_op.drop_column("intake_required")
        batch_op.drop_column("offer_answer_days")
