"""Sliding-scale fees: scales, assessments, payments, refunds and waivers."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from holdmetight.domain.enums import FeeBasis, HouseholdType, PaymentMethod
from holdmetight.domain.fee_rules import BandProblem, Finding
from holdmetight.errors import RuleError, ValidationError
from holdmetight.reports.fee_labels import band_label
from holdmetight.services import enrollments, fee_assessments, fee_scales, payments, receipts
from holdmetight.services.fee_scales import BandInput, BandsError

TODAY = date.today()


@pytest.fixture
def scale(make):
    return make.fee_scale()


@pytest.fixture
def place(session, make, scale):
    course = make.course("HMV-FEE")
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    return enrollments.enroll(session, couple_id=make.couple().id, course_id=course.row.id)


def test_a_scale_with_a_gap_is_refused_with_where_the_gap_starts(session):
    with pytest.raises(BandsError, match="without gaps or overlaps") as caught:
        fee_scales.create_fee_scale(
            session,
            name="Fout",
            basis=FeeBasis.ABSOLUTE,
            valid_from=date(2026, 1, 1),
            valid_to=None,
            bands=[
                BandInput(0, 180000, Decimal("0")),
                BandInput(190000, None, Decimal("25")),
            ],
        )
    assert caught.value.field == "bands"
    assert caught.value.findings == (Finding(BandProblem.GAP, 2, 180000),)
    assert fee_scales.list_fee_scales(session) == []


def test_band_labels_read_as_money_in_the_language_asked_for(scale):
    nbsp = "\u00a0"  # babel keeps the euro sign and amount together
    middle, top = scale.bands[1].bounds, scale.bands[2].bounds
    assert band_label(middle, language="nl") == f"€{nbsp}1.800,00 – €{nbsp}2.500,00"
    assert band_label(top, language="nl") == f"vanaf €{nbsp}2.500,00"
    assert band_label(top, language="en") == "from €2,500.00"


def test_couple_without_a_band_is_flagged_until_assessed(session, place, scale):
    (row,) = fee_assessments.fee_overview(session, course_id=place.course_id)
    assert row.needs_band and row.assessed is None
    row = fee_assessments.assess_fee(
        session, enrollment_id=place.id, fee_band_id=scale.bands[1].id, income_checked=True
    )
    assert (row.assessed, row.outstanding, row.income_checked) == (
        Decimal("25.00"),
        Decimal("25.00"),
        True,
    )
    assert row.band is not None and band_label(row.band, language="en") == "€1,800.00 – €2,500.00"


def test_fee_can_be_lowered_with_a_reason_but_not_raised(session, place, scale):
    band = scale.bands[1].id
    with pytest.raises(ValidationError, match="Reason is required"):
        fee_assessments.assess_fee(
            session, enrollment_id=place.id, fee_band_id=band, amount=Decimal("10")
        )
    with pytest.raises(ValidationError, match="lowered, not raised"):
        fee_assessments.assess_fee(
            session, enrollment_id=place.id, fee_band_id=band, amount=Decimal("30")
        )
    row = fee_assessments.assess_fee(
        session,
        enrollment_id=place.id,
        fee_band_id=band,
        amount=Decimal("10"),
        reduction_reason="Schulden; afspraak met de schuldhulp",
    )
    assert row.assessed == Decimal("10.00")


def test_part_payments_then_an_overpayment_is_refused_not_lost(session, place, scale):
    row = fee_assessments.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[2].id)
    pay = {
        "assessment_id": row.assessment_id,
        "paid_on": TODAY,
        "method": PaymentMethod.PIN,
    }
    payments.record_payment(session, amount=Decimal("20"), **pay)
    row = payments.record_payment(session, amount=Decimal("12.50"), **pay)
    assert (row.paid, row.outstanding) == (Decimal("32.50"), Decimal("17.50"))
    with pytest.raises(RuleError, match=r"more than the .* still outstanding"):
        payments.record_payment(session, amount=Decimal("20"), **pay)
    row = payments.waive(
        session,
        assessment_id=row.assessment_id,
        amount=Decimal("17.50"),
        reason="Inkomen gedaald",
    )
    assert (row.outstanding, row.waived) == (Decimal("0.00"), Decimal("17.50"))
    row = payments.record_refund(session, amount=Decimal("5"), **pay)
    assert (row.paid, row.outstanding) == (Decimal("27.50"), Decimal("5.00"))


def test_amounts_with_fractions_of_a_cent_or_future_dates_are_refused(session, place, scale):
    row = fee_assessments.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[2].id)
    with pytest.raises(ValidationError, match="euros and cents"):
        payments.record_payment(
            session,
            assessment_id=row.assessment_id,
            amount=Decimal("1.005"),
            paid_on=TODAY,
            method=PaymentMethod.CASH,
        )
    with pytest.raises(ValidationError, match="future"):
        payments.record_payment(
            session,
            assessment_id=row.assessment_id,
            amount=Decimal("1"),
            paid_on=date.today() + timedelta(days=2),  # in the future on any clock
            method=PaymentMethod.CASH,
        )


def test_changing_the_scale_later_keeps_the_assessed_fee(session, place, scale):
    row = fee_assessments.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[2].id)
    cheaper = fee_scales.create_fee_scale(
        session,
        name="Staffel 2027",
        basis=FeeBasis.ABSOLUTE,
        valid_from=date(2027, 1, 1),
        valid_to=None,
        bands=[BandInput(0, None, Decimal("5"))],
    )
    fee_scales.set_course_fee_scale(session, course_id=place.course_id, fee_scale_id=cheaper.id)
    (after,) = fee_assessments.fee_overview(session, course_id=place.course_id)
    assert after.assessed == row.assessed == Decimal("50.00")


def test_payments_export_reconciles_with_the_balances_and_the_receipt_reads_back(
    session, place, scale
):
    import io

    from pypdf import PdfReader

    from holdmetight.reports.receipt import render_receipt
    from holdmetight.services import couple_export, tables

    row = fee_assessments.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[2].id)
    pay = {"assessment_id": row.assessment_id, "paid_on": TODAY}
    payments.record_payment(
        session,
        amount=Decimal("30"),
        method=PaymentMethod.BANK_TRANSFER,
        reference="NL12 kenmerk 7",
        **pay,
    )
    payments.record_payment(session, amount=Decimal("20"), method=PaymentMethod.VOUCHER, **pay)
    after = payments.record_refund(session, amount=Decimal("5"), method=PaymentMethod.CASH, **pay)
    table = couple_export.payments_table(session, language="nl", course_code="HMV-FEE")
    assert sum(r[4] for r in table.rows) == after.paid == Decimal("45.00")
    csv_text = tables.to_csv(table).decode("utf-8-sig")
    assert "-5,00" in csv_text and "gemeentelijke voucher" in csv_text
    first = payments.payments_of(session, assessment_id=row.assessment_id)[0]
    pdf = render_receipt(receipts.receipt(session, payment_id=first.id), language="nl")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Betalingsbewijs" in text and "€ 30,00" in text.replace("\u00a0", " ")
    assert "overboeking" in text and "NL12 kenmerk 7" in text


def test_a_couples_payments_are_only_theirs_and_read_in_a_fixed_number_of_queries(
    session, make, scale
):
    from sqlalchemy import event

    course = make.course("HMV-PAY")
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    rows = []
    for family in ("Aalders", "Bakker", "Claassen"):
        place = enrollments.enroll(
            session, couple_id=make.couple(family).id, course_id=course.row.id
        )
        row = fee_assessments.assess_fee(
            session, enrollment_id=place.id, fee_band_id=scale.bands[2].id
        )
        for amount in ("10", "15"):
            payments.record_payment(
                session,
                assessment_id=row.assessment_id,
                amount=Decimal(amount),
                paid_on=TODAY,
                method=PaymentMethod.PIN,
            )
        rows.append(row)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        mine = payments.payments_of(session, assessment_id=rows[1].assessment_id)
        selects = len(statements)
        every = payments.payment_lines(session, course_code="HMV-PAY")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert [(line.names.split(",")[0], line.amount) for line in mine] == [
        ("Bakker", Decimal("10.00")),
        ("Bakker", Decimal("15.00")),
    ]
    assert len(every) == 6 and {line.names.split(",")[0] for line in every} == {
        "Aalders",
        "Bakker",
        "Claassen",
    }
    assert selects == 2 and len(statements) == 4, "one query for the lines, one for the names"


def test_fee_summary_reconciles_with_the_payments_export_per_course_and_period(
    session, make, scale
):
    import io

    from pypdf import PdfReader

    from holdmetight.reports.fee_summary import render_fee_summary
    from holdmetight.services import couple_export, fee_summary

    course = make.course("HMV-SUM")
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    placed = [
        enrollments.enroll(session, couple_id=make.couple(f"S{n}").id, course_id=course.row.id)
        for n in range(3)
    ]
    rows = [
        fee_assessments.assess_fee(session, enrollment_id=p.id, fee_band_id=scale.bands[b].id)
        for p, b in zip(placed, (2, 2, 1), strict=True)
    ]
    day = TODAY - timedelta(days=2)
    payments.record_payment(
        session,
        assessment_id=rows[0].assessment_id,
        amount=Decimal("50"),
        paid_on=day,
        method=PaymentMethod.PIN,
    )
    payments.record_payment(
        session,
        assessment_id=rows[1].assessment_id,
        amount=Decimal("20"),
        paid_on=day,
        method=PaymentMethod.CASH,
    )
    payments.waive(
        session,
        assessment_id=rows[2].assessment_id,
        amount=Decimal("25"),
        reason="Minimaregeling",
    )
    by_course = fee_summary.fee_summary(session, course_code="HMV-SUM")
    export = couple_export.payments_table(session, language="en", course_code="HMV-SUM")
    assert by_course.paid == sum(r[4] for r in export.rows) == Decimal("70.00")
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
    assert period.paid == by_course.paid
    assert {m.method: m.paid for m in period.methods}[PaymentMethod.PIN] == Decimal("50.00")
    text = (
        PdfReader(io.BytesIO(render_fee_summary(by_course, language="nl"))).pages[0].extract_text()
    )
    assert [(b.scale, b.band and b.band.position) for b in by_course.bands] == [
        ("Staffel 2026", 2),
        ("Staffel 2026", 3),
    ]
    lines = [" ".join(line.replace("\u00a0", " ").split()) for line in text.splitlines()]
    assert "Overzicht eigen bijdragen" in lines and "€ 70,00" in lines
    assert "pin" in lines and "contant" in lines
    assert sum("Staffel 2026" in line for line in lines) == 1, (
        "the scale named once, above its bands"
    )
    assert "€ 1.800,00 – € 2.500,00" in lines, "bands read in the document's language"
    assert "vanaf € 2.500,00" in lines


def test_municipality_report_hides_small_counts_and_names(session, make, scale):
    import io

    from pypdf import PdfReader

    from holdmetight.reports.municipality import render_municipality_report
    from holdmetight.services import couple_export, municipality_report

    course = make.course("HMV-MUN", first_date=TODAY - timedelta(weeks=2))
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    for n in range(6):
        place = enrollments.enroll(
            session,
            couple_id=make.couple(f"Utrechter{n}", municipality="Utrecht").id,
            course_id=course.row.id,
        )
        fee_assessments.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[1].id)
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
    assert rows["Zeist"][1] == "< 5" and rows["Utrecht"][1] == 6
    assert rows["Zeist"][-3] == "–" and rows["Utrecht"][-3] == Decimal("150.00")
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

    scale = fee_scales.create_fee_scale(
        session,
        name="Minimaregeling",
        basis=FeeBasis.PERCENT_OF_NORM,
        valid_from=date(TODAY.year, 1, 1),
        valid_to=None,
        bands=[BandInput(0, 120, Decimal("0")), BandInput(120, None, Decimal("35"))],
    )
    course = make.course("HMV-PCT")
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    ask = {
        "course_id": course.row.id,
        "household_type": HouseholdType.LIVING_TOGETHER,
        "on": TODAY,
    }
    with pytest.raises(ValidationError, match="no social-minimum norm"):
        fee_scales.band_for_income(session, monthly_income=Decimal("2000"), **ask)
    fee_scales.set_norm(
        session,
        year=TODAY.year,
        household_type=HouseholdType.LIVING_TOGETHER,
        monthly=Decimal("1800.00"),
    )
    assert fee_scales.band_for_income(
        session, monthly_income=Decimal("2159.99"), **ask
    ).fee == Decimal("0.00")
    assert fee_scales.band_for_income(
        session, monthly_income=Decimal("2160.00"), **ask
    ).fee == Decimal("35.00")
    fee_scales.set_norm(
        session,
        year=TODAY.year,
        household_type=HouseholdType.LIVING_TOGETHER,
        monthly=Decimal("1900.00"),
    )
    assert fee_scales.band_for_income(
        session, monthly_income=Decimal("2160.00"), **ask
    ).fee == Decimal("0.00"), "a new norm moves the band limits with it"
    assert [n.monthly for n in fee_scales.list_norms(session)] == [Decimal("1900.00")]


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
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    place = enrollments.enroll(session, couple_id=make.couple().id, course_id=course.row.id)
    row = fee_assessments.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[2].id)
    for kind, cents in steps:
        amount = Decimal(cents) / 100
        try:
            if kind == "pay":
                row = payments.record_payment(
                    session,
                    assessment_id=row.assessment_id,
                    amount=amount,
                    paid_on=TODAY,
                    method=PaymentMethod.PIN,
                )
            elif kind == "refund":
                row = payments.record_refund(
                    session,
                    assessment_id=row.assessment_id,
                    amount=amount,
                    paid_on=TODAY,
                    method=PaymentMethod.PIN,
                )
            else:
                row = payments.waive(
                    session, assessment_id=row.assessment_id, amount=amount, reason="Test"
                )
        except RuleError:
            pass  # refused: more than outstanding, or a refund above what was paid
        assert row.assessed == row.paid + row.waived + row.outstanding - row.refund_due
        assert row.outstanding >= 0 and row.paid >= 0 and row.refund_due == 0


def test_amounts_too_large_for_any_fee_are_refused_with_a_sentence(session, place, scale):
    """A mistyped amount (a million euros or more) is refused in words, never reaching the
    database's whole numbers as an overflow (issue 14)."""
    row = fee_assessments.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[1].id)
    for huge in (Decimal("1000000.01"), Decimal("1e20")):
        with pytest.raises(ValidationError, match="not accepted"):
            payments.record_payment(
                session,
                assessment_id=row.assessment_id,
                amount=huge,
                paid_on=TODAY,
                method=PaymentMethod.CASH,
            )
        with pytest.raises(ValidationError, match="not accepted"):
            fee_scales.set_norm(
                session, year=2026, household_type=HouseholdType.LIVING_TOGETHER, monthly=huge
            )
        with pytest.raises(ValidationError, match="not accepted"):
            fee_scales.create_fee_scale(
                session,
                name=f"Staffel {huge}",
                basis=FeeBasis.ABSOLUTE,
                valid_from=date(2026, 1, 1),
                valid_to=None,
                bands=[BandInput(0, None, huge)],
            )
    assert fee_scales.list_norms(session) == []
