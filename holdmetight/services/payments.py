"""Money in and out for an assessed fee: payments, refunds (negative payments) and waivers, and
the payment lines that exports, summaries and receipts are made of."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, func
from sqlmodel import Session, col, select

from holdmetight.domain.couple import Enrollment
from holdmetight.domain.course import Course
from holdmetight.domain.enums import EnrollmentStatus, PaymentMethod
from holdmetight.domain.fees import FeeAssessment, Payment, Waiver
from holdmetight.domain.money import to_euros
from holdmetight.errors import RuleError, ValidationError
from holdmetight.i18n import _, format_money
from holdmetight.services import validation as check
from holdmetight.services.clock import local_now
from holdmetight.services.courses import course_by_code
from holdmetight.services.fee_assessments import FeeRow, balance_of, couple_names, fee_row
from holdmetight.services.fee_scales import amount_in_cents
from holdmetight.services.transaction import audit, current_user, read_only, unit_of_work


@dataclass(frozen=True)
class PaymentLine:
    """One payment or refund as it appears in exports, summaries and receipts."""

    id: int
    assessment_id: int
    course_code: str
    course_title: str
    names: str
    paid_on: date
    amount: Decimal  # negative for a refund
    method: PaymentMethod
    reference: str


# Couples in the group or waiting for it: a mistaken payment may be corrected by a refund.
STILL_IN_COURSE = frozenset({EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED})


def _assessment(session: Session, assessment_id: int) -> FeeAssessment:
    return check.get_or_fail(session, FeeAssessment, assessment_id, what=lambda: _("The fee"))


def _not_future(session: Session, day: date) -> None:
    """Money is recorded once it has changed hands: not on a date still to come (the
    organisation's own calendar date, whatever the computer's clock is set to)."""
    if day > local_now(session).date():
        raise ValidationError(_("The date cannot be in the future."), field="date")


def _add_payment(
    session: Session,
    assessment: FeeAssessment,
    cents: int,
    paid_on: date,
    method: PaymentMethod,
    reference: str,
    action: str,
) -> FeeRow:
    """Store a payment (positive) or refund (negative) with a checked reference."""
    session.add(
        Payment(
            fee_assessment_id=assessment.id or 0,
            paid_on=paid_on,
            amount_cents=cents,
            method=PaymentMethod(method),
            reference=check.text(
                reference, field="reference", label=_("Reference"), required=False, max_length=100
            ),
            recorded_by=current_user(),
        )
    )
    session.flush()
    audit(session, action=action, entity="fee_assessment", entity_id=assessment.id)
    return fee_row(session, enrollment_id=assessment.enrollment_id)


@unit_of_work
def record_payment(
    session: Session,
    /,
    *,
    assessment_id: int,
    amount: Decimal,
    paid_on: date,
    method: PaymentMethod,
    reference: str = "",
) -> FeeRow:
    """Money received. More than is outstanding is refused: nothing is silently lost."""
    assessment = _assessment(session, assessment_id)
    cents = amount_in_cents(amount, field="amount")
    if cents <= 0:
        raise ValidationError(_("A payment must be more than zero."), field="amount")
    _not_future(session, paid_on)
    outstanding = balance_of(session, assessment=assessment).outstanding
    if cents > outstanding:
        raise RuleError(
            _(
                "{amount} is more than the {outstanding} still outstanding. Record at most the "
                "outstanding amount; money paid too much is returned as a refund."
            ).format(
                amount=format_money(to_euros(cents)),
                outstanding=format_money(to_euros(outstanding)),
            )
        )
    return _add_payment(session, assessment, cents, paid_on, method, reference, "payment")


@unit_of_work
def record_refund(
    session: Session,
    /,
    *,
    assessment_id: int,
    amount: Decimal,
    paid_on: date,
    method: PaymentMethod,
    reference: str = "",
) -> FeeRow:
    """Money paid back to the couple: at most what they paid (a payment recorded in error is
    corrected this way), and for a couple that no longer follows the course at most the refund
    due, so that it never owes money again after leaving."""
    assessment = _assessment(session, assessment_id)
    cents = amount_in_cents(amount, field="amount")
    if cents <= 0:
        raise ValidationError(_("A refund must be more than zero."), field="amount")
    _not_future(session, paid_on)
    balance = balance_of(session, assessment=assessment)
    if cents > balance.paid:
        raise RuleError(_("A refund cannot be more than was paid."))
    status = session.exec(
        select(Enrollment.status).where(Enrollment.id == assessment.enrollment_id)
    ).one()
    if EnrollmentStatus(status) not in STILL_IN_COURSE and cents > balance.refund_due:
        raise RuleError(
            _(
                "Only {due} is due to be paid back to this couple, who no longer follows the "
                "course; a larger refund would leave them owing money again."
            ).format(due=format_money(to_euros(balance.refund_due)))
        )
    return _add_payment(session, assessment, -cents, paid_on, method, reference, "refund")


@unit_of_work
def waive(session: Session, /, *, assessment_id: int, amount: Decimal, reason: str) -> FeeRow:
    """Let go of part or all of what is outstanding, with the reason."""
    assessment = _assessment(session, assessment_id)
    cents = amount_in_cents(amount, field="amount")
    if cents <= 0:
        raise ValidationError(_("A waiver must be more than zero."), field="amount")
    if cents > balance_of(session, assessment=assessment).outstanding:
        raise RuleError(_("A waiver cannot be more than is outstanding."))
    session.add(
        Waiver(
            fee_assessment_id=assessment.id or 0,
            amount_cents=cents,
            reason=check.text(reason, field="reason", label=_("Reason"), max_length=400),
            granted_on=local_now(session).date(),
            granted_by=current_user(),
        )
    )
    session.flush()
    audit(session, action="waiver", entity="fee_assessment", entity_id=assessment.id)
    return fee_row(session, enrollment_id=assessment.enrollment_id)


@read_only
def latest_payment_id(session: Session, /, *, assessment_id: int) -> int | None:
    """The last payment or refund recorded for an assessment (the one a receipt is for)."""
    return session.exec(
        select(Payment.id)
        .where(Payment.fee_assessment_id == assessment_id)
        .order_by(col(Payment.paid_on).desc(), col(Payment.id).desc())
        .limit(1)
    ).first()


@read_only
def payments_of(session: Session, /, *, assessment_id: int) -> list[PaymentLine]:
    """One couple's payments and refunds for a course, oldest first."""
    return payment_lines(session, assessment_id=assessment_id)


def payment_conditions(
    *,
    course_code: str | None = None,
    first: date | None = None,
    last: date | None = None,
    payment_id: int | None = None,
    assessment_id: int | None = None,
) -> list[ColumnElement[bool]]:
    """What selects payments: of a course, paid from ``first`` to ``last`` (both included; an
    end left open is no limit), one payment, or one assessment's."""
    conditions: list[ColumnElement[bool]] = []
    if course_code:
        conditions.append(col(Course.code) == course_code.strip().upper())
    if first is not None:
        conditions.append(col(Payment.paid_on) >= first)
    if last is not None:
        conditions.append(col(Payment.paid_on) <= last)
    if payment_id is not None:
        conditions.append(col(Payment.id) == payment_id)
    if assessment_id is not None:
        conditions.append(col(Payment.fee_assessment_id) == assessment_id)
    return conditions


def _joined(query: Any, conditions: list[ColumnElement[bool]]) -> Any:
    """``query`` over payments with their assessment, enrollment and course."""
    return (
        query.join(FeeAssessment, col(FeeAssessment.id) == Payment.fee_assessment_id)
        .join(Enrollment, col(Enrollment.id) == FeeAssessment.enrollment_id)
        .join(Course, col(Course.id) == Enrollment.course_id)
        .where(*conditions)
    )


@read_only
def payment_lines(
    session: Session,
    /,
    *,
    course_code: str | None = None,
    first: date | None = None,
    last: date | None = None,
    payment_id: int | None = None,
    assessment_id: int | None = None,
) -> list[PaymentLine]:
    """Payments and refunds, by course and/or period (dates inclusive), in date order; a course
    code that no course has is refused (:class:`NotFoundError`), not read as no payments."""
    conditions = payment_conditions(
        course_code=course_code,
        first=first,
        last=last,
        payment_id=payment_id,
        assessment_id=assessment_id,
    )
    found = session.exec(
        _joined(select(Payment, Enrollment.couple_id, Course), conditions).order_by(
            col(Payment.paid_on), col(Payment.id)
        )
    ).all()
    if not found and course_code:
        course_by_code(session, course_code)  # none for the course, or no such course?
    return lines_of(session, found)


def lines_of(session: Session, found: Sequence[tuple[Payment, int, Course]]) -> list[PaymentLine]:
    """Payments read with their couple's id and course, as lines (the names in one query)."""
    names = couple_names(session, couple_ids={couple_id for _p, couple_id, _c in found})
    return [
        PaymentLine(
            id=payment.id or 0,
            assessment_id=payment.fee_assessment_id,
            course_code=course.code,
            course_title=course.title,
            names=names.get(couple_id, ""),
            paid_on=payment.paid_on,
            amount=to_euros(payment.amount_cents),
            method=PaymentMethod(payment.method),
            reference=payment.reference,
        )
        for payment, couple_id, course in found
    ]


@read_only
def paid_totals(
    session: Session,
    /,
    *,
    course_code: str | None = None,
    first: date | None = None,
    last: date | None = None,
) -> list[tuple[PaymentMethod, int | None, Decimal, Decimal]]:
    """What :func:`payment_lines` with the same arguments adds up to, per payment method and
    income band (the assessment's band id): received and paid back (both positive), counted
    by the database in one query."""
    amount = col(Payment.amount_cents)
    received = func.coalesce(func.sum(case((amount > 0, amount), else_=0)), 0)
    paid_back = func.coalesce(func.sum(case((amount < 0, -amount), else_=0)), 0)
    rows = session.exec(
        _joined(
            select(Payment.method, FeeAssessment.fee_band_id, received, paid_back),
            payment_conditions(course_code=course_code, first=first, last=last),
        ).group_by(col(Payment.method), col(FeeAssessment.fee_band_id))
    ).all()
    return [
        (PaymentMethod(method), band, to_euros(int(cents_in)), to_euros(int(cents_back)))
        for method, band, cents_in, cents_back in rows
    ]
