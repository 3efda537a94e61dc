"""What each couple owes for a course: the assessment by income band, and the balance of
payments and waivers against it.

Amounts are Decimal euros here and integer cents in the database. What is outstanding is always
derived from the assessment, the payments and the waivers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from holdmetight.domain.couple import Couple, Enrollment, Partner
from holdmetight.domain.course import Course
from holdmetight.domain.enums import EnrollmentStatus, FeeBasis, LeavingFee
from holdmetight.domain.fee_rules import Balance
from holdmetight.domain.fees import FeeAssessment, FeeBand, FeeScale, Payment, Waiver
from holdmetight.domain.money import to_euros
from holdmetight.domain.names import list_name
from holdmetight.domain.rules import PLACE_HOLDING
from holdmetight.errors import ValidationError
from holdmetight.i18n import _, format_money
from holdmetight.services import validation as check
from holdmetight.services.clock import local_now
from holdmetight.services.fee_scales import BandBounds, amount_in_cents
from holdmetight.services.transaction import audit, current_user, read_only, unit_of_work

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FeeRow:
    """One couple's fee in a course."""

    enrollment_id: int
    couple_id: int
    names: str
    assessment_id: int | None
    band: BandBounds | None  # None: not assessed, or assessed by a band since removed
    assessed: Decimal | None
    paid: Decimal
    waived: Decimal
    outstanding: Decimal
    refund_due: Decimal
    income_checked: bool
    reduction_reason: str
    status: EnrollmentStatus
    fee_on_leaving: LeavingFee | None

    @property
    def needs_band(self) -> bool:
        return self.assessment_id is None


@read_only
def couple_names(
    session: Session, /, *, couple_ids: Collection[int] | SelectOfScalar[int]
) -> dict[int, str]:
    """Both partners of each couple as a list shows them ("Berg, Jan & Vries, Anna"), read in
    one query; ``couple_ids`` may be a query that selects them.

    The couples come in the order every list of couples uses, on screen and on paper (the
    stored sort key: family name without prefix, diacritics ignored); :func:`name_order` turns
    that into positions to sort rows by."""
    ids = couple_ids if isinstance(couple_ids, SelectOfScalar) else list(couple_ids)
    partners = session.exec(
        select(Partner)
        .join(Couple, col(Couple.id) == Partner.couple_id)
        .where(col(Partner.couple_id).in_(ids))
        .order_by(col(Couple.sort_key), col(Couple.id), col(Partner.position))
    )
    parts: dict[int, list[str]] = defaultdict(list)
    for p in partners:
        parts[p.couple_id].append(list_name(p.given_name, p.name_prefix, p.family_name))
    return {couple_id: " & ".join(names) for couple_id, names in parts.items()}


def name_order(names: Mapping[int, str]) -> dict[int, int]:
    """Each couple's place in the list order of :func:`couple_names` (its sort key)."""
    return {couple_id: place for place, couple_id in enumerate(names)}


@read_only
def balance_of(session: Session, /, *, assessment: FeeAssessment) -> Balance:
    """What was assessed, paid (refunds subtracted) and waived for one assessment."""
    paid = session.exec(
        select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
            Payment.fee_assessment_id == assessment.id
        )
    ).one()
    waived = session.exec(
        select(func.coalesce(func.sum(Waiver.amount_cents), 0)).where(
            Waiver.fee_assessment_id == assessment.id
        )
    ).one()
    return Balance(assessed=assessment.amount_cents, paid=int(paid), waived=int(waived))


def _leaving(enrollment: Enrollment) -> LeavingFee | None:
    return LeavingFee(enrollment.fee_on_leaving) if enrollment.fee_on_leaving else None


def _rows(session: Session, *conditions: Any) -> list[FeeRow]:
    """Fee rows of the enrollments that meet ``conditions``, in the couples' list order."""
    found = session.exec(
        select(Enrollment, FeeAssessment, FeeBand, FeeScale)
        .outerjoin(FeeAssessment, col(FeeAssessment.enrollment_id) == Enrollment.id)
        .outerjoin(FeeBand, col(FeeBand.id) == FeeAssessment.fee_band_id)
        .outerjoin(FeeScale, col(FeeScale.id) == FeeBand.fee_scale_id)
        .where(*conditions)
    ).all()
    names = couple_names(session, couple_ids=[e.couple_id for e, *_rest in found])
    order = name_order(names)
    rows = []
    for enrollment, assessment, band, scale in found:
        enrollment_id, couple_id = enrollment.id or 0, enrollment.couple_id
        if assessment is None:
            rows.append(
                FeeRow(
                    enrollment_id=enrollment_id,
                    couple_id=couple_id,
                    names=names.get(couple_id, ""),
                    assessment_id=None,
                    band=None,
                    assessed=None,
                    paid=ZERO,
                    waived=ZERO,
                    outstanding=ZERO,
                    refund_due=ZERO,
                    income_checked=False,
                    reduction_reason="",
                    status=EnrollmentStatus(enrollment.status),
                    fee_on_leaving=_leaving(enrollment),
                )
            )
            continue
        balance = balance_of(session, assessment=assessment)
        rows.append(
            FeeRow(
                enrollment_id=enrollment_id,
                couple_id=couple_id,
                names=names.get(couple_id, ""),
                assessment_id=assessment.id,
                band=BandBounds.of(band, FeeBasis(scale.basis)) if band and scale else None,
                assessed=to_euros(assessment.amount_cents),
                paid=to_euros(balance.paid),
                waived=to_euros(balance.waived),
                outstanding=to_euros(balance.outstanding),
                refund_due=to_euros(balance.refund_due),
                income_checked=assessment.income_checked_on is not None,
                reduction_reason=assessment.reduction_reason,
                status=EnrollmentStatus(enrollment.status),
                fee_on_leaving=_leaving(enrollment),
            )
        )
    return sorted(rows, key=lambda r: (order.get(r.couple_id, len(order)), r.enrollment_id))


@read_only
def fee_overview(session: Session, /, *, course_id: int) -> list[FeeRow]:
    """Every couple that has or had a place in the course, with what they owe, paid and was
    waived: a couple that withdrew or was referred keeps its row (money may still be due, or
    owed back), and so does one that only waited but was assessed."""
    check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    return _rows(session, Enrollment.course_id == course_id, _HAS_FEE_ROW)


# A couple has a fee row in a course while it has a place, once it had one, or when assessed.
_HAS_FEE_ROW = or_(
    col(Enrollment.status).in_(list(PLACE_HOLDING)),
    col(Enrollment.placed_at).is_not(None),
    col(FeeAssessment.id).is_not(None),
)


@read_only
def all_fee_rows(session: Session, /) -> list[tuple[str, FeeRow]]:
    """Every course's fee rows with the course code, by course and couple (for exports)."""
    codes = dict(
        session.exec(
            select(Enrollment.id, Course.code).join(Course, col(Course.id) == Enrollment.course_id)
        ).all()
    )
    # Already in the couples' order: a stable sort by course keeps it within each course.
    rows = [(codes.get(r.enrollment_id, ""), r) for r in _rows(session, _HAS_FEE_ROW)]
    return sorted(rows, key=lambda cr: cr[0])


@read_only
def fee_row(session: Session, /, *, enrollment_id: int) -> FeeRow:
    """One couple's fee in a course, as the course's fee overview shows it."""
    check.get_or_fail(session, Enrollment, enrollment_id, what=lambda: _("The enrollment"))
    (row,) = _rows(session, Enrollment.id == enrollment_id)
    return row


@unit_of_work
def assess_fee(
    session: Session,
    /,
    *,
    enrollment_id: int,
    fee_band_id: int,
    amount: Decimal | None = None,
    reduction_reason: str = "",
    income_checked: bool = False,
) -> FeeRow:
    """What a couple owes: the fee of their income band, or less with a reason. Changing the
    course's scale later does not change an assessment."""
    enrollment = check.get_or_fail(
        session, Enrollment, enrollment_id, what=lambda: _("The enrollment")
    )
    course = session.get_one(Course, enrollment.course_id)
    band = check.get_or_fail(session, FeeBand, fee_band_id, what=lambda: _("The income band"))
    if course.fee_scale_id is None or band.fee_scale_id != course.fee_scale_id:
        raise ValidationError(_("Choose an income band of the course's fee scale."), field="band")
    cents = band.fee_cents if amount is None else amount_in_cents(amount, field="amount")
    if cents < 0:
        raise ValidationError(_("A fee cannot be negative."), field="amount")
    if cents > band.fee_cents:
        raise ValidationError(
            _("The fee can be lowered, not raised, above the band's {fee}.").format(
                fee=format_money(to_euros(band.fee_cents))
            ),
            field="amount",
        )
    reason = check.text(
        reduction_reason,
        field="reduction_reason",
        label=_("Reason"),
        required=cents < band.fee_cents,
        max_length=400,
    )
    assessment = session.exec(
        select(FeeAssessment).where(FeeAssessment.enrollment_id == enrollment_id)
    ).first() or FeeAssessment(
        enrollment_id=enrollment_id, amount_cents=0, assessed_on=local_now(session).date()
    )
    assessment.fee_band_id = band.id
    assessment.band_fee_cents = band.fee_cents
    assessment.amount_cents = cents
    assessment.reduction_reason = reason if cents < band.fee_cents else ""
    assessment.assessed_on = local_now(session).date()
    assessment.assessed_by = current_user()
    if income_checked:
        assessment.income_checked_by = current_user()
        assessment.income_checked_on = local_now(session).date()
    session.add(assessment)
    couple = session.get_one(Couple, enrollment.couple_id)
    couple.income_band_id = band.id
    session.flush()
    audit(session, action="assess", entity="fee_assessment", entity_id=assessment.id)
    return fee_row(session, enrollment_id=enrollment_id)
