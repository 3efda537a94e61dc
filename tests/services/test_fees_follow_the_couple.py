"""A couple that stops keeps its fee: the office decides what happens to the rest, refunds due
are listed until paid back, and every total still reconciles with the payments."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from holdmetight.domain.enums import EnrollmentStatus, FeeBasis, LeavingFee, PaymentMethod
from holdmetight.errors import RuleError, ValidationError
from holdmetight.reports.fee_summary import render_fee_summary
from holdmetight.services import (
    couple_export,
    enrollments,
    fee_assessments,
    fee_scales,
    fee_summary,
    leaving_fees,
    municipality_report,
    payments,
    waiting_list,
)
from holdmetight.services.fee_scales import BandInput

TODAY = date.today()
FIFTY = Decimal("50.00")


@dataclass(frozen=True)
class Course:
    id: int
    band: int


@pytest.fixture
def course(session, make):
    scale = fee_scales.create_fee_scale(
        session,
        name="Staffel",
        basis=FeeBasis.ABSOLUTE,
        valid_from=date(2026, 1, 1),
        valid_to=None,
        bands=[BandInput(0, 180000, Decimal("0")), BandInput(180000, None, FIFTY)],
    )
    course = make.course("HMV-GELD", first_date=TODAY - timedelta(weeks=3))
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    return Course(course.row.id, scale.bands[1].id)


def placed(session, make, course, *, paid: Decimal = Decimal(0), name: str | None = None):
    place = enrollments.enroll(session, couple_id=make.couple(name).id, course_id=course.id)
    row = fee_assessments.assess_fee(session, enrollment_id=place.id, fee_band_id=course.band)
    if paid:
        payments.record_payment(
            session,
            assessment_id=row.assessment_id,
            amount=paid,
            paid_on=TODAY,
            method=PaymentMethod.PIN,
        )
    return place


def stop(session, place, decision=None, refund=None, status=EnrollmentStatus.WITHDRAWN):
    return enrollments.set_enrollment_status(
        session,
        enrollment_id=place.id,
        status=status,
        reason="Relatie beëindigd",
        fee_on_leaving=decision,
        refund=refund,
    )


def row_of(session, place):
    return fee_assessments.fee_row(session, enrollment_id=place.id)


def test_withdrawn_couple_keeps_its_fee_row_with_its_status(session, make, course):
    place = placed(session, make, course, paid=Decimal("20"))
    stop(session, place, LeavingFee.DUE)
    (row,) = fee_assessments.fee_overview(session, course_id=course.id)
    assert (row.status, row.fee_on_leaving) == (EnrollmentStatus.WITHDRAWN, LeavingFee.DUE)
    assert (row.paid, row.outstanding) == (Decimal("20.00"), Decimal("30.00"))


def test_stopping_asks_what_happens_to_money_paid_or_still_owed(session, make, course):
    place = placed(session, make, course, paid=Decimal("20"))
    with pytest.raises(ValidationError, match="rest of the fee"):
        stop(session, place)
    assert row_of(session, place).status is EnrollmentStatus.ENROLLED, "nothing half-written"
    unpaid_free = make.couple()
    free = enrollments.enroll(session, couple_id=unpaid_free.id, course_id=course.id)
    stop(session, free)  # not assessed: nothing to decide


def test_rest_waived_leaves_nothing_outstanding(session, make, course):
    place = placed(session, make, course, paid=Decimal("20"))
    stop(session, place, LeavingFee.WAIVED, status=EnrollmentStatus.REFERRED)
    row = row_of(session, place)
    assert (row.paid, row.waived, row.outstanding) == (
        Decimal("20.00"),
        Decimal("30.00"),
        Decimal("0.00"),
    )


def test_rest_still_due_shows_in_the_summary_with_the_couples_status(session, make, course):
    place = placed(session, make, course, paid=Decimal("20"), name="Stopper")
    stop(session, place, LeavingFee.DUE)
    summary = fee_summary.fee_summary(session, course_code="HMV-GELD")
    (balance,) = summary.open_balances
    assert (balance.outstanding, balance.status) == (Decimal("30.00"), EnrollmentStatus.WITHDRAWN)
    pdf = render_fee_summary(summary, language="nl")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Stopper" in text and "(gestopt)" in text


def test_refund_due_is_listed_until_it_is_paid_back(session, make, course):
    place = placed(session, make, course, paid=FIFTY, name="Terugbetaald")
    stop(session, place, LeavingFee.REFUND, refund=Decimal("35"))
    row = row_of(session, place)
    assert (row.outstanding, row.refund_due) == (Decimal("0.00"), Decimal("35.00"))
    (due,) = leaving_fees.refunds_due(session)
    assert (due.course_code, due.amount, due.status) == (
        "HMV-GELD",
        Decimal("35.00"),
        EnrollmentStatus.WITHDRAWN,
    )
    assert fee_summary.fee_summary(session, course_code="HMV-GELD").refunds_due[0].outstanding == (
        Decimal("35.00")
    )
    payments.record_refund(
        session,
        assessment_id=due.assessment_id,
        amount=due.amount,
        paid_on=TODAY,
        method=PaymentMethod.BANK_TRANSFER,
    )
    assert leaving_fees.refunds_due(session) == []
    assert row_of(session, place).refund_due == Decimal("0.00")


def test_a_refund_is_at_most_what_was_paid(session, make, course):
    place = placed(session, make, course, paid=Decimal("20"))
    with pytest.raises(ValidationError, match=r"At most the €20\.00 paid"):
        stop(session, place, LeavingFee.REFUND, refund=Decimal("25"))
    with pytest.raises(ValidationError, match="amount to pay back"):
        stop(session, place, LeavingFee.REFUND)


def test_totals_reconcile_with_the_payments_after_couples_leave(session, make, course):
    stayed = placed(session, make, course, paid=Decimal("30"))
    waived = placed(session, make, course, paid=Decimal("10"))
    due = placed(session, make, course)
    refunded = placed(session, make, course, paid=FIFTY)
    stop(session, waived, LeavingFee.WAIVED)
    stop(session, due, LeavingFee.DUE)
    stop(session, refunded, LeavingFee.REFUND, refund=Decimal("20"))
    rows = fee_assessments.fee_overview(session, course_id=course.id)
    assert len(rows) == 4 and stayed.id in {r.enrollment_id for r in rows}
    for r in rows:
        assert r.assessed - r.waived - r.paid == r.outstanding - r.refund_due
    lines = payments.payment_lines(session, course_code="HMV-GELD")
    assert sum(r.paid for r in rows) == sum(p.amount for p in lines) == Decimal("90.00")
    summary = fee_summary.fee_summary(session, course_code="HMV-GELD")
    assert summary.assessed == sum(r.assessed for r in rows) == Decimal("200.00")
    assert summary.waived == sum(r.waived for r in rows)
    assert summary.outstanding == sum(r.outstanding for r in rows) == Decimal("70.00")
    assert [b.outstanding for b in summary.refunds_due] == [Decimal("20.00")]


def test_the_fees_export_lists_couples_that_left_with_their_status(session, make, course):
    place = placed(session, make, course, paid=FIFTY)
    stop(session, place, LeavingFee.REFUND, refund=Decimal("10"))
    table = couple_export.fees_table(session, language="nl", course_code="HMV-GELD")
    (row,) = table.rows
    assert row[0] == "HMV-GELD" and row[2:4] == ("gestopt", "terugbetaling")
    assert row[-1] == Decimal("10.00")


def test_a_couple_that_only_waited_is_not_counted_as_started(session, make, course):
    full = make.course("HMV-VOL", capacity=1, first_date=TODAY - timedelta(weeks=1))
    enrollments.enroll(session, couple_id=make.couple().id, course_id=full.row.id)
    waiting = enrollments.enroll(session, couple_id=make.couple().id, course_id=full.row.id)
    stop(session, waiting)
    assert [e.had_place for e in enrollments.list_enrollments(session, course_id=full.row.id)] == [
        True,
        False,
    ]
    figures = municipality_report.municipality_report(
        session, first=TODAY - timedelta(weeks=4), last=TODAY
    )
    (utrecht,) = figures
    assert (utrecht.started, utrecht.withdrawn) == (1, 0)


def test_a_waiting_couple_that_paid_and_declines_is_owed_it_back(session, make, course):
    full = placed(session, make, course)
    for n in range(7):
        placed(session, make, course, name=f"Vol{n}")
    waiting = enrollments.enroll(session, couple_id=make.couple().id, course_id=course.id)
    assert waiting.status is EnrollmentStatus.WAITLISTED
    row = fee_assessments.assess_fee(session, enrollment_id=waiting.id, fee_band_id=course.band)
    payments.record_payment(
        session,
        assessment_id=row.assessment_id,
        amount=FIFTY,
        paid_on=TODAY,
        method=PaymentMethod.PIN,
    )
    stop(session, full, LeavingFee.DUE)
    (offer,) = [w.offer for w in waiting_list.waiting_list(session, course_id=course.id) if w.offer]
    waiting_list.decline_offer(session, offer_id=offer.id, version=offer.version)
    after = row_of(session, waiting)
    assert (after.status, after.outstanding, after.refund_due) == (
        EnrollmentStatus.WITHDRAWN,
        Decimal("0.00"),
        FIFTY,
    )


def test_a_couple_that_stopped_is_refunded_no_more_than_is_due(session, make, course):
    place = placed(session, make, course, paid=FIFTY)
    stop(session, place, LeavingFee.REFUND, refund=Decimal("5"))
    pay_back = {
        "assessment_id": row_of(session, place).assessment_id,
        "paid_on": TODAY,
        "method": PaymentMethod.CASH,
    }
    with pytest.raises(RuleError, match=r"Only €5\.00 is due to be paid back"):
        payments.record_refund(session, amount=Decimal("25"), **pay_back)
    payments.record_refund(session, amount=Decimal("5"), **pay_back)
    assert (row_of(session, place).outstanding, row_of(session, place).refund_due) == (
        Decimal("0.00"),
        Decimal("0.00"),
    )
