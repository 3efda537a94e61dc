"""A course (one group), its facilitators, the steps it was planned with, and its meetings."""

from __future__ import annotations

from datetime import date, datetime, time
from uuid import uuid4

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from holdmetight.domain.base import Versioned, enum_column, fk, key_type, utc_now
from holdmetight.domain.enums import CourseStatus, FacilitatorRole, GroupSessionStatus, Language


class Course(Versioned, table=True):
    """One *Houd me vast* group with its dates, place, trainers and capacity."""

    __table_args__ = (
        sa.CheckConstraint("capacity >= 1 AND capacity <= 30", name="capacity_range"),
        sa.CheckConstraint("completion_min_steps >= 0", name="completion_min_steps_positive"),
        sa.Index("ix_course_first_date", "first_date", "code"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, sa_column_kwargs={"unique": True})
    title: str = Field(max_length=200)
    # The title as lists sort it (case and diacritics ignored), kept by the courses service:
    # SQLite and PostgreSQL then sort alike.
    title_key: str = Field(default="", sa_type=key_type(200))
    program_id: int = Field(sa_column=fk("program.id"))
    language: Language = Field(default=Language.NL, sa_column=enum_column(Language))
    venue_id: int | None = Field(
        default=None, sa_column=fk("venue.id", nullable=True, ondelete="SET NULL")
    )
    capacity: int = Field(default=8)
    status: CourseStatus = Field(
        default=CourseStatus.PLANNED, sa_column=enum_column(CourseStatus, index=True)
    )
    funding_municipality: str = Field(default="", max_length=100)
    fee_scale_id: int | None = Field(
        default=None, sa_column=fk("fee_scale.id", nullable=True, ondelete="SET NULL")
    )
    completion_min_steps: int = Field(default=6)
    # Whether both partners must attend a step for it to count, or one of them is enough.
    completion_both_partners: bool = Field(default=True)
    cancel_reason: str = Field(default="", max_length=400)
    created_at: datetime = Field(default_factory=utc_now)
    # The dates of the first and last meetings not cancelled, kept by services.course_span
    # whenever a meeting is written, so that lists and reports sort and select by them.
    first_date: date | None = Field(default=None)
    last_date: date | None = Field(default=None)


class CourseFacilitator(Versioned, table=True):
    """A facilitator's role in a course (usually one lead and one co-facilitator)."""

    __tablename__ = "course_facilitator"
    __table_args__ = (sa.UniqueConstraint("course_id", "facilitator_id"),)

    id: int | None = Field(default=None, primary_key=True)
    course_id: int = Field(sa_column=fk("course.id", ondelete="CASCADE"))
    facilitator_id: int = Field(sa_column=fk("facilitator.id"))
    role: FacilitatorRole = Field(sa_column=enum_column(FacilitatorRole))


class CourseStep(Versioned, table=True):
    """A programme step as the course was planned with it (kept when the programme changes)."""

    __tablename__ = "course_step"
    __table_args__ = (
        sa.UniqueConstraint("course_id", "position"),
        sa.CheckConstraint("position >= 1", name="position_positive"),
        sa.CheckConstraint("duration_minutes > 0", name="duration_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    course_id: int = Field(sa_column=fk("course.id", ondelete="CASCADE"))
    program_step_id: int | None = Field(
        default=None, sa_column=fk("program_step.id", nullable=True, ondelete="SET NULL")
    )
    position: int
    code: str = Field(max_length=40)
    title_nl: str = Field(max_length=200)
    title_en: str = Field(max_length=200)
    duration_minutes: int


class GroupSession(Versioned, table=True):
    """One dated meeting of a course for one step, in the organisation's local wall-clock time."""

    __tablename__ = "group_session"
    __table_args__ = (
        sa.CheckConstraint("end_time > start_time", name="ends_after_start"),
        sa.Index("ix_group_session_date_start", "date", "start_time"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # A stable identity for calendars (.ics UID): re-exporting updates the event, never duplicates.
    uid: str = Field(
        default_factory=lambda: str(uuid4()), max_length=36, sa_column_kwargs={"unique": True}
    )
    course_id: int = Field(sa_column=fk("course.id", ondelete="CASCADE"))
    course_step_id: int = Field(sa_column=fk("course_step.id"))
    date: date
    start_time: time
    end_time: time
    venue_id: int | None = Field(
        default=None, sa_column=fk("venue.id", nullable=True, ondelete="SET NULL")
    )
    room_id: int | None = Field(
        default=None, sa_column=fk("room.id", nullable=True, ondelete="SET NULL")
    )
    status: GroupSessionStatus = Field(
        default=GroupSessionStatus.SCHEDULED, sa_column=enum_column(GroupSessionStatus)
    )
    is_makeup: bool = Field(default=False)
    cancel_reason: str = Field(default="", max_length=400)
    note: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False, default=""))
    # What was done, for supervision: the step really covered (when it differs from the plan)
    # and how the meeting deviated from the programme.
    covered_position: int | None = Field(default=None)
    fidelity_note: str = Field(
        default="", sa_column=sa.Column(sa.Text, nullable=False, default="", server_default="")
    )


class GroupSessionFacilitator(SQLModel, table=True):
    """A facilitator who was present at a meeting."""

    __tablename__ = "group_session_facilitator"

    group_session_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("group_session.id", ondelete="CASCADE"), primary_key=True
        )
    )
    facilitator_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("facilitator.id", ondelete="CASCADE"), primary_key=True
        )
    )
