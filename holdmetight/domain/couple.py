"""Couples and their partners, intakes, enrollments in courses, and attendance."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from holdmetight.domain.base import Versioned, enum_column, fk, key_type, utc_now
from holdmetight.domain.enums import (
    AttendanceStatus,
    ConsentPurpose,
    EnrollmentStatus,
    HouseholdType,
    IntakeOutcome,
    Language,
    LeavingFee,
    OfferOutcome,
    ReferralSource,
    TrafficLight,
    WaitingListChangeKind,
)


class Couple(Versioned, table=True):
    """The unit that enrolls in a course: two partners and what they share."""

    __table_args__ = (
        # Lets the couples list filter and sort without touching the table (see couple_list).
        sa.Index("ix_couple_sort_search", "sort_key", "search_text", "anonymised_at"),
        # Only the anonymised couples: the couples listed are counted as all minus these, in
        # no time, while filtered queries keep the index above.
        sa.Index(
            "ix_couple_anonymised",
            "anonymised_at",
            # (On a server database a whole index will do; naming its dialect here would
            # load that dialect's code at every start.)
            sqlite_where=sa.text("anonymised_at IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    # The couple's postal address, for letters (the postcode also counts for the figures).
    street: str = Field(default="", max_length=200)
    house_number: str = Field(default="", max_length=20)
    postcode: str = Field(default="", max_length=7, index=True)
    town: str = Field(default="", max_length=100)
    municipality: str = Field(default="", max_length=100, index=True)
    referral_source: ReferralSource = Field(
        default=ReferralSource.SELF, sa_column=enum_column(ReferralSource)
    )
    consent_date: date | None = Field(default=None)
    household_type: HouseholdType = Field(
        default=HouseholdType.LIVING_TOGETHER, sa_column=enum_column(HouseholdType)
    )
    income_band_id: int | None = Field(
        default=None, sa_column=fk("fee_band.id", nullable=True, ondelete="SET NULL")
    )
    notes: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))
    # Names, emails, postcode and municipality folded (see domain.names.fold) for quick filtering.
    search_text: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))
    # The first partner's sort key (domain.names.sort_key): the order of the couples list.
    sort_key: str = Field(default="", sa_type=key_type(300))
    anonymised_at: datetime | None = Field(default=None)
    created_at: datetime = Field(default_factory=utc_now)


class Partner(Versioned, table=True):
    """One of the two partners of a couple (position 1 or 2)."""

    __table_args__ = (
        sa.UniqueConstraint("couple_id", "position"),
        sa.CheckConstraint("position IN (1, 2)", name="position_one_or_two"),
        # The duplicate check finds a partner by e-mail address whatever its case.
        sa.Index("ix_partner_email_lower", sa.text("lower(email)")),
    )

    id: int | None = Field(default=None, primary_key=True)
    couple_id: int = Field(sa_column=fk("couple.id", ondelete="CASCADE"))
    position: int
    given_name: str = Field(max_length=100)
    name_prefix: str = Field(default="", max_length=30)
    family_name: str = Field(max_length=100)
    email: str = Field(default="", max_length=254, index=True)
    phone: str = Field(default="", max_length=40)
    preferred_language: Language = Field(default=Language.NL, sa_column=enum_column(Language))
    sort_key: str = Field(default="", sa_type=key_type(300), index=True)
    # A partner who lives elsewhere has an own postal address; empty: the couple's.
    street: str = Field(default="", max_length=200)
    house_number: str = Field(default="", max_length=20)
    postcode: str = Field(default="", max_length=7)
    town: str = Field(default="", max_length=100)
    # Messages go to this partner on paper, even with an e-mail address.
    prefers_post: bool = Field(default=False)


class Consent(Versioned, table=True):
    """What one partner agreed to, for one purpose: since when, and until when if withdrawn.
    Giving it again after a withdrawal starts anew (the audit trail keeps the history)."""

    __table_args__ = (sa.UniqueConstraint("partner_id", "purpose"),)

    id: int | None = Field(default=None, primary_key=True)
    partner_id: int = Field(sa_column=fk("partner.id", ondelete="CASCADE"))
    purpose: ConsentPurpose = Field(sa_column=enum_column(ConsentPurpose))
    given_on: date
    withdrawn_on: date | None = Field(default=None)


class Intake(Versioned, table=True):
    """An intake conversation: triage by traffic light and the outcome."""

    __table_args__ = (sa.Index("ix_intake_date", "date"),)

    id: int | None = Field(default=None, primary_key=True)
    couple_id: int = Field(sa_column=fk("couple.id", ondelete="CASCADE"))
    date: date
    facilitator_id: int | None = Field(
        default=None, sa_column=fk("facilitator.id", nullable=True, ondelete="SET NULL")
    )
    traffic_light: TrafficLight = Field(sa_column=enum_column(TrafficLight))
    outcome: IntakeOutcome = Field(sa_column=enum_column(IntakeOutcome))
    referral_destination: str = Field(default="", max_length=200)
    flag_affair: bool = Field(default=False)
    flag_violence: bool = Field(default=False)
    flag_addiction: bool = Field(default=False)
    flag_mental_disorder: bool = Field(default=False)
    notes: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))


class Enrollment(Versioned, table=True):
    """A couple's place in a course, from application to completion, withdrawal or referral."""

    __table_args__ = (
        sa.UniqueConstraint("couple_id", "course_id"),
        sa.Index("ix_enrollment_course_status", "course_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    couple_id: int = Field(sa_column=fk("couple.id", ondelete="CASCADE"))
    course_id: int = Field(sa_column=fk("course.id", ondelete="CASCADE"))
    status: EnrollmentStatus = Field(
        default=EnrollmentStatus.APPLIED, sa_column=enum_column(EnrollmentStatus)
    )
    applied_at: datetime = Field(default_factory=utc_now)
    # When the couple got its place in the group (None: it never had one, only waited).
    placed_at: datetime | None = Field(default=None)
    status_reason: str = Field(default="", max_length=400)
    override_reason: str = Field(default="", max_length=400)
    closing_date: date | None = Field(default=None)
    closing_advice: str = Field(
        default="", sa_column=sa.Column(sa.Text, nullable=False, default="")
    )
    # A waiting couple passed over for places (with the reason) until put back in line.
    passed_over_reason: str = Field(
        default="", sa_column=sa.Column(sa.String(400), nullable=False, server_default="")
    )
    # What the organisation decided about the rest of the fee when the couple left.
    fee_on_leaving: LeavingFee | None = Field(
        default=None, sa_column=enum_column(LeavingFee, nullable=True)
    )


class PlaceOffer(Versioned, table=True):
    """A free place offered to a couple on a course's waiting list, to answer by a date."""

    __tablename__ = "place_offer"
    __table_args__ = (sa.Index("ix_place_offer_course_outcome", "course_id", "outcome"),)

    id: int | None = Field(default=None, primary_key=True)
    enrollment_id: int = Field(sa_column=fk("enrollment.id", ondelete="CASCADE"))
    course_id: int = Field(sa_column=fk("course.id", ondelete="CASCADE", index=False))
    offered_at: datetime = Field(default_factory=utc_now)
    answer_by: date
    outcome: OfferOutcome = Field(default=OfferOutcome.OPEN, sa_column=enum_column(OfferOutcome))
    answered_at: datetime | None = Field(default=None)


class WaitingListChange(Versioned, table=True):
    """A recorded decision about a couple's turn: passed over (with the reason), put back in
    line, or moved to another course's waiting list keeping the application date."""

    __tablename__ = "waiting_list_change"

    id: int | None = Field(default=None, primary_key=True)
    enrollment_id: int = Field(sa_column=fk("enrollment.id", ondelete="CASCADE"))
    at: datetime = Field(default_factory=utc_now)
    kind: WaitingListChangeKind = Field(sa_column=enum_column(WaitingListChangeKind))
    course_id: int = Field(sa_column=fk("course.id", ondelete="CASCADE", index=False))
    other_course_id: int | None = Field(
        default=None, sa_column=fk("course.id", nullable=True, ondelete="SET NULL", index=False)
    )
    reason: str = Field(default="", max_length=400)


class Attendance(Versioned, table=True):
    """Who came to one group session: a status for each partner of an enrolled couple."""

    __table_args__ = (sa.UniqueConstraint("enrollment_id", "group_session_id"),)

    id: int | None = Field(default=None, primary_key=True)
    enrollment_id: int = Field(sa_column=fk("enrollment.id", ondelete="CASCADE"))
    group_session_id: int = Field(sa_column=fk("group_session.id", ondelete="CASCADE"))
    partner1: AttendanceStatus | None = Field(
        default=None,
        sa_column=enum_column(AttendanceStatus, nullable=True, check="partner1_status"),
    )
    partner2: AttendanceStatus | None = Field(
        default=None,
        sa_column=enum_column(AttendanceStatus, nullable=True, check="partner2_status"),
    )
