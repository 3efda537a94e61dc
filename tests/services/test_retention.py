"""The retention period (issue 16, item 3): a couple is due for anonymisation once its last
course or contact lies further back than the organisation's period, never while it is still in
the process; anonymised couples are not listed again; the period is the organisation's."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from holdmetight.domain.couple import Couple, Enrollment, Intake
from holdmetight.domain.course import Course
from holdmetight.domain.enums import EnrollmentStatus, OutcomeWave, PaymentMethod
from holdmetight.domain.organisation import Organisation
from holdmetight.errors import ValidationError
from holdmetight.services import (
    enrollments,
    fee_assessments,
    fee_scales,
    organisations,
    outcome_scores,
    payments,
    privacy,
    retention,
)

TODAY = date(2026, 11, 26)


def backdate(session, couple_id: int, years: int) -> None:
    """The couple was registered, and its intake held, ``years`` ago."""
    then = TODAY.replace(year=TODAY.year - years)
    session.get(Couple, couple_id).created_at = datetime(
        then.year, then.month, then.day, tzinfo=UTC
    )
    for intake in session.exec(select(Intake).where(Intake.couple_id == couple_id)):
        intake.date = then
    session.commit()


def due_ids(session, today: date = TODAY) -> list[int]:
    return [d.couple_id for d in retention.due_for_anonymisation(session, today=today)]


@pytest.fixture
def office(session, make):
    organisations.save_organisation(session, name="Wijkteam")
    return make


def test_a_couple_is_due_once_its_last_contact_is_older_than_the_period(session, office):
    old, recent = office.couple("Oud"), office.couple("Recent")
    backdate(session, old.id, 6)
    backdate(session, recent.id, 4)
    assert due_ids(session) == [old.id]
    assert retention.count_due(session, today=TODAY) == 1
    (due,) = retention.due_for_anonymisation(session, today=TODAY)
    assert due.names == "Oud, Anna & Visser, Bram"
    assert due.last_activity == date(2020, 11, 26)
    # Five years and one day ago is due; five years ago to the day is not yet.
    backdate(session, recent.id, 5)
    assert due_ids(session) == [old.id]
    assert due_ids(session, TODAY + timedelta(days=1)) == [old.id, recent.id]


def test_every_kind_of_activity_counts_as_contact(session, office):
    scale = office.fee_scale()
    course = office.course("HMV-OUD", first_date=TODAY - timedelta(weeks=300))
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    couple = office.couple("Betaler")
    place = enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    fee = fee_assessments.assess_fee(
        session, enrollment_id=place.id, fee_band_id=scale.bands[1].id, income_checked=True
    )
    enrollments.set_enrollment_status(
        session, enrollment_id=place.id, status=EnrollmentStatus.COMPLETED
    )
    stored = session.get(Enrollment, place.id)
    stored.applied_at = datetime(2019, 1, 1, tzinfo=UTC)
    session.commit()
    backdate(session, couple.id, 7)
    assert due_ids(session) == [couple.id]  # the course ended in 2021
    payments.record_payment(
        session,
        assessment_id=fee.assessment_id,
        amount=Decimal("5"),
        paid_on=TODAY - timedelta(days=10),
        method=PaymentMethod.CASH,
    )
    assert due_ids(session) == []  # it paid this month
    later = TODAY.replace(year=TODAY.year + 6)
    assert due_ids(session, later) == [couple.id]
    session.get(Course, course.row.id).last_date = TODAY.replace(year=TODAY.year + 2)
    session.commit()
    assert due_ids(session, later) == []  # its course ends in two years
    assert due_ids(session, later.replace(year=later.year + 2)) == [couple.id]


def test_a_questionnaire_filled_in_counts_as_contact(session, office):
    course = office.course("HMV-VRAAG", first_date=TODAY - timedelta(weeks=300))
    couple = office.couple("Invuller")
    place = enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    enrollments.set_enrollment_status(
        session, enrollment_id=place.id, status=EnrollmentStatus.COMPLETED
    )
    session.get(Enrollment, place.id).applied_at = datetime(2019, 1, 1, tzinfo=UTC)
    session.commit()
    backdate(session, couple.id, 7)
    assert due_ids(session) == [couple.id]
    outcome_scores.save_scores(
        session,
        course_id=course.row.id,
        couple_id=couple.id,
        wave=OutcomeWave.FOLLOW_UP,
        filled_on=TODAY - timedelta(days=3),
        scores=[outcome_scores.ScoreInput(partner=1, instrument_code="CSI-4", total=Decimal(12))],
    )
    assert due_ids(session) == []  # the follow-up came back this week
    (due,) = retention.due_for_anonymisation(session, today=TODAY.replace(year=TODAY.year + 6))
    assert due.last_activity == TODAY - timedelta(days=3)


def test_a_couple_still_in_the_process_is_never_due(session, office):
    course = office.course("HMV-WACHT", capacity=1)
    first, waiting = office.couple("Eerst"), office.couple("Wacht")
    for couple in (first, waiting):
        enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
        backdate(session, couple.id, 9)
        session.exec(
            select(Enrollment).where(Enrollment.couple_id == couple.id)
        ).one().applied_at = datetime(2015, 1, 1, tzinfo=UTC)
    session.commit()
    assert due_ids(session) == []


def test_an_anonymised_couple_is_not_due_again(session, office):
    couple = office.couple("Weg")
    backdate(session, couple.id, 8)
    assert due_ids(session) == [couple.id]
    privacy.anonymise(session, couple_id=couple.id)
    assert due_ids(session) == [] and retention.count_due(session, today=TODAY) == 0


def test_the_list_comes_a_page_at_a_time(session, office):
    made = [office.couple(f"Oud{n}").id for n in range(5)]
    for couple_id in made:
        backdate(session, couple_id, 10)
    page = retention.due_for_anonymisation(session, today=TODAY, offset=1, limit=2)
    assert [d.couple_id for d in page] == made[1:3]


def test_the_period_is_the_organisations_and_within_bounds(session, office):
    couple = office.couple("Drie")
    backdate(session, couple.id, 4)
    assert due_ids(session) == []
    org = organisations.get_organisation(session)
    assert org.retention_years == retention.DEFAULT_YEARS == 5
    assert retention.save_retention_years(session, version=org.version, years=3) == 3
    assert due_ids(session) == [couple.id]
    org = organisations.get_organisation(session)
    assert org.retention_years == 3
    for wrong in (0, 31, -1):
        with pytest.raises(ValidationError, match="between 1 and 30"):
            retention.save_retention_years(session, version=org.version, years=wrong)


def test_the_cutoff_of_a_leap_day_is_the_day_before(session, office):
    session.exec(select(Organisation)).one().retention_years = 1
    session.commit()
    assert retention.cutoff(session, date(2028, 2, 29)) == date(2027, 2, 28)
