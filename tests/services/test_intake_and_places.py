"""Intake triage, the enrollment status machine, the waiting list and the closing conversation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from holdmetight.domain.enums import EnrollmentStatus, IntakeOutcome, TrafficLight
from holdmetight.errors import RuleError, ValidationError
from holdmetight.services import couples, enrollments, intakes
from holdmetight.services.couples import PartnerInput

YESTERDAY = date.today() - timedelta(days=1)


def intake(session, couple, light=TrafficLight.ORANGE, outcome=IntakeOutcome.SUITABLE, **extra):
    return intakes.record_intake(
        session,
        couple_id=couple.id,
        on=YESTERDAY,
        traffic_light=light,
        outcome=outcome,
        **extra,
    )


def test_red_light_blocks_enrollment_unless_a_reason_is_given(session, make):
    course, couple = make.course("HMV-R"), make.couple()
    intake(session, couple, TrafficLight.RED, IntakeOutcome.REFER, referral_destination="GGZ")
    with pytest.raises(RuleError, match="Give a reason to enroll them anyway"):
        enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    placed = enrollments.enroll(
        session,
        couple_id=couple.id,
        course_id=course.row.id,
        override_reason="Therapie pas over een half jaar; groep als overbrugging",
    )
    assert placed.status is EnrollmentStatus.ENROLLED and placed.override_reason.startswith(
        "Therapie"
    )


def test_screening_flags_lead_to_a_referral_not_an_enrollment(session, make):
    course, couple = make.course("HMV-F"), make.couple(intake=False)
    with pytest.raises(ValidationError, match="choose 'refer'"):
        intake(session, couple, flags=frozenset({"flag_violence"}))
    recorded = intake(
        session,
        couple,
        TrafficLight.RED,
        IntakeOutcome.REFER,
        referral_destination="Veilig Thuis",
        flags=frozenset({"flag_violence"}),
    )
    assert recorded.flags == {"flag_violence"}
    assert intakes.list_intakes(session, couple_id=couple.id) == [recorded]
    with pytest.raises(RuleError, match="screening flags"):
        enrollments.enroll(
            session,
            couple_id=couple.id,
            course_id=course.row.id,
            override_reason="toch graag",
        )


def test_a_later_suitable_intake_lifts_the_objection(session, make):
    course, couple = make.course("HMV-L"), make.couple()
    intakes.record_intake(
        session,
        couple_id=couple.id,
        on=YESTERDAY - timedelta(days=30),
        traffic_light=TrafficLight.RED,
        outcome=IntakeOutcome.NOT_SUITABLE,
    )
    intake(session, couple)
    assert enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)


def test_withdrawing_needs_a_reason_and_a_withdrawn_enrollment_stays_withdrawn(session, make):
    course, couple = make.course("HMV-X"), make.couple()
    placed = enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    with pytest.raises(ValidationError, match="Reason is required"):
        enrollments.set_enrollment_status(
            session, enrollment_id=placed.id, status=EnrollmentStatus.WITHDRAWN
        )
    enrollments.set_enrollment_status(
        session, enrollment_id=placed.id, status=EnrollmentStatus.WITHDRAWN, reason="Ziekte"
    )
    with pytest.raises(RuleError, match="withdrawn cannot become enrolled"):
        enrollments.set_enrollment_status(
            session, enrollment_id=placed.id, status=EnrollmentStatus.ENROLLED
        )


def test_closing_conversation_is_recorded_with_advice(session, make):
    course, couple = make.course("HMV-C"), make.couple()
    placed = enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    closed = enrollments.record_closing(
        session,
        enrollment_id=placed.id,
        version=placed.version,
        on=YESTERDAY,
        advice="Terugkomavond over drie maanden",
    )
    assert (closed.closing_date, closed.closing_advice) == (
        YESTERDAY,
        "Terugkomavond over drie maanden",
    )
    with pytest.raises(ValidationError, match="cannot be in the future"):
        enrollments.record_closing(
            session,
            enrollment_id=placed.id,
            version=closed.version,
            on=date.today() + timedelta(days=1),
            advice="",
        )


def test_duplicates_are_found_by_email_or_by_names_and_postcode(session, make):
    existing = make.couple("Jansen", postcode="3512 AB")
    same_mail = (
        PartnerInput("Kees", "Anders", email=existing.partners[0].email.upper()),
        PartnerInput("Els", "Anders"),
    )
    (hint,) = couples.find_duplicates(session, partners=same_mail)
    assert hint.couple_id == existing.id and "same e-mail address" in hint.reason
    same_names = (PartnerInput("Anna", "jansen"), PartnerInput("Piet", "Nieuw"))
    assert couples.find_duplicates(session, partners=same_names, postcode="3512ab")[0].reason == (
        "same name and postcode"
    )
    assert couples.find_duplicates(session, partners=same_names, postcode="1011 AA") == []
    assert couples.find_duplicates(session, partners=same_mail, exclude_couple_id=existing.id) == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0612345678", "06 12345678"),
        ("030-1234567", "030 123 4567"),
        ("+32470123456", "+32 470 12 34 56"),
    ],
)
def test_phone_numbers_are_checked_and_written_the_usual_way(session, typed, stored):
    info = couples.create_couple(
        session,
        partners=(PartnerInput("Anna", "Smit", phone=typed), PartnerInput("Bram", "Smit")),
    )
    assert info.partners[0].phone == stored


def test_wrong_phone_number_and_email_are_explained(session):
    with pytest.raises(ValidationError, match="12345 is not a valid phone number"):
        couples.create_couple(
            session,
            partners=(PartnerInput("Anna", "Smit", phone="12345"), PartnerInput("Bram", "Smit")),
        )
    with pytest.raises(ValidationError, match="anna@ is not a valid e-mail address"):
        couples.create_couple(
            session,
            partners=(PartnerInput("Anna", "Smit", email="anna@"), PartnerInput("Bram", "Smit")),
        )
