"""The payments and refunds of a period as the Fees page lists them: a page at a time, in the
order of the column the user clicked, put in that order by the database, with the period's
totals counted there too; and all of them, or a course's, in date order a batch at a time, as
the ``payments`` command prints them.

A period can span years of payments; the work done for one refresh grows with the rows shown,
not with the length of the period, and a batch is found through the date index wherever the
previous one ended.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from holdmetight.domain.couple import Couple, Enrollment
from holdmetight.domain.course import Course
from holdmetight.domain.enums import PaymentMethod
from holdmetight.domain.fees import FeeAssessment, Payment
from holdmetight.domain.money import to_euros
from holdmetight.services.courses import course_by_code
from holdmetight.services.list_order import by_label, directed
from holdmetight.services.payments import PaymentLine, lines_of, payment_conditions
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


def _lines_query(conditions: list[ColumnElement[bool]]) -> Any:
    """Payments with their couple's id and course (for :func:`lines_of`), as ``conditions``
    select them; the couple is joined for its sort key."""
    return (
        select(Payment, Enrollment.couple_id, Course)
        .join(FeeAssessment, col(FeeAssessment.id) == Payment.fee_assessment_id)
        .join(Enrollment, col(Enrollment.id) == FeeAssessment.enrollment_id)
        .join(Course, col(Course.id) == Enrollment.course_id)
        .join(Couple, col(Couple.id) == Enrollment.couple_id)
        .where(*conditions)
    )


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
        _lines_query(payment_conditions(first=first, last=last))
        .order_by(*_ordering(order, descending))
        .offset(offset)
        .limit(limit)
    )
    found = session.exec(page).all()
    return lines_of(session, found)


@read_only
def payments_after(
    session: Session,
    /,
    *,
    after: PaymentLine | None,
    limit: int,
    course_code: str | None = None,
    first: date | None = None,
    last: date | None = None,
    descending: bool = True,
) -> list[PaymentLine]:
    """The next ``limit`` payments and refunds in date order (by default the latest first)
    after ``after``, or from the start; of one course and/or from ``first`` to ``last``
    (inclusive). A course code that names no course is refused."""
    conditions = payment_conditions(first=first, last=last)
    if course_code is not None:
        conditions.append(col(Course.id) == course_by_code(session, course_code).id)
    if after is not None:
        day, number = col(Payment.paid_on), col(Payment.id)
        if descending:
            beyond = or_(day < after.paid_on, and_(day == after.paid_on, number < after.id))
        else:
            beyond = or_(day > after.paid_on, and_(day == after.paid_on, number > after.id))
        conditions.append(beyond)
    page = _lines_query(conditions).order_by(*_ordering(PaymentOrder.DATE, descending))
    return lines_of(session, session.exec(page.limit(limit)).all())


def all_payments(
    session: Session,
    /,
    *,
    course_code: str | None = None,
    first: date | None = None,
    last: date | None = None,
    descending: bool = True,
    batch: int = 1000,
) -> Iterator[PaymentLine]:
    """Every payment and refund :func:`payments_after` selects, read ``batch`` at a time (each
    batch one read of its own), so that ten years of them are never in memory at once."""
    after: PaymentLine | None = None
    while True:
        lines = payments_after(
            session,
            after=after,
            limit=batch,
            course_code=course_code,
            first=first,
            last=last,
            descending=descending,
        )
        yield from lines
        if len(lines) < batch:
            return
        after = lines[-1]


@read_only
def payment_totals(session: Session, /, *, first: date, last: date) -> PaymentTotals:
    """The count, money received and money refunded of :func:`list_payments`'s period."""
    amount = col(Payment.amount_cents)
    count, received, refunded = session.execute(
        sa_select(
            func.count(),
            func.coalesce(func.sum(case((amount > 0, amount), else_=0)), 0),
            func.coalesce(func.sum(case((amount < 0, -amount), else_=0)), 0),
        ).where(*payment_conditions(first=first, last=last))
    ).one()
    return PaymentTotals(
        count=int(count), received=to_euros(int(received)), refunded=to_euros(int(refunded))
    )
