"""Outcome measurement: questionnaire definitions, the waves at which a programme's (or one
course's) partners fill them in, and each partner's scores. Every programme gets the three
waves: before (at the first meeting), after (at the last) and a follow-up 107 days (about three
and a half months) after the last meeting; which questionnaires each wave holds is chosen later. The organisation gets a
secret of its own for the pseudonyms of the researchers' file.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_WAVES = ("pre", "post", "follow_up")
DEFAULT_OFFSETS = {"pre": 0, "post": 0, "follow_up": 107}


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def _thousandths(name: str, *, nullable: bool) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "outcome_instrument",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_nl", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("item_ranges", sa.Text(), nullable=False),
        sa.Column("reversed_items", sa.String(length=400), nullable=False),
        sa.Column("scoring", _enum("scoring", "sum", "mean"), nullable=False),
        _thousandths("score_min", nullable=False),
        _thousandths("score_max", nullable=False),
        sa.Column("higher_is_better", sa.Boolean(), nullable=False),
        _thousandths("cutoff", nullable=True),
        _thousandths("reference_sd", nullable=True),
        _thousandths("reliability", nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("shipped", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("items >= 0", name=op.f("ck_outcome_instrument_items_not_negative")),
        sa.CheckConstraint("score_min < score_max", name=op.f("ck_outcome_instrument_score_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_instrument")),
        sa.UniqueConstraint("code", name=op.f("uq_outcome_instrument_code")),
    )
    op.create_table(
        "outcome_wave",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("wave", _enum("outcomewave", *_WAVES), nullable=False),
        sa.Column("offset_days", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(program_id IS NULL) <> (course_id IS NULL)",
            name=op.f("ck_outcome_wave_programme_or_course"),
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_outcome_wave_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["course.id"],
            name=op.f("fk_outcome_wave_course_id_course"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_wave")),
        sa.UniqueConstraint("program_id", "wave", name=op.f("uq_outcome_wave_program_id_wave")),
        sa.UniqueConstraint("course_id", "wave", name=op.f("uq_outcome_wave_course_id_wave")),
    )
    with op.batch_alter_table("outcome_wave") as batch:
        batch.create_index(batch.f("ix_outcome_wave_program_id"), ["program_id"], unique=False)
        batch.create_index(batch.f("ix_outcome_wave_course_id"), ["course_id"], unique=False)
    op.create_table(
        "outcome_wave_instrument",
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["wave_id"],
            ["outcome_wave.id"],
            name=op.f("fk_outcome_wave_instrument_wave_id_outcome_wave"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["outcome_instrument.id"],
            name=op.f("fk_outcome_wave_instrument_instrument_id_outcome_instrument"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("wave_id", "instrument_id", name=op.f("pk_outcome_wave_instrument")),
    )
    with op.batch_alter_table("outcome_wave_instrument") as batch:
        batch.create_index(
            batch.f("ix_outcome_wave_instrument_instrument_id"), ["instrument_id"], unique=False
        )
    op.create_table(
        "outcome_score",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrollment_id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("wave", _enum("outcomewave", *_WAVES), nullable=False),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        _thousandths("score", nullable=False),
        sa.Column("answers", sa.String(length=400), nullable=False),
        sa.Column("filled_on", sa.Date(), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollment.id"],
            name=op.f("fk_outcome_score_enrollment_id_enrollment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_outcome_score_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["outcome_instrument.id"],
            name=op.f("fk_outcome_score_instrument_id_outcome_instrument"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_score")),
        sa.UniqueConstraint(
            "enrollment_id",
            "partner_id",
            "wave",
            "instrument_id",
            name=op.f("uq_outcome_score_enrollment_id_partner_id_wave_instrument_id"),
        ),
    )
    with op.batch_alter_table("outcome_score") as batch:
        for column in ("enrollment_id", "partner_id", "instrument_id"):
            batch.create_index(batch.f(f"ix_outcome_score_{column}"), [column], unique=False)
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(
            sa.Column("research_key", sa.String(length=64), nullable=False, server_default="")
        )
    random_key = (
        "md5(random()::text || clock_timestamp()::text)"
        " || md5(clock_timestamp()::text || random()::text)"
        if op.get_bind().dialect.name == "postgresql"
        else "lower(hex(randomblob(32)))"
    )
    op.execute(f"UPDATE organisation SET research_key = {random_key}")
    for wave, offset in DEFAULT_OFFSETS.items():
        op.execute(
            "INSERT INTO outcome_wave (version, program_id, wave, offset_days) "
            f"SELECT 1, id, '{wave}', {offset} FROM program"
        )


def downgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.drop_column("research_key")
    op.drop_table("outcome_score")
    op.drop_table("outcome_wave_instrument")
    op.drop_table("outcome_wave")
    op.drop_table("outcome_instrument")
