"""How long a couple's file is kept: the organisation's retention period, counted from the
couple's last course or last contact, and the couples due for anonymisation once it has passed.

The organisation decides the period in its privacy policy (five years unless it says otherwise).
A couple is never due while it is still in the process (applied, waiting or enrolled); otherwise
its last activity is the latest of: its registration, an intake, an application, the last
meeting of a course it took part in, a closing conversation, a payment and a questionnaire
filled in (a follow-up months after the course). Nothing is
anonymised here: a person confirms each one (see :mod:`privacy`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import ColumnElement, and_, exists, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from holdmetight.domain.couple import Couple, Enrollment, Intake, Partner
from holdmetight.domain.course import Course
from holdmetight.domain.enums import EnrollmentStatus
from holdmetight.domain.fees import FeeAssessment, Payment
from holdmetight.domain.names import list_name
from holdmetight.domain.organisation import Organisation
from holdmetight.domain.outcomes import OutcomeScore
from holdmetight.errors import ValidationError
from holdmetight.i18n import _
from holdmetight.services import validation as check
from holdmetight.services.clock import local_now
from holdmetight.services.transaction import audit, read_only, unit_of_work

DEFAULT_YEARS = 5
MAX_YEARS = 30
STILL_IN_PROCESS = (
    EnrollmentStatus.APPLIED,
    EnrollmentStatus.WAITLISTED,
    EnrollmentStatus.ENROLLED,
)


@dataclass(frozen=True)
class DueCouple:
    """A couple whose file has been kept longer than the retention period."""

    couple_id: int
    names: str
    last_activity: date


def retention_years(session: Session) -> int:
    found = session.exec(select(Organisation.retention_years)).first()
    return found if found is not None else DEFAULT_YEARS


def cutoff(session: Session, today: date | None = None) -> date:
    """The day before which a couple's last activity makes it due."""
    today = today or local_now(session).date()
    years = retention_years(session)
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February, in a year that has none
        return today.replace(year=today.year - years, day=28)


def _recent(couple: type[Couple], since: date) -> ColumnElement[bool]:
    """Whether the couple did anything on or after ``since`` (or is still in the process)."""
    moment = datetime.combine(since, time(), UTC)
    enrollment = sa_select(col(Enrollment.id)).where(col(Enrollment.couple_id) == couple.id)
    return or_(
        col(couple.created_at) >= moment,
        exists(
            sa_select(col(Intake.id)).where(
                col(Intake.couple_id) == couple.id, col(Intake.date) >= since
            )
        ),
        exists(
            enrollment.where(
                or_(
                    col(Enrollment.status).in_(list(STILL_IN_PROCESS)),
                    col(Enrollment.applied_at) >= moment,
                    col(Enrollment.closing_date) >= since,
                )
            )
        ),
        exists(
            sa_select(col(Course.id))
            .join(Enrollment, col(Enrollment.course_id) == Course.id)
            .where(col(Enrollment.couple_id) == couple.id, col(Course.last_date) >= since)
        ),
        exists(
            sa_select(col(Payment.id))
            .join(FeeAssessment, col(FeeAssessment.id) == Payment.fee_assessment_id)
            .join(Enrollment, col(Enrollment.id) == FeeAssessment.enrollment_id)
            .where(col(Enrollment.couple_id) == couple.id, col(Payment.paid_on) >= since)
        ),
        exists(
            sa_select(col(OutcomeScore.id))
            .join(Enrollment, col(Enrollment.id) == OutcomeScore.enrollment_id)
            .where(col(Enrollment.couple_id) == couple.id, col(OutcomeScore.filled_on) >= since)
        ),
    )


def _due(since: date) -> ColumnElement[bool]:
    return and_(col(Couple.anonymised_at).is_(None), ~_recent(Couple, since))


@read_only
def count_due(session: Session, /, *, today: date | None = None) -> int:
    """How many couples are due for anonymisation (the window says so at start)."""
    since = cutoff(session, today)
    return int(
        session.execute(sa_select(func.count()).select_from(Couple).where(_due(since))).scalar_one()
    )


@read_only
def due_for_anonymisation(
    session: Session,
    /,
    *,
    today: date | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[DueCouple]:
    """The couples due (a page of them: ``offset``, ``limit``), the earliest registered first,
    with the day of their last activity; the work grows with the page, not with history."""
    since = cutoff(session, today)
    query = select(Couple.id).where(_due(since)).order_by(col(Couple.id)).offset(offset)
    ids = [i for i in session.exec(query if limit is None else query.limit(limit)) if i]
    if not ids:
        return []
    last = _last_activity(session, ids)
    names: dict[int, dict[int, str]] = {}
    for partner in session.exec(select(Partner).where(col(Partner.couple_id).in_(ids))):
        names.setdefault(partner.couple_id, {})[partner.position] = list_name(
            partner.given_name, partner.name_prefix, partner.family_name
        )
    return [
        DueCouple(
            couple_id=couple_id,
            names=" & ".join(name for _p, name in sorted(names.get(couple_id, {}).items())),
            last_activity=last[couple_id],
        )
        for couple_id in ids
    ]


def _last_activity(session: Session, ids: list[int]) -> dict[int, date]:
    """The latest activity of each couple in ``ids`` (of couples no longer in the process)."""
    latest: dict[int, date] = {}

    def note(couple_id: int, day: date | datetime | None) -> None:
        if day is None:
            return
        if isinstance(day, datetime):
            day = (day if day.tzinfo else day.replace(tzinfo=UTC)).date()
        if couple_id not in latest or day > latest[couple_id]:
            latest[couple_id] = day

    wanted = col(Enrollment.couple_id).in_(ids)
    for couple_id, created in session.exec(
        select(Couple.id, Couple.created_at).where(col(Couple.id).in_(ids))
    ):
        note(couple_id or 0, created)
    for couple_id, day in session.exec(
        select(Intake.couple_id, func.max(Intake.date))
        .where(col(Intake.couple_id).in_(ids))
        .group_by(col(Intake.couple_id))
    ):
        note(couple_id, day)
    for couple_id, applied, closing, last_meeting in session.exec(
        select(
            col(Enrollment.couple_id),
            col(Enrollment.applied_at),
            col(Enrollment.closing_date),
            col(Course.last_date),
        )
        .join(Course, col(Course.id) == Enrollment.course_id)
        .where(wanted)
    ):
        for moment in (applied, closing, last_meeting):
            note(couple_id, moment)
    for couple_id, paid in session.exec(
        select(Enrollment.couple_id, func.max(Payment.paid_on))
        .join(FeeAssessment, col(FeeAssessment.enrollment_id) == Enrollment.id)
        .join(Payment, col(Payment.fee_assessment_id) == FeeAssessment.id)
        .where(wanted)
        .group_by(col(Enrollment.couple_id))
    ):
        note(couple_id, paid)
    for couple_id, filled in session.exec(
        select(Enrollment.couple_id, func.max(OutcomeScore.filled_on))
        .join(OutcomeScore, col(OutcomeScore.enrollment_id) == Enrollment.id)
        .where(wanted)
        .group_by(col(Enrollment.couple_id))
    ):
        note(couple_id, filled)
    return latest


@unit_of_work
def save_retention_years(session: Session, /, *, version: int | None, years: int) -> int:
    """The organisation's retention period, in whole years after the last course or contact."""
    org = session.exec(select(Organisation).order_by(col(Organisation.id))).first()
    if org is None:
        raise ValidationError(_("Enter the organisation's name first."), field="name")
    check.check_version(org, version)
    org.retention_years = check.whole_number(
        years,
        field="retention_years",
        label=_("Years to keep a couple's file"),
        minimum=1,
        maximum=MAX_YEARS,
    )
    audit(session, action="settings", entity="organisation", entity_id=org.id)
    return org.retention_years
