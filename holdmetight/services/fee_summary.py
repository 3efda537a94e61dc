"""The fee summary of a course or a period: assessed, paid, waived, outstanding, by band and
by payment method (received and refunded apart), the open balances, and how many couples have
no income band yet. Its paid totals are the payments export's totals."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from holdmetight.domain.couple import Enrollment
from holdmetight.domain.course import Course
from holdmetight.domain.enums import EnrollmentStatus, FeeBasis, PaymentMethod
from holdmetight.domain.fee_rules import Balance
from holdmetight.domain.fees import FeeAssessment, FeeBand, FeeScale, Payment, Waiver
from holdmetight.domain.money import to_euros
from holdmetight.domain.names import fold
from holdmetight.domain.rules import PLACE_HOLDING
from holdmetight.errors import ValidationError
from holdmetight.i18n import _
from holdmetight.services.courses import course_by_code
from holdmetight.services.fee_assessments import couple_names, name_order
from holdmetight.services.fee_scales import BandBounds
from holdmetight.services.organisations import get_organisation
from holdmetight.services.payments import paid_totals
from holdmetight.services.transaction import read_only

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BandTotal:
    """The totals of one income band of one scale. ``band`` is None for fees assessed by a band
    that has since been removed; the report names each band in the document's language."""

    scale: str  # the scale's name; empty without a band
    band: BandBounds | None
    couples: int
    assessed: Decimal
    paid: Decimal
    waived: Decimal
    outstanding: Decimal
    refund_due: Decimal  # let go of and paid already: to be paid back


@dataclass
class _Sums:
    couples: int = 0
    assessed: Decimal = ZERO
    paid: Decimal = ZERO
    waived: Decimal = ZERO
    outstanding: Decimal = ZERO
    refund_due: Decimal = ZERO


@dataclass(frozen=True)
class MethodTotal:
    """The money of one payment method: received, and paid back (a positive amount)."""

    method: PaymentMethod
    received: Decimal
    refunded: Decimal

    @property
    def paid(self) -> Decimal:
        return self.received - self.refunded


@dataclass(frozen=True)
class OpenBalance:
    """Money a couple still owes, or (for a refund due) is owed back."""

    course_code: str
    names: str
    outstanding: Decimal
    status: EnrollmentStatus


@dataclass(frozen=True)
class FeeSummary:
    organisation: str
    logo: bytes | None
    scope: str  # "HMV-27-03C" or "1 jan 2027 – 31 mrt 2027", formatted by the report
    course_code: str | None
    first: date | None
    last: date | None
    bands: tuple[BandTotal, ...]
    methods: tuple[MethodTotal, ...]
    open_balances: tuple[OpenBalance, ...]
    refunds_due: tuple[OpenBalance, ...]
    # Couples with a place in a course with a fee scale that have not been assessed: for a
    # period, those in the courses that start in it.
    unassessed: int

    @property
    def assessed(self) -> Decimal:
        return sum((b.assessed for b in self.bands), ZERO)

    @property
    def received(self) -> Decimal:
        return sum((m.received for m in self.methods), ZERO)

    @property
    def refunded(self) -> Decimal:
        return sum((m.refunded for m in self.methods), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((m.paid for m in self.methods), ZERO)

    @property
    def waived(self) -> Decimal:
        return sum((b.waived for b in self.bands), ZERO)

    @property
    def outstanding(self) -> Decimal:
        return sum((b.outstanding for b in self.bands), ZERO)

    @property
    def refund_due(self) -> Decimal:
        return sum((b.refund_due for b in self.bands), ZERO)


def _assessments(code: str | None, first: date | None, last: date | None) -> Any:
    """The assessments a summary counts, each with its payments and waivers added up by the
    database (all of them for the balance; for a period, the waivers granted in it)."""

    def total(table: type[Payment] | type[Waiver], *conditions: ColumnElement[bool]) -> Any:
        return (
            select(func.coalesce(func.sum(table.amount_cents), 0))
            .where(col(table.fee_assessment_id) == FeeAssessment.id, *conditions)
            .correlate(FeeAssessment)
            .scalar_subquery()
        )

    waived = total(Waiver)
    query = (
        select_columns(
            col(FeeAssessment.fee_band_id).label("fee_band_id"),
            col(FeeAssessment.amount_cents).label("amount_cents"),
            col(Enrollment.couple_id).label("couple_id"),
            col(Enrollment.status).label("status"),
            col(Course.code).label("code"),
            total(Payment).label("paid"),
            waived.label("waived"),
        )
        .join(Enrollment, col(Enrollment.id) == FeeAssessment.enrollment_id)
        .join(Course, col(Course.id) == Enrollment.course_id)
    )
    if code is not None:
        return query.add_columns(waived.label("waived_counted")).where(col(Course.code) == code)
    assert first is not None and last is not None
    in_period = total(Waiver, col(Waiver.granted_on) >= first, col(Waiver.granted_on) <= last)
    return query.add_columns(in_period.label("waived_counted")).where(
        col(FeeAssessment.assessed_on) >= first, col(FeeAssessment.assessed_on) <= last
    )


def _unassessed(code: str | None, first: date | None, last: date | None) -> Any:
    """How many couples hold a place in the course (or in a course that starts in the period)
    that has a fee scale, and have no fee assessed."""
    query = (
        select_columns(func.count())
        .select_from(Enrollment)
        .join(Course, col(Course.id) == Enrollment.course_id)
        .outerjoin(FeeAssessment, col(FeeAssessment.enrollment_id) == Enrollment.id)
        .where(
            col(Enrollment.status).in_(list(PLACE_HOLDING)),
            col(Course.fee_scale_id).is_not(None),
            col(FeeAssessment.id).is_(None),
        )
    )
    if code is not None:
        return query.where(col(Course.code) == code)
    return query.where(col(Course.first_date) >= first, col(Course.first_date) <= last)


@read_only
def fee_summary(
    session: Session,
    /,
    *,
    course_code: str | None = None,
    first: date | None = None,
    last: date | None = None,
) -> FeeSummary:
    """For a course: its assessments and all their payments. For a period: assessments made,
    payments received and refunds paid back, and waivers granted in it (dates inclusive)."""
    if course_code is None and (first is None or last is None):
        raise ValidationError(_("Give a course, or a period with a first and a last date."))
    if first is not None and last is not None and last < first:
        raise ValidationError(_("The period must end after it starts."))
    code = course_by_code(session, course_code).code if course_code is not None else None
    sums: dict[int | None, _Sums] = defaultdict(_Sums)
    # Paid per band and per method are the payments export's totals (same conditions).
    received: dict[PaymentMethod, Decimal] = defaultdict(lambda: ZERO)
    refunded: dict[PaymentMethod, Decimal] = defaultdict(lambda: ZERO)
    for method, band_id, money_in, money_back in paid_totals(
        session, course_code=code, first=None if code else first, last=None if code else last
    ):
        received[method] += money_in
        refunded[method] += money_back
        sums[band_id].paid += money_in - money_back
    open_balances: list[tuple[str, int, EnrollmentStatus, Decimal]] = []
    refunds: list[tuple[str, int, EnrollmentStatus, Decimal]] = []
    for row in session.execute(_assessments(code, first, last)):
        total = sums[row.fee_band_id]
        total.couples += 1
        total.assessed += to_euros(row.amount_cents)
        total.waived += to_euros(row.waived_counted)
        balance = Balance(assessed=row.amount_cents, paid=row.paid, waived=row.waived)
        status = EnrollmentStatus(row.status)
        left = to_euros(balance.outstanding)
        total.outstanding += left
        if left > 0:
            open_balances.append((row.code, row.couple_id, status, left))
        total.refund_due += to_euros(balance.refund_due)
        if balance.refund_due > 0:
            refunds.append((row.code, row.couple_id, status, to_euros(balance.refund_due)))
    names = couple_names(
        session, couple_ids={couple_id for _c, couple_id, _s, _a in [*open_balances, *refunds]}
    )

    order = name_order(names)

    def listed(
        entries: list[tuple[str, int, EnrollmentStatus, Decimal]],
    ) -> tuple[OpenBalance, ...]:
        return tuple(
            OpenBalance(code, names.get(couple_id, ""), amount, status)
            for code, couple_id, status, amount in sorted(
                entries, key=lambda e: (e[0], order.get(e[1], len(order)))
            )
        )

    bands = {
        band.id: (scale.name, BandBounds.of(band, FeeBasis(scale.basis)))
        for band, scale in session.exec(
            select(FeeBand, FeeScale)
            .join(FeeScale, col(FeeScale.id) == FeeBand.fee_scale_id)
            .where(col(FeeBand.id).in_([band_id for band_id in sums if band_id is not None]))
        )
    }
    totals = [
        BandTotal(
            scale=bands[band_id][0] if band_id is not None else "",
            band=bands[band_id][1] if band_id is not None else None,
            couples=total.couples,
            assessed=total.assessed,
            paid=total.paid,
            waived=total.waived,
            outstanding=total.outstanding,
            refund_due=total.refund_due,
        )
        for band_id, total in sums.items()
    ]
    organisation = get_organisation(session)
    return FeeSummary(
        organisation=organisation.name if organisation else "",
        logo=organisation.logo_png if organisation else None,
        scope=code or "",
        course_code=code,
        first=first,
        last=last,
        bands=tuple(
            sorted(
                totals,
                key=lambda t: (
                    t.band is None,
                    fold(t.scale),
                    t.band.position if t.band else 0,
                ),
            )
        ),
        methods=tuple(
            MethodTotal(method=method, received=received[method], refunded=refunded[method])
            for method in PaymentMethod
            if method in received
        ),
        open_balances=listed(open_balances),
        refunds_due=listed(refunds),
        unassessed=int(session.execute(_unassessed(code, first, last)).scalar_one()),
    )
