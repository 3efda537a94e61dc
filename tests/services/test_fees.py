"""Sliding-scale fees: scales, assessments, payments, refunds and waivers."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from holdmetight.domain.enums import FeeBasis, PaymentMethod
from holdmetight.errors import RuleError, ValidationError
from holdmetight.services import enrollments, fees

TODAY = date.today()


@pytest.fixture
def scale(session):
    return fees.create_fee_scale(
        session,
        name="Staffel 2026",
        basis=FeeBasis.ABSOLUTE,
        valid_from=date(2026, 1, 1),
        valid_to=None,
        bands=[
            fees.BandInput(0, 180000, Decimal("0")),
            fees.BandInput(180000, 250000, Decimal("25")),
            fees.BandInput(250000, None, Decimal("50")),
        ],
    )


@pytest.fixture
def place(session, make, scale):
    course = make.course("HMV-FEE")
    fees.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    return enrollments.enroll(session, couple_id=make.couple().id, course_id=course.row.id)


def test_a_scale_with_a_gap_is_refused_with_the_amount_where_it_starts(session):
    with pytest.raises(ValidationError, match=r"Incomes from €1,800.00 up to band 2") as caught:
        fees.create_fee_scale(
            session,
            name="Fout",
            basis=FeeBasis.ABSOLUTE,
            valid_from=date(2026, 1, 1),
            valid_to=None,
            bands=[
                fees.BandInput(0, 180000, Decimal("0")),
                fees.BandInput(190000, None, Decimal("25")),
            ],
        )
    assert caught.value.field == "bands"
    assert fees.list_fee_scales(session) == []


def test_band_labels_read_as_money(scale):
    from holdmetight.i18n import using_language

    with using_language("nl"):
        nbsp = "\u00a0"  # babel keeps the euro sign and amount together
        assert fees.band_label(scale.bands[1], scale.basis) == f"€{nbsp}1.800,00 – €{nbsp}2.500,00"
        assert fees.band_label(scale.bands[2], scale.basis) == f"vanaf €{nbsp}2.500,00"


def test_couple_without_a_band_is_flagged_until_assessed(session, place, scale):
    (row,) = fees.fee_overview(session, course_id=place.course_id)
    assert row.needs_band and row.assessed is None
    row = fees.assess_fee(
        session, enrollment_id=place.id, fee_band_id=scale.bands[1].id, income_checked=True
    )
    assert (row.assessed, row.outstanding, row.income_checked) == (
        Decimal("25.00"),
        Decimal("25.00"),
        True,
    )


def test_fee_can_be_lowered_with_a_reason_but_not_raised(session, place, scale):
    band = scale.bands[1].id
    with pytest.raises(ValidationError, match="Reason is required"):
        fees.assess_fee(session, enrollment_id=place.id, fee_band_id=band, amount=Decimal("10"))
    with pytest.raises(ValidationError, match="lowered, not raised"):
        fees.assess_fee(session, enrollment_id=place.id, fee_band_id=band, amount=Decimal("30"))
    row = fees.assess_fee(
        session,
        enrollment_id=place.id,
        fee_band_id=band,
        amount=Decimal("10"),
        reduction_reason="Schulden; afspraak met de schuldhulp",
    )
    assert row.assessed == Decimal("10.00")


def test_part_payments_then_an_overpayment_is_refused_not_lost(session, place, scale):
    row = fees.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[2].id)
    pay = {
        "assessment_id": row.assessment_id,
        "paid_on": TODAY,
        "method": PaymentMethod.PIN,
    }
    fees.record_payment(session, amount=Decimal("20"), **pay)
    row = fees.record_payment(session, amount=Decimal("12.50"), **pay)
    assert (row.paid, row.outstanding) == (Decimal("32.50"), Decimal("17.50"))
    with pytest.raises(RuleError, match=r"more than the .* still outstanding"):
        fees.record_payment(session, amount=Decimal("20"), **pay)
    row = fees.waive(
        session,
        assessment_id=row.assessment_id,
        amount=Decimal("17.50"),
        reason="Inkomen gedaald",
    )
    assert (row.outstanding, row.waived) == (Decimal("0.00"), Decimal("17.50"))
    row = fees.record_refund(session, amount=Decimal("5"), **pay)
    assert (row.paid, row.outstanding) == (Decimal("27.50"), Decimal("5.00"))


def test_amounts_with_fractions_of_a_cent_or_future_dates_are_refused(session, place, scale):
    row = fees.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[2].id)
    with pytest.raises(ValidationError, match="euros and cents"):
        fees.record_payment(
            session,
            assessment_id=row.assessment_id,
            amount=Decimal("1.005"),
            paid_on=TODAY,
            method=PaymentMethod.CASH,
        )
    with pytest.raises(ValidationError, match="future"):
        fees.record_payment(
            session,
            assessment_id=row.assessment_id,
            amount=Decimal("1"),
            paid_on=TODAY + timedelta(days=1),
            method=PaymentMethod.CASH,
        )


def test_changing_the_scale_later_keeps_the_assessed_fee(session, place, scale):
    row = fees.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[2].id)
    cheaper = fees.create_fee_scale(
        session,
        name="Staffel 2027",
        basis=FeeBasis.ABSOLUTE,
        valid_from=date(2027, 1, 1),
        valid_to=None,
        bands=[fees.BandInput(0, None, Decimal("5"))],
    )
    fees.set_course_fee_scale(session, course_id=place.course_id, fee_scale_id=cheaper.id)
    (after,) = fees.fee_overview(session, course_id=place.course_id)
    assert after.assessed == row.assessed == Decimal("50.00")


def test_payments_export_reconciles_with_the_balances_and_the_receipt_reads_back(
    session, place, scale
):
    import io

    from pypdf import PdfReader

    from holdmetight.reports.receipt import render_receipt
    from holdmetight.services import couple_export, tables

    row = fees.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[2].id)
    pay = {"assessment_id": row.assessment_id, "paid_on": TODAY}
    fees.record_payment(
        session,
        amount=Decimal("30"),
        method=PaymentMethod.BANK_TRANSFER,
        reference="NL12 kenmerk 7",
        **pay,
    )
    fees.record_payment(session, amount=Decimal("20"), method=PaymentMethod.VOUCHER, **pay)
    after = fees.record_refund(session, amount=Decimal("5"), method=PaymentMethod.CASH, **pay)
    table = couple_export.payments_table(session, language="nl", course_code="HMV-FEE")
    assert sum(r[3] for r in table.rows) == after.paid == Decimal("45.00")
    csv_text = tables.to_csv(table).decode("utf-8-sig")
    assert "-5,00" in csv_text and "gemeentelijke voucher" in csv_text
    first = fees.payments_of(session, assessment_id=row.assessment_id)[0]
    pdf = render_receipt(fees.receipt(session, payment_id=first.id), language="nl")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Betalingsbewijs" in text and "€ 30,00" in text.replace("\u00a0", " ")
    assert "overboeking" in text and "NL12 kenmerk 7" in text


def test_fee_summary_reconciles_with_the_payments_export_per_course_and_period(
    session, make, scale
):
    import io

    from pypdf import PdfReader

    from holdmetight.reports.fee_summary import render_fee_summary
    from holdmetight.services import couple_export, fee_summary

    course = make.course("HMV-SUM")
    fees.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    placed = [
        enrollments.enroll(session, couple_id=make.couple(f"S{n}").id, course_id=course.row.id)
        for n in range(3)
    ]
    rows = [
        fees.assess_fee(session, enrollment_id=p.id, fee_band_id=scale.bands[b].id)
        for p, b in zip(placed, (2, 2, 1), strict=True)
    ]
    day = TODAY - timedelta(days=2)
    fees.record_payment(
        session,
        assessment_id=rows[0].assessment_id,
        amount=Decimal("50"),
        paid_on=day,
        method=PaymentMethod.PIN,
    )
    fees.record_payment(
        session,
        assessment_id=rows[1].assessment_id,
        amount=Decimal("20"),
        paid_on=day,
        method=PaymentMethod.CASH,
    )
    fees.waive(
        session,
        assessment_id=rows[2].assessment_id,
        amount=Decimal("25"),
        reason="Minimaregeling",
    )
    by_course = fee_summary.fee_summary(session, course_code="HMV-SUM")
    export = couple_export.payments_table(session, language="en", course_code="HMV-SUM")
    assert by_course.paid == sum(r[3] for r in export.rows) == Decimal("70.00")
    assert (by_course.assessed, by_course.waived, by_course.outstanding) == (
        Decimal("125.00"),
        Decimal("25.00"),
        Decimal("30.00"),
    )
    assert by_course.assessed == by_course.paid + by_course.waived + by_course.outstanding
    assert sum(b.paid for b in by_course.bands) == by_course.paid
    assert [(o.names.split(",")[0], o.outstanding) for o in by_course.open_balances] == [
        ("S1", Decimal("30.00"))
    ]
    period = fee_summary.fee_summary(session, first=day, last=TODAY)
    assert period.paid == by_course.paid and dict(period.methods)[PaymentMethod.PIN] == Decimal(
        "50.00"
    )
    text = (
        PdfReader(io.BytesIO(render_fee_summary(by_course, language="nl"))).pages[0].extract_text()
    )
    assert "Overzicht eigen bijdragen" in text and "€ 70,00" in text.replace("\u00a0", " ")
    assert "pin" in text and "contant" in text


def test_municipality_report_hides_small_counts_and_names(session, make, scale):
    import io

    from pypdf import PdfReader

    from holdmetight.reports.municipality import render_municipality_report
    from holdmetight.services import couple_export, municipality_report

    course = make.course("HMV-MUN", first_date=TODAY - timedelta(weeks=2))
    fees.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    for n in range(6):
        place = enrollments.enroll(
            session,
            couple_id=make.couple(f"Utrechter{n}", municipality="Utrecht").id,
            course_id=course.row.id,
        )
        fees.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[1].id)
    enrollments.enroll(
        session,
        couple_id=make.couple("Zeister", municipality="Zeist").id,
        course_id=course.row.id,
    )
    first, last = TODAY - timedelta(weeks=4), TODAY
    figures = {
        f.municipality: f
        for f in municipality_report.municipality_report(session, first=first, last=last)
    }
    assert (figures["Utrecht"].started, figures["Zeist"].started) == (6, 1)
    table = couple_export.municipality_table(session, language="nl", first=first, last=last)
    rows = {r[0]: r for r in table.rows}
    assert rows["Zeist"][1] == "< 5" and rows["Utrecht"][1] == "6"
    assert rows["Zeist"][-3] == "–" and rows["Utrecht"][-3].replace("\u00a0", " ") == "€ 150,00"
    pdf = render_municipality_report(
        list(figures.values()),
        first=first,
        last=last,
        organisation="Wijkteam",
        logo=None,
        language="nl",
    )
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "< 5" in text and "Utrecht" in text
    assert "Utrechter" not in text and "Zeister" not in text and "Anna" not in text


def test_percentage_scale_uses_the_years_norm_for_the_household(session, make):
    from holdmetight.domain.enums import HouseholdType

    scale = fees.create_fee_scale(
        session,
        name="Minimaregeling",
        basis=FeeBasis.PERCENT_OF_NORM,
        valid_from=date(TODAY.year, 1, 1),
        valid_to=None,
        bands=[fees.BandInput(0, 120, Decimal("0")), fees.BandInput(120, None, Decimal("35"))],
    )
    course = make.course("HMV-PCT")
    fees.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    ask = {
        "course_id": course.row.id,
        "household_type": HouseholdType.LIVING_TOGETHER,
        "on": TODAY,
    }
    with pytest.raises(ValidationError, match="no social-minimum norm"):
        fees.band_for_income(session, monthly_income=Decimal("2000"), **ask)
    fees.set_norm(
        session,
        year=TODAY.year,
        household_type=HouseholdType.LIVING_TOGETHER,
        monthly=Decimal("1800.00"),
    )
    assert fees.band_for_income(session, monthly_income=Decimal("2159.99"), **ask).fee == Decimal(
        "0.00"
    )
    assert fees.band_for_income(session, monthly_income=Decimal("2160.00"), **ask).fee == Decimal(
        "35.00"
    )
    fees.set_norm(
        session,
        year=TODAY.year,
        household_type=HouseholdType.LIVING_TOGETHER,
        monthly=Decimal("1900.00"),
    )
    assert fees.band_for_income(session, monthly_income=Decimal("2160.00"), **ask).fee == Decimal(
        "0.00"
    ), "a new norm moves the band limits with it"
    assert [n.monthly for n in fees.list_norms(session)] == [Decimal("1900.00")]


COURSE_NUMBERS = itertools.count(1)
operations = st.lists(
    st.tuples(
        st.sampled_from(["pay", "refund", "waive"]), st.integers(min_value=1, max_value=8000)
    ),
    max_size=8,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=operations)
def test_any_sequence_of_payments_refunds_and_waivers_keeps_the_books_balanced(
    session, make, scale, steps
):
    course = make.course(f"HMV-P{next(COURSE_NUMBERS)}")
    fees.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    place = enrollments.enroll(session, couple_id=make.couple().id, course_id=course.row.id)
    row = fees.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[2].id)
    for kind, cents in steps:
        amount = Decimal(cents) / 100
        try:
            if kind == "pay":
                row = fees.record_payment(
                    session,
                    assessment_id=row.assessment_id,
                    amount=amount,
                    paid_on=TODAY,
                    method=PaymentMethod.PIN,
                )
            elif kind == "refund":
                row = fees.record_refund(
                    session,
                    assessment_id=row.assessment_id,
                    amount=amount,
                    paid_on=TODAY,
                    method=PaymentMethod.PIN,
                )
            else:
                row = fees.waive(
                    session, assessment_id=row.assessment_id, amount=amount, reason="Test"
                )
        except RuleError:
            pass  # refused: more than outstanding, or a refund above what was paid
        assert row.assessed == row.paid + row.waived + row.outstanding - row.refund_due
        assert row.outstanding >= 0 and row.paid >= 0 and row.refund_due == 0
