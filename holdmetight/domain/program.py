"""Course templates: a programme and its ordered steps."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from holdmetight.domain.base import Versioned, enum_column, fk, utc_now
from holdmetight.domain.enums import Language, ProgramVariant


class Program(Versioned, table=True):
    """A course template, such as the weekly Hold Me Tight programme."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, sa_column_kwargs={"unique": True})
    name_nl: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    variant: ProgramVariant = Field(sa_column=enum_column(ProgramVariant))
    description_nl: str = Field(
        default="", sa_column=sa.Column(sa.Text, nullable=False, default="")
    )
    description_en: str = Field(
        default="", sa_column=sa.Column(sa.Text, nullable=False, default="")
    )
    shipped: bool = Field(default=False)
    active: bool = Field(default=True)
    # The completion rule a new course starts with: None means all steps but two.
    completion_min_steps: int | None = Field(default=None)
    completion_both_partners: bool = Field(default=True)


class ProgramStep(Versioned, table=True):
    """One step of a programme: the introduction or one of the conversations."""

    __tablename__ = "program_step"
    __table_args__ = (
        sa.UniqueConstraint("program_id", "position"),
        sa.UniqueConstraint("program_id", "code"),
        sa.CheckConstraint("position >= 1", name="position_positive"),
        sa.CheckConstraint("duration_minutes > 0", name="duration_positive"),
        sa.CheckConstraint("day IS NULL OR day >= 1", name="day_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(sa_column=fk("program.id", ondelete="CASCADE"))
    position: int
    code: str = Field(max_length=40)
    title_nl: str = Field(max_length=200)
    title_en: str = Field(max_length=200)
    duration_minutes: int
    day: int | None = Field(default=None)


class HandoutText(Versioned, table=True):
    """The organisation's own text for a step's handout, replacing the shipped one."""

    __tablename__ = "handout_text"
    __table_args__ = (sa.UniqueConstraint("step_code", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    step_code: str = Field(max_length=40)
    language: Language = Field(sa_column=enum_column(Language))
    text: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    updated_at: datetime = Field(default_factory=utc_now)
