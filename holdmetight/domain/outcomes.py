"""Outcome measurement: the questionnaires, when partners fill them in, and their scores."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from holdmetight.domain.base import Versioned, enum_column, fk, utc_now
from holdmetight.domain.enums import OutcomeWave, Scoring


class Thousandths(sa.TypeDecorator[Decimal]):
    """A decimal number stored as whole thousandths, so that every database keeps it exactly
    (SQLite has no decimal type)."""

    impl = sa.Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Any) -> int | None:
        if value is None:
            return None
        return int((Decimal(value) * 1000).to_integral_value())

    def process_result_value(self, value: int | None, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value) / 1000


# Days from the first meeting (before) or the last meeting (after, follow-up): a follow-up
# about three and a half months after the course, as in the Dutch effect study.
DEFAULT_OFFSETS = {OutcomeWave.PRE: 0, OutcomeWave.POST: 0, OutcomeWave.FOLLOW_UP: 107}


def _decimal(*, nullable: bool) -> Any:
    return sa.Column(Thousandths(), nullable=nullable)


class OutcomeInstrument(Versioned, table=True):
    """A questionnaire's definition: its items (or only a total), their ranges, how they are
    scored, which direction is better, and where known a clinical cut-off and the reference
    standard deviation and reliability that a reliable change index needs. Never the wording
    of its items."""

    __tablename__ = "outcome_instrument"
    __table_args__ = (
        sa.CheckConstraint("items >= 0", name="items_not_negative"),
        sa.CheckConstraint("score_min < score_max", name="score_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, sa_column_kwargs={"unique": True})
    name_nl: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    items: int = 0  # 0: only a total is entered
    # Per item "low-high", comma-separated ("0-6,0-5,0-5,0-5"); empty with no items.
    item_ranges: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))
    reversed_items: str = Field(default="", max_length=400)  # item numbers, comma-separated
    scoring: Scoring = Field(default=Scoring.SUM, sa_column=enum_column(Scoring))
    score_min: Decimal = Field(sa_column=_decimal(nullable=False))
    score_max: Decimal = Field(sa_column=_decimal(nullable=False))
    higher_is_better: bool = True
    cutoff: Decimal | None = Field(default=None, sa_column=_decimal(nullable=True))
    reference_sd: Decimal | None = Field(default=None, sa_column=_decimal(nullable=True))
    reliability: Decimal | None = Field(default=None, sa_column=_decimal(nullable=True))
    source: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))
    shipped: bool = False
    active: bool = True


class OutcomeWavePlan(Versioned, table=True):
    """When a wave is due for a programme's courses, or for one course that has its own plan:
    so many days from its first meeting (before) or its last meeting (after, follow-up)."""

    __tablename__ = "outcome_wave"
    __table_args__ = (
        sa.UniqueConstraint("program_id", "wave"),
        sa.UniqueConstraint("course_id", "wave"),
        sa.CheckConstraint(
            "(program_id IS NULL) <> (course_id IS NULL)", name="programme_or_course"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    program_id: int | None = Field(
        default=None, sa_column=fk("program.id", nullable=True, ondelete="CASCADE")
    )
    course_id: int | None = Field(
        default=None, sa_column=fk("course.id", nullable=True, ondelete="CASCADE")
    )
    wave: OutcomeWave = Field(sa_column=enum_column(OutcomeWave))
    offset_days: int = 0


class OutcomeWaveInstrument(SQLModel, table=True):
    """A questionnaire filled in at a wave."""

    __tablename__ = "outcome_wave_instrument"

    wave_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("outcome_wave.id", ondelete="CASCADE"), primary_key=True
        )
    )
    instrument_id: int = Field(
        sa_column=sa.Column(
            sa.Integer,
            sa.ForeignKey("outcome_instrument.id", ondelete="RESTRICT"),
            primary_key=True,
            index=True,
        )
    )


class OutcomeScore(Versioned, table=True):
    """One partner's score on one questionnaire at one wave of a course, with the answers per
    item where they were entered item by item."""

    __tablename__ = "outcome_score"
    __table_args__ = (sa.UniqueConstraint("enrollment_id", "partner_id", "wave", "instrument_id"),)

    id: int | None = Field(default=None, primary_key=True)
    enrollment_id: int = Field(sa_column=fk("enrollment.id", ondelete="CASCADE"))
    partner_id: int = Field(sa_column=fk("partner.id", ondelete="CASCADE"))
    wave: OutcomeWave = Field(sa_column=enum_column(OutcomeWave))
    instrument_id: int = Field(sa_column=fk("outcome_instrument.id"))
    score: Decimal = Field(sa_column=_decimal(nullable=False))
    answers: str = Field(default="", max_length=400)  # per item, comma-separated; "" for a total
    filled_on: date
    entered_at: datetime = Field(default_factory=utc_now)


__all__ = [
    "DEFAULT_OFFSETS",
    "OutcomeInstrument",
    "OutcomeScore",
    "OutcomeWaveInstrument",
    "OutcomeWavePlan",
    "Thousandths",
]
