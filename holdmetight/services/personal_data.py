"""Inzage (AVG art. 15) and data portability (art. 20): everything stored about one couple, or
about one partner of it, read from every table that refers to the couple.

Each table becomes a section with its records, each record its stored fields (what the
application keeps only for its own use, such as row versions and the folded search text, is
left out; the names they are made of are in). A reference to a course, a meeting, a facilitator
or an income band is given as what it names. Money is in euros. For one partner the other
partner's name, contact details and attendance are left out, and so are the free texts of the
couple's file (notes, reasons, advice), which may speak of both: they are given to the couple
together.

The same data make the JSON file (stable English field names, for another program) and the
PDF (in the couple's language, for a person).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table, inspect
from sqlmodel import Session, SQLModel, col, select

from holdmetight.domain import models  # noqa: F401 - every table, for tables_about_a_couple
from holdmetight.domain.audit import AuditEntry
from holdmetight.domain.couple import (
    Attendance,
    Consent,
    Couple,
    Enrollment,
    Intake,
    Partner,
    PlaceOffer,
    WaitingListChange,
)
from holdmetight.domain.course import Course, CourseStep, GroupSession
from holdmetight.domain.fees import FeeAssessment, FeeBand, Payment, Waiver
from holdmetight.domain.messages import Message
from holdmetight.domain.money import to_euros
from holdmetight.domain.names import full_name
from holdmetight.domain.organisation import Facilitator, Organisation
from holdmetight.domain.outcomes import OutcomeInstrument, OutcomeScore
from holdmetight.errors import RuleError, ValidationError
from holdmetight.i18n import _
from holdmetight.services import validation as check
from holdmetight.services.clock import DEFAULT_ZONE, local_now
from holdmetight.services.transaction import read_only

# Kept for the application's own use: not data about the couple.
HIDDEN = frozenset(
    {"version", "search_text", "sort_key", "couple_id", "enrollment_id", "repeat_key", "once_key"}
)
# Free texts about the couple's file: given to both partners together.
FREE_TEXTS = frozenset(
    {
        ("couple", "notes"),
        ("intake", "notes"),
        ("intake", "referral_destination"),
        ("enrollment", "status_reason"),
        ("enrollment", "override_reason"),
        ("enrollment", "closing_advice"),
        ("enrollment", "passed_over_reason"),
        ("waiting_list_change", "reason"),
        ("fee_assessment", "reduction_reason"),
        ("waiver", "reason"),
        ("payment", "reference"),
    }
)

Value = str | int | bool | None


@dataclass(frozen=True)
class Section:
    """The records of one table about the couple (or the partner)."""

    table: str
    records: tuple[dict[str, Value], ...]


@dataclass(frozen=True)
class PersonalData:
    """What an inzage gives: whose data, made when, by which organisation, and the data."""

    couple_id: int
    partner: int | None  # None: the whole couple
    names: tuple[str, ...]  # of the person or persons it is about
    language: str  # of the person (the first partner's, for the couple)
    made_on: date
    organisation: str
    sections: tuple[Section, ...]


def _plain(value: Any, column: str, zone: ZoneInfo) -> Value:
    """A stored value as it is given: amounts in euros, moments (in the organisation's time
    zone, with its offset) and days as ISO text."""
    if value is None or (isinstance(value, bool | int | str) and not column.endswith("_cents")):
        return value.value if isinstance(value, Enum) else value
    if column.endswith("_cents") and isinstance(value, int):
        return str(to_euros(value))
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(zone).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


class _Names:
    """What a reference names: a course by its code, a meeting by its day and step, a
    facilitator by name, an income band by its label (read once each)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._cache: dict[tuple[str, int], str] = {}
        zone = session.exec(select(Organisation.time_zone)).first()
        self.zone = ZoneInfo(zone or DEFAULT_ZONE)

    def position(self, partner_id: int) -> int:
        """Which partner (1 or 2) a partner record is."""
        partner = self._session.get(Partner, partner_id)
        return partner.position if partner else 0

    def of(self, column: str, key: int) -> str:
        found = self._cache.get((column, key))
        if found is None:
            found = self._cache[(column, key)] = self._read(column, key)
        return found

    def _read(self, column: str, key: int) -> str:
        s = self._session
        if column in ("course_id", "other_course_id"):
            course = s.get(Course, key)
            return f"{course.code}: {course.title}" if course else str(key)
        if column == "group_session_id":
            meeting = s.get(GroupSession, key)
            if meeting is None:
                return str(key)
            step = s.get(CourseStep, meeting.course_step_id)
            return f"{meeting.date.isoformat()} {step.code if step else ''}".strip()
        if column == "facilitator_id":
            person = s.get(Facilitator, key)
            if person is None:
                return str(key)
            return full_name(person.given_name, person.name_prefix, person.family_name)
        if column == "instrument_id":
            instrument = s.get(OutcomeInstrument, key)
            return instrument.code if instrument else str(key)
        if column in ("fee_band_id", "income_band_id"):
            band = s.get(FeeBand, key)
            return (band.label or str(band.position)) if band else str(key)
        return str(key)


NAMED = frozenset(
    {"course_id", "other_course_id", "group_session_id", "facilitator_id", "fee_band_id"}
    | {"income_band_id", "instrument_id"}
)


def _records(
    table: str, rows: Iterable[SQLModel], names: _Names, *, partner: int | None
) -> Section:
    """The records of ``table``; for one partner's copy without the other partner's column
    and without the couple's free texts."""
    other = {1: "partner2", 2: "partner1"}.get(partner or 0)

    def leave_out(column: str) -> bool:
        return partner is not None and ((table, column) in FREE_TEXTS or column == other)

    zone = names.zone
    records = []
    for row in rows:
        record: dict[str, Value] = {}
        for attribute in inspect(row).mapper.column_attrs:
            column = attribute.key
            if column in HIDDEN or leave_out(column):
                continue
            value = getattr(row, column)
            if column == "partner_id" and isinstance(value, int):
                record["partner"] = names.position(value)
            elif column in NAMED and isinstance(value, int):
                record[column.removesuffix("_id")] = names.of(column, value)
            else:
                # Money is given in euros, under the name of what it is ("amount").
                record[column.removesuffix("_cents")] = _plain(value, column, zone)
        records.append(record)
    return Section(table=table, records=tuple(records))


@read_only
def personal_data(
    session: Session, /, *, couple_id: int, partner: int | None = None
) -> PersonalData:
    """Everything stored about the couple (``partner`` None) or about one partner of it."""
    couple = check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    if partner not in (None, 1, 2):
        raise ValidationError(_("A couple has partner 1 and partner 2."), field="partner")
    names = _Names(session)
    partners = session.exec(
        select(Partner).where(Partner.couple_id == couple_id).order_by(col(Partner.position))
    ).all()
    mine = [p for p in partners if partner is None or p.position == partner]
    if partner is not None and not any(p.family_name for p in mine):
        raise RuleError(
            _("Partner {n} of this couple has been erased: no personal data are left.").format(
                n=partner
            )
        )
    enrollments = session.exec(
        select(Enrollment).where(Enrollment.couple_id == couple_id).order_by(col(Enrollment.id))
    ).all()
    enrollment_ids = [e.id for e in enrollments]
    assessments = session.exec(
        select(FeeAssessment)
        .where(col(FeeAssessment.enrollment_id).in_(enrollment_ids))
        .order_by(col(FeeAssessment.id))
    ).all()
    assessment_ids = [a.id for a in assessments]

    def rows(model: type[SQLModel], where: Any, order: Any) -> list[Any]:
        return list(session.exec(select(model).where(where).order_by(order)).all())

    found: dict[str, list[Any]] = {
        "couple": [couple],
        "partner": list(mine),
        "consent": rows(Consent, col(Consent.partner_id).in_([p.id for p in mine]), Consent.id),
        "intake": rows(Intake, col(Intake.couple_id) == couple_id, col(Intake.date)),
        "enrollment": list(enrollments),
        "place_offer": rows(
            PlaceOffer, col(PlaceOffer.enrollment_id).in_(enrollment_ids), PlaceOffer.id
        ),
        "waiting_list_change": rows(
            WaitingListChange,
            col(WaitingListChange.enrollment_id).in_(enrollment_ids),
            WaitingListChange.id,
        ),
        "attendance": rows(
            Attendance, col(Attendance.enrollment_id).in_(enrollment_ids), Attendance.id
        ),
        "fee_assessment": list(assessments),
        "payment": rows(
            Payment, col(Payment.fee_assessment_id).in_(assessment_ids), Payment.paid_on
        ),
        "waiver": rows(
            Waiver, col(Waiver.fee_assessment_id).in_(assessment_ids), Waiver.granted_on
        ),
        "outcome_score": rows(
            OutcomeScore, col(OutcomeScore.partner_id).in_([p.id for p in mine]), OutcomeScore.id
        ),
        # A partner's own messages and the letters to both partners.
        "message": rows(
            Message,
            (col(Message.couple_id) == couple_id)
            & (
                col(Message.partner_id).in_([p.id for p in mine])
                | col(Message.partner_id).is_(None)
                | (partner is None)
            ),
            Message.id,
        ),
        "audit_entry": rows(AuditEntry, col(AuditEntry.couple_id) == couple_id, AuditEntry.id),
    }
    sections = tuple(_records(t, r, names, partner=partner) for t, r in found.items())
    organisation = session.exec(select(Organisation.name)).first() or ""
    return PersonalData(
        couple_id=couple_id,
        partner=partner,
        names=tuple(full_name(p.given_name, p.name_prefix, p.family_name) for p in mine),
        language=str(mine[0].preferred_language.value if mine else "nl"),
        made_on=local_now(session).date(),
        organisation=organisation,
        sections=sections,
    )


def tables_about_a_couple() -> set[str]:
    """Every table whose rows belong to a couple: referring to it, or to a table that does, by
    foreign key; and the audit trail, which names the couple without one."""
    tables: dict[str, Table] = dict(SQLModel.metadata.tables)
    about = {"couple"}
    grew = True
    while grew:
        grew = False
        for name, table in tables.items():
            if name in about:
                continue
            if any(fk.column.table.name in about for fk in table.foreign_keys):
                about.add(name)
                grew = True
    return about | {"audit_entry"}


def as_json(data: PersonalData) -> bytes:
    """The machine-readable file: the same data, with stable English field names."""
    document = {
        "format": "holdmetight personal data 1",
        "couple": data.couple_id,
        "partner": data.partner,
        "made_on": data.made_on.isoformat(),
        "organisation": data.organisation,
        "tables": {section.table: list(section.records) for section in data.sections},
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def file_stem(couple_id: int, partner: int | None) -> str:
    """A file name that numbers, never names, whom it is about."""
    if partner is None:
        return f"personal-data-couple-{couple_id}"
    return f"personal-data-couple-{couple_id}-partner-{partner}"
