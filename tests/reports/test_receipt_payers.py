"""A receipt names the couple as a sentence does, joined by the document's own word."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from holdmetight.domain.enums import FeeBasis, PaymentMethod
from holdmetight.reports.receipt import render_receipt
from holdmetight.services import enrollments, fee_assessments, fee_scales, payments, receipts
from holdmetight.services.fee_scales import BandInput

TODAY = date.today()


@pytest.fixture
def assessment_id(session, make) -> int:
    scale = fee_scales.create_fee_scale(
        session,
        name="Staffel 2026",
        basis=FeeBasis.ABSOLUTE,
        valid_from=date(2026, 1, 1),
        valid_to=None,
        bands=[BandInput(0, None, Decimal("50"))],
    )
    course = make.course("HMV-BON")
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    couple = make.couple("Leeuwen", prefix="van")
    place = enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    row = fee_assessments.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[0].id)
    assert row.assessment_id is not None
    return row.assessment_id


def receipt_text(session, assessment_id: int, language: str) -> str:
    number = payments.latest_payment_id(session, assessment_id=assessment_id)
    assert number is not None
    pdf = render_receipt(receipts.receipt(session, payment_id=number), language=language)
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "Ontvangen van Anna van Leeuwen en Bram Visser"),
        ("en", "Received from Anna van Leeuwen and Bram Visser"),
    ],
)
def test_a_receipt_names_both_partners_as_in_a_sentence(session, assessment_id, language, expected):
    payments.record_payment(
        session,
        assessment_id=assessment_id,
        amount=Decimal("50"),
        paid_on=TODAY,
        method=PaymentMethod.CASH,
    )
    text = receipt_text(session, assessment_id, language)
    assert expected in text
    assert "Leeuwen, Anna" not in text and "&" not in text


def test_a_refund_receipt_names_whom_the_money_went_back_to(session, assessment_id):
    pay = {"assessment_id": assessment_id, "paid_on": TODAY, "method": PaymentMethod.CASH}
    payments.record_payment(session, amount=Decimal("50"), **pay)
    payments.record_refund(session, amount=Decimal("20"), **pay)
    text = receipt_text(session, assessment_id, "nl")
    assert "Bewijs van terugbetaling" in text
    assert "Terugbetaald aan Anna van Leeuwen en Bram Visser" in text
