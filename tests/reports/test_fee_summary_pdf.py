"""The fee summary on paper says what the Fees page says: each scale named once above its
bands, the couples still without an income band, and per payment method what came in and
what went back."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from holdmetight.domain.enums import PaymentMethod
from holdmetight.reports.fee_summary import render_fee_summary
from holdmetight.services import (
    couple_export,
    enrollments,
    fee_assessments,
    fee_scales,
    fee_summary,
    payments,
)

TODAY = date.today()
SCALE = "Inkomensafhankelijke eigen bijdrage 2026"


@pytest.fixture
def scale(make):
    return make.fee_scale(SCALE)


def course_with(session, make, scale, code: str, couples: int, first_date: date | None = None):
    course = make.course(code, first_date=first_date)
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    places = [
        enrollments.enroll(session, couple_id=make.couple().id, course_id=course.row.id)
        for _n in range(couples)
    ]
    return course, places


def lines_of(pdf: bytes) -> list[str]:
    """The text of each line across the pages as a reader sees it: a table row's cells, left
    to right, make one line."""
    lines: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        found: list[tuple[float, float, str]] = []

        def seen(text, cm, tm, _font, _size, found=found) -> None:
            for n, line in enumerate(text.splitlines()):
                if line.strip():
                    found.append((cm[5] + tm[5] - 12 * n, cm[4] + tm[4], line))

        page.extract_text(visitor_text=seen)
        rows: list[list[tuple[float, float, str]]] = []
        for piece in sorted(found, key=lambda p: -p[0]):
            if rows and abs(rows[-1][0][0] - piece[0]) <= 2:
                rows[-1].append(piece)
            else:
                rows.append([piece])
        for row in rows:
            text = " ".join(t for _y, _x, t in sorted(row, key=lambda p: p[1]))
            lines.append(" ".join(text.replace("\u00a0", " ").split()))
    return lines


def test_an_english_summary_names_the_scale_once_and_each_band_on_one_line(session, make, scale):
    _course, places = course_with(session, make, scale, "HMV-BAND", 3)
    for place, band in zip(places, scale.bands, strict=True):
        fee_assessments.assess_fee(session, enrollment_id=place.id, fee_band_id=band.id)
    summary = fee_summary.fee_summary(session, course_code="HMV-BAND")
    lines = lines_of(render_fee_summary(summary, language="en"))
    assert sum(SCALE in line for line in lines) == 1
    assert f"Fee scale: {SCALE}" in lines
    for label in ("€0.00 – €1,800.00", "€1,800.00 – €2,500.00", "from €2,500.00"):
        (row,) = [line for line in lines if line.startswith(f"{label} 1 €")]
        assert row.count("€") == (7 if "–" in label else 6), row


@pytest.mark.parametrize("language", ["nl", "en"])
def test_couples_not_yet_assessed_are_counted_on_paper_as_on_the_fees_page(
    session, make, scale, language
):
    starts = TODAY + timedelta(days=21)
    course_with(session, make, scale, "HMV-OPEN", 5, first_date=starts)
    by_course = fee_summary.fee_summary(session, course_code="HMV-OPEN")
    assert by_course.unassessed == 5
    lines = lines_of(render_fee_summary(by_course, language=language))
    text = " ".join(lines)
    if language == "nl":
        assert "5 stellen hebben nog geen inkomensgroep." in text
        assert "nog geen inkomensgroep 5 – – – – –" in lines
        assert "Totaal 5 € 0,00 € 0,00 € 0,00 € 0,00 € 0,00" in lines
    else:
        assert "5 couples have no income band yet." in text
        assert "no income band yet 5 – – – – –" in lines
    period = fee_summary.fee_summary(session, first=starts - timedelta(days=7), last=starts)
    assert period.unassessed == 5
    before = fee_summary.fee_summary(
        session, first=starts - timedelta(days=60), last=starts - timedelta(days=1)
    )
    assert before.unassessed == 0


def test_a_course_without_a_fee_scale_has_no_couples_waiting_for_a_band(session, make):
    course = make.course("HMV-GRATIS")
    enrollments.enroll(session, couple_id=make.couple().id, course_id=course.row.id)
    summary = fee_summary.fee_summary(session, course_code="HMV-GRATIS")
    assert summary.unassessed == 0
    assert not any(
        "income band yet" in line for line in lines_of(render_fee_summary(summary, language="en"))
    )


def test_a_cash_refund_reads_as_received_and_refunded_not_as_a_negative_payment(
    session, make, scale
):
    _course, (place, other) = course_with(session, make, scale, "HMV-TERUG", 2)
    rows = [
        fee_assessments.assess_fee(session, enrollment_id=p.id, fee_band_id=scale.bands[2].id)
        for p in (place, other)
    ]
    day = TODAY - timedelta(days=3)
    pay = {"assessment_id": rows[0].assessment_id, "method": PaymentMethod.CASH}
    payments.record_payment(session, amount=Decimal("50"), paid_on=day, **pay)
    payments.record_refund(session, amount=Decimal("50"), paid_on=TODAY, **pay)
    payments.record_payment(
        session,
        assessment_id=rows[1].assessment_id,
        amount=Decimal("20"),
        paid_on=day,
        method=PaymentMethod.PIN,
    )
    summary = fee_summary.fee_summary(session, course_code="HMV-TERUG")
    cash, pin = summary.methods
    assert (cash.method, cash.received, cash.refunded, cash.paid) == (
        PaymentMethod.CASH,
        Decimal("50.00"),
        Decimal("50.00"),
        Decimal("0.00"),
    )
    assert (pin.received, pin.refunded) == (Decimal("20.00"), Decimal("0.00"))
    export = couple_export.payments_table(session, language="nl", course_code="HMV-TERUG")
    assert summary.paid == sum(r[4] for r in export.rows) == Decimal("20.00")
    assert summary.received - summary.refunded == summary.paid
    assert "Method Received Refunded" in lines_of(render_fee_summary(summary, language="en"))
    lines = lines_of(render_fee_summary(summary, language="nl"))
    assert "contant € 50,00 € 50,00" in lines
    assert "pin € 20,00 € 0,00" in lines
    assert "Totaal € 70,00 € 50,00" in lines
    assert any(line.startswith("Vastgesteld € 100,00, betaald € 20,00,") for line in lines)
    assert not any("-50" in line or "−50" in line for line in lines)
    refunded_today = fee_summary.fee_summary(session, first=TODAY, last=TODAY)
    (only,) = refunded_today.methods
    assert (only.method, only.received, only.refunded) == (
        PaymentMethod.CASH,
        Decimal("0.00"),
        Decimal("50.00"),
    )
