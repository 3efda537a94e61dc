"""Sliding-scale fees: scales and bands, norms, and what each enrollment owes, paid and waived.

Amounts are integer cents; code converts them to :class:`decimal.Decimal` euros. What is still
outstanding is derived from assessment, payments and waivers and is never stored.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from holdmetight.domain.base import Versioned, enum_column, fk, utc_now
from holdmetight.domain.enums import FeeBasis, HouseholdType, PaymentMethod


class FeeScale(Versioned, table=True):
    """A table of income bands with a fee per couple per course, valid for a period."""

    __tablename__ = "fee_scale"
    __table_args__ = (
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="period_ordered"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, sa_column_kwargs={"unique": True})
    basis: FeeBasis = Field(sa_column=enum_column(FeeBasis))
    valid_from: date
    valid_to: date | None = Field(default=None)


class FeeBand(Versioned, table=True):
    """One income band of a scale: from (inclusive) to (exclusive, open-ended when empty).

    Bounds are cents of net monthly household income, or whole percentages of the social
    minimum, according to the scale's basis.
    """

    __tablename__ = "fee_band"
    __table_args__ = (
        sa.UniqueConstraint("fee_scale_id", "position"),
        sa.CheckConstraint("income_from >= 0", name="from_not_negative"),
        sa.CheckConstraint("income_to IS NULL OR income_to > income_from", name="bounds_ordered"),
        sa.CheckConstraint("fee_cents >= 0", name="fee_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    fee_scale_id: int = Field(sa_column=fk("fee_scale.id", ondelete="CASCADE"))
    position: int
    label: str = Field(default="", max_length=100)
    income_from: int
    income_to: int | None = Field(default=None)
    fee_cents: int


class SocialMinimumNorm(Versioned, table=True):
    """The monthly social-minimum norm for a household type in a year (bijstandsnorm)."""

    __tablename__ = "social_minimum_norm"
    __table_args__ = (
        sa.UniqueConstraint("year", "household_type"),
        sa.CheckConstraint("monthly_cents > 0", name="norm_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    year: int
    household_type: HouseholdType = Field(sa_column=enum_column(HouseholdType))
    monthly_cents: int


class FeeAssessment(Versioned, table=True):
    """What one enrollment owes for the course, and how that was decided."""

    __tablename__ = "fee_assessment"
    __table_args__ = (
        sa.UniqueConstraint("enrollment_id"),
        sa.CheckConstraint("amount_cents >= 0", name="amount_not_negative"),
        sa.CheckConstraint("band_fee_cents >= 0", name="band_fee_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    enrollment_id: int = Field(sa_column=fk("enrollment.id", ondelete="CASCADE", index=False))
    fee_band_id: int | None = Field(
        default=None, sa_column=fk("fee_band.id", nullable=True, ondelete="SET NULL")
    )
    band_fee_cents: int = Field(default=0)
    amount_cents: int
    reduction_reason: str = Field(default="", max_length=400)
    assessed_on: date = Field(index=True)
    assessed_by: str = Field(default="", max_length=100)
    income_checked_by: str = Field(default="", max_length=100)
    income_checked_on: date | None = Field(default=None)


class Payment(Versioned, table=True):
    """Money received for an assessment; a negative amount is a refund."""

    __table_args__ = (sa.CheckConstraint("amount_cents <> 0", name="amount_not_zero"),)

    id: int | None = Field(default=None, primary_key=True)
    fee_assessment_id: int = Field(sa_column=fk("fee_assessment.id", ondelete="CASCADE"))
    paid_on: date = Field(index=True)
    amount_cents: int
    method: PaymentMethod = Field(sa_column=enum_column(PaymentMethod))
    reference: str = Field(default="", max_length=100)
    recorded_by: str = Field(default="", max_length=100)
    recorded_at: datetime = Field(default_factory=utc_now)


class Waiver(Versioned, table=True):
    """Part or all of an assessment that the organisation lets go, with the reason."""

    __table_args__ = (sa.CheckConstraint("amount_cents > 0", name="amount_positive"),)

    id: int | None = Field(default=None, primary_key=True)
    fee_assessment_id: int = Field(sa_column=fk("fee_assessment.id", ondelete="CASCADE"))
    amount_cents: int
    reason: str = Field(max_length=400)
    granted_on: date = Field(index=True)
    granted_by: str = Field(default="", max_length=100)
