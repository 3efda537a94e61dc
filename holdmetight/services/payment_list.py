"""The payments and refunds of a period as the Fees page lists them: a page at a time, in the
order of the column the user clicked, put in that order by the database, with the period's
totals counted there too.

A period can span years of payments; the work done for one refresh grows with the rows shown,
not with the length of the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, case, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from holdmetight.domain.couple import Couple, Enrollment
from holdmetight.domain.course import Course
from holdmetight.domain.enums import PaymentMethod
from holdmetight.domain.fees import FeeAssessment, Payment
from holdmetight.domain.money import to_euros
from holdmetight.services.list_order import by_label, directed
from holdmetight.services.payments import PaymentLine, lines_of
from holdmetight.services.transaction import read_only


class PaymentOrder(StrEnum):
    """What the list can be sorted by: one for each column of the Fees page's payments."""

    DATE = "date"  # of one day, the one recorded last counts as the latest
    COURSE = "course"
    COUPLE = "couple"  # by family name, as the couples list files them
    AMOUNT = "amount"  # the largest refund is the smallest amount
    METHOD = "method"  # by the method's name in the language in use
    REFERENCE = "reference"


@dataclass(frozen=True)
class PaymentTotals:
    """How many payments and refunds a period has, and the money in and out."""

    count: int
    received: Decimal
    refunded: Decimal  # as a positive amount


def _in_period(first: date, last: date) -> list[ColumnElement[bool]]:
    return [col(Payment.paid_on) >= first, col(Payment.paid_on) <= last]


def _ordering(order: PaymentOrder, descending: bool) -> list[ColumnElement[Any]]:
    """ORDER BY terms for ``order``; date and recording break ties, in the same direction."""
    keys: dict[PaymentOrder, list[Any]] = {
        PaymentOrder.DATE: [],
        PaymentOrder.COURSE: [col(Course.code)],
        PaymentOrder.COUPLE: [col(Couple.sort_key)],
        PaymentOrder.AMOUNT: [col(Payment.amount_cents)],
        PaymentOrder.METHOD: [by_label(col(Payment.method), PaymentMethod)],
        PaymentOrder.REFERENCE: [func.lower(col(Payment.reference))],
    }
    return directed([*keys[order], col(Payment.paid_on), col(Payment.id)], descending=descending)


@read_only
def list_payments(
    session: Session,
    /,
    *,
    first: date,
    last: date,
    order: PaymentOrder = PaymentOrder.DATE,
    descending: bool = True,
    offset: int = 0,
    limit: int | None = None,
) -> list[PaymentLine]:
    """Payments and refunds from ``first`` to ``last`` (inclusive) in ``order``, by default the
    latest first; ``limit`` of them from ``offset`` on, or all."""
    page = (
        select(Payment, Enrollment.couple_id, Course)
        .join(FeeAssessment, col(FeeAssessment.id) == Payment.fee_assessment_id)
        .join(Enrollment, col(Enrollment.id) == FeeAssessment.enrollment_id)
        .join(Course, col(Course.id) == Enrollment.course_id)
        .join(Couple, col(Couple.id) == Enrollment.couple_id)
        .where(*_in_period(first, last))
        .order_by(*_ordering(order, descending))
        .offset(offset)
        .limit(limit)
    )
    found = session.exec(page).all()
    return lines_of(session, found)


@read_only
def payment_totals(session: Session, /, *, first: date, last: date) -> PaymentTotals:
    """The count, money received and money refunded of :func:`list_payments`'s period."""
    amount = col(Payment.amount_cents)
    count, received, refunded = session.execute(
        sa_select(
            func.count(),
            func.coalesce(func.sum(case((amount > 0, amount), else_=0)), 0),
            func.coalesce(func.sum(case((amount < 0, -amount), else_=0)), 0),
        ).where(*_in_period(first, last))
    ).one()
    return PaymentTotals(
        count=int(count), received=to_euros(int(received)), refunded=to_euros(int(refunded))
    )
