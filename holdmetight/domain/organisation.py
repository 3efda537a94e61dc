"""The organisation running the courses, its venues and rooms, and its facilitators."""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from holdmetight.domain.base import Versioned, enum_column, fk, key_type, utc_now
from holdmetight.domain.enums import Language, MailSecurity, SchoolRegion

# A Dutch window envelope (EA5/6, C5/6 and the like: the window on the left) shows an address
# placed 20 mm from the left and 50 mm from the top of a folded A4 sheet.
LETTER_WINDOW_LEFT_MM = 20
LETTER_WINDOW_TOP_MM = 50


class Organisation(Versioned, table=True):
    """The one organisation whose courses this database holds; printed on every page."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    address: str = Field(default="", max_length=400)
    postcode: str = Field(default="", max_length=10)
    city: str = Field(default="", max_length=100)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    logo_png: bytes | None = Field(default=None, sa_column=sa.Column(sa.LargeBinary, nullable=True))
    default_language: Language = Field(default=Language.NL, sa_column=enum_column(Language))
    time_zone: str = Field(default="Europe/Amsterdam", max_length=64)
    is_demo: bool = Field(default=False)
    # Days a couple has to answer the offer of a place from the waiting list.
    offer_answer_days: int = Field(
        default=7, sa_column=sa.Column(sa.Integer, nullable=False, server_default="7")
    )
    # Whether a couple needs an intake that found them suitable before they take a place.
    intake_required: bool = Field(
        default=True, sa_column=sa.Column(sa.Boolean, nullable=False, server_default=sa.true())
    )
    # The school-holiday region whose holidays planning can skip (none chosen yet: None).
    school_region: SchoolRegion | None = Field(
        default=None, sa_column=enum_column(SchoolRegion, nullable=True)
    )
    # Years a couple's file is kept after its last course or contact (the organisation's privacy
    # policy decides); then it is listed for anonymisation.
    retention_years: int = Field(
        default=5, sa_column=sa.Column(sa.Integer, nullable=False, server_default="5")
    )
    # The database's own name, shared by its backups: the register of erasures kept beside it
    # (see services.privacy) belongs to the database that bears it.
    database_key: str = Field(
        default_factory=lambda: uuid.uuid4().hex,
        sa_column=sa.Column(sa.String(32), nullable=False, server_default=""),
    )
    # The secret under which couples and partners get their numbers in the researchers' file:
    # never written anywhere else, so that a pseudonym cannot be traced back without it.
    research_key: str = Field(
        default_factory=lambda: secrets.token_hex(32),
        sa_column=sa.Column(sa.String(64), nullable=False, server_default=""),
    )
    created_at: datetime = Field(default_factory=utc_now)
    # The organisation's own mail server; its password is kept in each PC's credential store.
    smtp_host: str = Field(default="", max_length=200)
    smtp_port: int = Field(default=587)
    smtp_security: MailSecurity = Field(
        default=MailSecurity.STARTTLS, sa_column=enum_column(MailSecurity)
    )
    smtp_user: str = Field(default="", max_length=200)
    # The address messages come from (and answers go to); empty: the organisation's e-mail.
    mail_from: str = Field(default="", max_length=254)
    # Reminders of meetings sent on their own, days before each meeting (off until switched on).
    reminders_on: bool = Field(default=False)
    reminder_days: int = Field(default=2)
    # Where a letter puts its address: the window of the organisation's envelopes, in mm from
    # the sheet's left and top edges.
    letter_window_left_mm: int = Field(default=LETTER_WINDOW_LEFT_MM)
    letter_window_top_mm: int = Field(default=LETTER_WINDOW_TOP_MM)


class SchoolHoliday(Versioned, table=True):
    """A school-holiday period in one region (first and last day inclusive), editable by the
    organisation and seeded from the official periods shipped with the application."""

    __tablename__ = "school_holiday"
    __table_args__ = (
        sa.UniqueConstraint("region", "school_year", "name"),
        sa.CheckConstraint("last_day >= first_day", name="period_ordered"),
    )

    id: int | None = Field(default=None, primary_key=True)
    region: SchoolRegion = Field(sa_column=enum_column(SchoolRegion))
    school_year: str = Field(max_length=9)  # "2026-2027"
    name: str = Field(max_length=100)
    first_day: date
    last_day: date


class Venue(Versioned, table=True):
    """A place where group sessions are held."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, sa_column_kwargs={"unique": True})
    address: str = Field(default="", max_length=400)
    postcode: str = Field(default="", max_length=10)
    city: str = Field(default="", max_length=100)
    active: bool = Field(default=True)


class Room(Versioned, table=True):
    """A room in a venue; two sessions in one room at the same time are a conflict."""

    __table_args__ = (
        sa.UniqueConstraint("venue_id", "name"),
        sa.CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    venue_id: int = Field(sa_column=fk("venue.id", ondelete="CASCADE"))
    name: str = Field(max_length=100)
    capacity: int | None = Field(default=None)


class Facilitator(Versioned, table=True):
    """A trainer who leads or co-leads groups."""

    id: int | None = Field(default=None, primary_key=True)
    given_name: str = Field(max_length=100)
    name_prefix: str = Field(default="", max_length=30)
    family_name: str = Field(max_length=100)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    active: bool = Field(default=True)
    eft_trained: bool = Field(default=False)
    hmt_trained: bool = Field(default=False)
    sort_key: str = Field(default="", sa_type=key_type(300), index=True)
