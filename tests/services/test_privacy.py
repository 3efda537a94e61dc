"""Erasure under the AVG that keeps the figures (issue 16, item 2): anonymising a couple takes
every name, contact detail and free text, keeps what the anonymous reports count, cannot be
undone or repeated, closes the couple's file, and is in the audit trail without the values;
one partner can be erased alone."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import inspect
from sqlmodel import select

from holdmetight.domain.audit import AuditEntry
from holdmetight.domain.couple import Couple, Enrollment, Intake, Partner
from holdmetight.domain.enums import IntakeOutcome, PaymentMethod, TrafficLight
from holdmetight.domain.fees import FeeAssessment, Payment, Waiver
from holdmetight.errors import RuleError
from holdmetight.services import (
    couple_list,
    couples,
    demo,
    enrollments,
    fee_assessments,
    fee_scales,
    fee_summary,
    intakes,
    municipality_report,
    payments,
    privacy,
)

TODAY = date.today()
PERIOD = {"first": TODAY - timedelta(days=400), "last": TODAY + timedelta(days=400)}
SECRETS = ("Zwanenburg", "Ysolde", "ysolde@example.org", "06 12345678", "ruzie over geld")


@pytest.fixture
def office(session, make):
    """The demo office, and a couple with a name found nowhere else, an intake with notes and
    flags, a place in a course with a reduced fee, a payment and a waiver with texts."""
    demo.create_demo_data(session, today=TODAY)
    scale = make.fee_scale()
    course = make.course("HMV-PRIV", first_date=TODAY - timedelta(weeks=2))
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    couple = couples.create_couple(
        session,
        partners=(
            couples.PartnerInput(
                "Ysolde", "Zwanenburg", email="ysolde@example.org", phone="0612345678"
            ),
            couples.PartnerInput("Quirijn", "Oudeveen", email="quirijn@example.org"),
        ),
        postcode="3512 AB",
        municipality="Utrecht",
        notes="Eerdere ruzie over geld.",
    )
    intakes.record_intake(
        session,
        couple_id=couple.id,
        on=TODAY - timedelta(days=30),
        traffic_light=TrafficLight.ORANGE,
        outcome=IntakeOutcome.SUITABLE,
        notes="Vertelt over ruzie over geld.",
    )
    place = enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    fee = fee_assessments.assess_fee(
        session,
        enrollment_id=place.id,
        fee_band_id=scale.bands[2].id,
        amount=Decimal("30"),
        reduction_reason="Zwanenburg heeft schulden",
        income_checked=True,
    )
    payments.record_payment(
        session,
        assessment_id=fee.assessment_id,
        amount=Decimal("10"),
        paid_on=TODAY,
        method=PaymentMethod.CASH,
        reference="Ysolde Zwanenburg",
    )
    payments.waive(
        session, assessment_id=fee.assessment_id, amount=Decimal("5"), reason="ruzie over geld"
    )
    # Later screened again, and referred: the flags are special personal data.
    intakes.record_intake(
        session,
        couple_id=couple.id,
        on=TODAY,
        traffic_light=TrafficLight.RED,
        outcome=IntakeOutcome.REFER,
        referral_destination="GGZ-team Zwanenburg",
        flags=frozenset({"flag_violence"}),
    )
    return couple


def figures(session):
    """What the anonymous reports say, without the names in their lists."""
    summary = fee_summary.fee_summary(session, **PERIOD)
    return (
        summary.bands,
        summary.methods,
        [dataclasses.replace(b, names="") for b in summary.open_balances],
        [dataclasses.replace(b, names="") for b in summary.refunds_due],
        summary.unassessed,
        municipality_report.municipality_report(session, **PERIOD),
    )


def stored_text(session, couple_id: int) -> str:
    """Every text the database holds about the couple, in one string."""
    enrollment_ids = [
        e.id for e in session.exec(select(Enrollment).where(Enrollment.couple_id == couple_id))
    ]
    rows: list = [session.get(Couple, couple_id)]
    rows += session.exec(select(Partner).where(Partner.couple_id == couple_id)).all()
    rows += session.exec(select(Intake).where(Intake.couple_id == couple_id)).all()
    rows += [session.get(Enrollment, i) for i in enrollment_ids]
    assessments = session.exec(
        select(FeeAssessment).where(FeeAssessment.enrollment_id.in_(enrollment_ids))
    ).all()
    rows += assessments
    ids = [a.id for a in assessments]
    rows += session.exec(select(Payment).where(Payment.fee_assessment_id.in_(ids))).all()
    rows += session.exec(select(Waiver).where(Waiver.fee_assessment_id.in_(ids))).all()
    rows += session.exec(select(AuditEntry)).all()
    # Moments are left out: their microseconds could hold a postcode's digits by chance.
    return " ".join(
        str(value)
        for row in rows
        for column in inspect(row).mapper.column_attrs
        if not isinstance(value := getattr(row, column.key), datetime)
    )


def test_anonymising_takes_every_name_and_text_and_keeps_the_figures(session, office):
    before = figures(session)
    before_text = stored_text(session, office.id)
    assert [s for s in SECRETS if s not in before_text] == []
    privacy.anonymise(session, couple_id=office.id)
    after_text = stored_text(session, office.id)
    for secret in (*SECRETS, "Quirijn", "Oudeveen", "quirijn@", "3512", "schulden"):
        assert secret not in after_text, secret
    assert figures(session) == before
    couple = session.get(Couple, office.id)
    assert couple.anonymised_at is not None and couple.municipality == "Utrecht"
    kept = session.exec(select(Intake).where(Intake.couple_id == office.id).order_by(Intake.id))
    assert [(i.traffic_light, i.outcome, i.flag_violence) for i in kept] == [
        (TrafficLight.ORANGE, IntakeOutcome.SUITABLE, False),
        (TrafficLight.RED, IntakeOutcome.REFER, False),
    ]
    assert couples.get_couple(session, couple_id=office.id).names == "\u2013 & \u2013"
    assert office.id not in {c.id for c in couple_list.list_couples(session, limit=1000)}
    entry = session.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.entity, entry.couple_id, entry.detail) == (
        "anonymise",
        "couple",
        office.id,
        "",
    )


def test_an_anonymised_couples_file_is_closed(session, office, make):
    privacy.anonymise(session, couple_id=office.id)
    with pytest.raises(RuleError, match="has been anonymised"):
        privacy.anonymise(session, couple_id=office.id)
    info = couples.get_couple(session, couple_id=office.id)
    with pytest.raises(RuleError, match="has been anonymised"):
        couples.update_couple(
            session,
            couple_id=office.id,
            version=info.version,
            partners=(couples.PartnerInput("A", "B"), couples.PartnerInput("C", "D")),
        )
    with pytest.raises(RuleError, match="has been anonymised"):
        enrollments.enroll(session, couple_id=office.id, course_id=make.course("HMV-LATER").row.id)
    with pytest.raises(RuleError, match="has been anonymised"):
        make.suitable_intake(office.id)


def test_one_partner_is_erased_and_the_other_stays(session, office):
    privacy.anonymise(session, couple_id=office.id, partner=1)
    text = stored_text(session, office.id)
    for secret in SECRETS:
        assert secret not in text, secret
    assert "Quirijn" in text and "quirijn@example.org" in text
    info = couples.get_couple(session, couple_id=office.id)
    assert info.names == "\u2013 & Oudeveen, Quirijn"
    assert session.get(Couple, office.id).anonymised_at is None
    assert [c.id for c in couple_list.list_couples(session, text="quirijn")] == [office.id]
    assert couple_list.list_couples(session, text="zwanenburg") == []
    entry = session.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.entity, entry.couple_id) == ("anonymise", "partner", office.id)


def test_the_name_typed_to_confirm_is_the_family_name_erased(session, office):
    assert privacy.confirmation_name(session, couple_id=office.id) == "Zwanenburg"
    assert privacy.confirmation_name(session, couple_id=office.id, partner=2) == "Oudeveen"
    assert privacy.confirmed("  zwanenburg ", "Zwanenburg")
    assert privacy.confirmed("Çelik", "celik")
    assert not privacy.confirmed("Zwanenbur", "Zwanenburg")
    assert not privacy.confirmed("", "")


def test_the_erased_values_are_gone_from_the_file_itself(database, session, office, db_path):
    """Not only from what the application reads: from the bytes of the database file."""
    session.close()
    with database.session() as s:
        privacy.anonymise(s, couple_id=office.id)
    database.forget_old_pages()
    database.dispose()
    data = db_path.read_bytes()
    for secret in SECRETS[:4]:
        assert secret.encode() not in data, secret
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or not any(s.encode() in wal.read_bytes() for s in SECRETS[:4])


def test_a_couple_with_one_partner_erased_can_still_be_anonymised_whole(session, office):
    privacy.anonymise(session, couple_id=office.id, partner=1)
    # The name to type is now the partner still there; then the couple's number.
    assert privacy.confirmation_name(session, couple_id=office.id) == "Oudeveen"
    with pytest.raises(RuleError, match="erased already"):
        privacy.confirmation_name(session, couple_id=office.id, partner=1)
    privacy.anonymise(session, couple_id=office.id, partner=2)
    assert privacy.confirmation_name(session, couple_id=office.id) == str(office.id)
    privacy.anonymise(session, couple_id=office.id)
    couple = session.get(Couple, office.id)
    assert couple.anonymised_at is not None and couple.postcode == ""


def test_a_surname_with_a_prefix_may_be_typed_with_or_without_it():
    assert privacy.confirmed("van der Meer", "van der Meer")
    assert privacy.confirmed("meer", "van der Meer")
    assert not privacy.confirmed("der", "van der Meer")
    assert not privacy.confirmed("van", "van der Meer")
