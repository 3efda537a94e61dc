"""Sliding-scale fees: scales and bands, what each couple owes, payments, refunds and waivers.

Amounts are Decimal euros here and integer cents in the database. What is outstanding is always
derived from the assessment, the payments and the waivers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from holdmetight.domain.couple import Couple, Enrollment, Partner
from holdmetight.domain.course import Course
from holdmetight.domain.enums import FeeBasis, HouseholdType, PaymentMethod
from holdmetight.domain.fee_rules import (
    Balance,
    Band,
    BandProblem,
    Finding,
    band_for,
    check_bands,
    percent_of_norm,
)
from holdmetight.domain.fees import (
    FeeAssessment,
    FeeBand,
    FeeScale,
    Payment,
    SocialMinimumNorm,
    Waiver,
)
from holdmetight.domain.money import to_cents, to_euros
from holdmetight.domain.names import list_name
from holdmetight.domain.organisation import Organisation
from holdmetight.domain.rules import PLACE_HOLDING
from holdmetight.errors import RuleError, ValidationError
from holdmetight.i18n import _, format_money
from holdmetight.services import validation as check
from holdmetight.services.transaction import audit, current_user, unit_of_work


@dataclass(frozen=True)
class BandInput:
    income_from: int  # cents, or whole percent of the norm
    income_to: int | None
    fee: Decimal
    label: str = ""


@dataclass(frozen=True)
class FeeBandInfo:
    id: int
    position: int
    label: str
    income_from: int
    income_to: int | None
    fee: Decimal


@dataclass(frozen=True)
class FeeScaleInfo:
    id: int
    name: str
    basis: FeeBasis
    valid_from: date
    valid_to: date | None
    bands: tuple[FeeBandInfo, ...]


def describe_bound(value: int, basis: FeeBasis) -> str:
    return format_money(to_euros(value)) if basis is FeeBasis.ABSOLUTE else f"{value}%"


def band_label(band: FeeBandInfo, basis: FeeBasis) -> str:
    """ "€ 1.800,00 – € 2.500,00" or "from 120%", unless the band has its own label."""
    if band.label:
        return band.label
    low = describe_bound(band.income_from, basis)
    if band.income_to is None:
        return _("from {low}").format(low=low)
    return f"{low} – {describe_bound(band.income_to, basis)}"


def finding_message(finding: Finding, basis: FeeBasis) -> str:
    """A precise sentence for the scale editor."""
    where = describe_bound(finding.value, basis) if finding.value is not None else ""
    messages = {
        BandProblem.NO_BANDS: _("A fee scale needs at least one band."),
        BandProblem.NOT_FROM_ZERO: _("The lowest band must start at 0, not at {where}."),
        BandProblem.EMPTY: _("Band {n} ends where it starts or before."),
        BandProblem.GAP: _("Incomes from {where} up to band {n} fall in no band (a gap)."),
        BandProblem.OVERLAP: _("Band {n} overlaps the band before it from {where}."),
        BandProblem.CLOSED_TOP: _(
            "The highest band must have no upper limit (it ends at {where})."
        ),
        BandProblem.OPEN_BELOW_TOP: _(
            "Only the highest band may be without upper limit (band {n})."
        ),
        BandProblem.NEGATIVE_FEE: _("The fee of band {n} cannot be negative."),
    }
    return messages[finding.problem].format(n=finding.band, where=where)


def _scale_info(session: Session, scale: FeeScale) -> FeeScaleInfo:
    bands = session.exec(
        select(FeeBand).where(FeeBand.fee_scale_id == scale.id).order_by(col(FeeBand.position))
    ).all()
    return FeeScaleInfo(
        id=scale.id or 0,
        name=scale.name,
        basis=FeeBasis(scale.basis),
        valid_from=scale.valid_from,
        valid_to=scale.valid_to,
        bands=tuple(
            FeeBandInfo(
                b.id or 0, b.position, b.label, b.income_from, b.income_to, to_euros(b.fee_cents)
            )
            for b in bands
        ),
    )


@unit_of_work
def create_fee_scale(
    session: Session,
    /,
    *,
    name: str,
    basis: FeeBasis,
    valid_from: date,
    valid_to: date | None,
    bands: Sequence[BandInput],
) -> FeeScaleInfo:
    """A new scale; its bands must cover every income exactly once."""
    name = check.text(name, field="name", label=_("Name"), max_length=200)
    if session.exec(select(FeeScale.id).where(FeeScale.name == name)).first() is not None:
        raise ValidationError(_("There is already a fee scale called {name}.").format(name=name))
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError(_("The scale must end after it starts."), field="valid_to")
    try:
        cents = [to_cents(b.fee) for b in bands]
    except ValueError as error:
        raise ValidationError(_("Fees are amounts in euros and cents."), field="bands") from error
    findings = check_bands(
        [Band(b.income_from, b.income_to, c) for b, c in zip(bands, cents, strict=True)]
    )
    if findings:
        raise ValidationError(" ".join(finding_message(f, basis) for f in findings), field="bands")
    scale = FeeScale(name=name, basis=basis, valid_from=valid_from, valid_to=valid_to)
    session.add(scale)
    session.flush()
    ordered = sorted(zip(bands, cents, strict=True), key=lambda bc: bc[0].income_from)
    for position, (band, fee) in enumerate(ordered, start=1):
        session.add(
            FeeBand(
                fee_scale_id=scale.id or 0,
                position=position,
                label=band.label.strip(),
                income_from=band.income_from,
                income_to=band.income_to,
                fee_cents=fee,
            )
        )
    session.flush()
    audit(session, action="create", entity="fee_scale", entity_id=scale.id)
    return _scale_info(session, scale)


@unit_of_work
def list_fee_scales(session: Session, /) -> list[FeeScaleInfo]:
    scales = session.exec(select(FeeScale).order_by(col(FeeScale.valid_from).desc()))
    return [_scale_info(session, s) for s in scales]


@unit_of_work
def course_fee_scale(session: Session, /, *, course_id: int) -> FeeScaleInfo | None:
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    scale = session.get(FeeScale, course.fee_scale_id) if course.fee_scale_id else None
    return _scale_info(session, scale) if scale else None


@unit_of_work
def set_course_fee_scale(session: Session, /, *, course_id: int, fee_scale_id: int | None) -> None:
    """The scale new assessments for this course use; fees already assessed stay as they are."""
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    if fee_scale_id is not None:
        check.get_or_fail(session, FeeScale, fee_scale_id, what=lambda: _("The fee scale"))
    course.fee_scale_id = fee_scale_id
    session.flush()
    audit(session, action="fee_scale", entity="course", entity_id=course_id)


@dataclass(frozen=True)
class FeeRow:
    """One couple's fee in a course."""

    enrollment_id: int
    couple_id: int
    names: str
    assessment_id: int | None
    band: str
    assessed: Decimal | None
    paid: Decimal
    waived: Decimal
    outstanding: Decimal
    refund_due: Decimal
    income_checked: bool
    reduction_reason: str

    @property
    def needs_band(self) -> bool:
        return self.assessment_id is None


def balance_of(session: Session, assessment: FeeAssessment) -> Balance:
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


@unit_of_work
def fee_overview(session: Session, /, *, course_id: int) -> list[FeeRow]:
    """Every couple with a place in the course, with what they owe, paid and was waived."""
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    scale = session.get(FeeScale, course.fee_scale_id) if course.fee_scale_id else None
    basis = FeeBasis(scale.basis) if scale else FeeBasis.ABSOLUTE
    rows = []
    for enrollment in session.exec(
        select(Enrollment).where(
            Enrollment.course_id == course_id, col(Enrollment.status).in_(list(PLACE_HOLDING))
        )
    ):
        partners = session.exec(
            select(Partner)
            .where(Partner.couple_id == enrollment.couple_id)
            .order_by(col(Partner.position))
        ).all()
        names = " & ".join(list_name(p.given_name, p.name_prefix, p.family_name) for p in partners)
        assessment = session.exec(
            select(FeeAssessment).where(FeeAssessment.enrollment_id == enrollment.id)
        ).first()
        if assessment is None:
            rows.append(
                FeeRow(
                    enrollment.id or 0,
                    enrollment.couple_id,
                    names,
                    None,
                    "",
                    None,
                    Decimal("0.00"),
                    Decimal("0.00"),
                    Decimal("0.00"),
                    Decimal("0.00"),
                    False,
                    "",
                )
            )
            continue
        balance = balance_of(session, assessment)
        band = session.get(FeeBand, assessment.fee_band_id) if assessment.fee_band_id else None
        label = (
            band_label(
                FeeBandInfo(
                    band.id or 0,
                    band.position,
                    band.label,
                    band.income_from,
                    band.income_to,
                    to_euros(band.fee_cents),
                ),
                basis,
            )
            if band
            else ""
        )
        rows.append(
            FeeRow(
                enrollment.id or 0,
                enrollment.couple_id,
                names,
                assessment.id,
                label,
                to_euros(assessment.amount_cents),
                to_euros(balance.paid),
                to_euros(balance.waived),
                to_euros(balance.outstanding),
                to_euros(balance.refund_due),
                assessment.income_checked_on is not None,
                assessment.reduction_reason,
            )
        )
    return sorted(rows, key=lambda r: r.names.casefold())


def _row(session: Session, enrollment_id: int) -> FeeRow:
    enrollment = session.get_one(Enrollment, enrollment_id)
    return next(
        r
        for r in fee_overview(session, course_id=enrollment.course_id)
        if r.enrollment_id == enrollment_id
    )


def _amount(value: Decimal, field: str) -> int:
    try:
        cents = to_cents(value)
    except ValueError as error:
        raise ValidationError(
            _("Write amounts in euros and cents, like 12,50."), field=field
        ) from error
    return cents


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
    cents = band.fee_cents if amount is None else _amount(amount, "amount")
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
        enrollment_id=enrollment_id, amount_cents=0, assessed_on=date.today()
    )
    assessment.fee_band_id = band.id
    assessment.band_fee_cents = band.fee_cents
    assessment.amount_cents = cents
    assessment.reduction_reason = reason if cents < band.fee_cents else ""
    assessment.assessed_on = date.today()
    assessment.assessed_by = current_user()
    if income_checked:
        assessment.income_checked_by = current_user()
        assessment.income_checked_on = date.today()
    session.add(assessment)
    couple = session.get_one(Couple, enrollment.couple_id)
    couple.income_band_id = band.id
    session.flush()
    audit(session, action="assess", entity="fee_assessment", entity_id=assessment.id)
    return _row(session, enrollment_id)


def _assessment(session: Session, assessment_id: int) -> FeeAssessment:
    return check.get_or_fail(session, FeeAssessment, assessment_id, what=lambda: _("The fee"))


def _not_future(day: date) -> None:
    if day > date.today():
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
    return _row(session, assessment.enrollment_id)


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
    cents = _amount(amount, "amount")
    if cents <= 0:
        raise ValidationError(_("A payment must be more than zero."), field="amount")
    _not_future(paid_on)
    outstanding = balance_of(session, assessment).outstanding
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
    """Money paid back to the couple (at most what they paid)."""
    assessment = _assessment(session, assessment_id)
    cents = _amount(amount, "amount")
    if cents <= 0:
        raise ValidationError(_("A refund must be more than zero."), field="amount")
    _not_future(paid_on)
    if cents > balance_of(session, assessment).paid:
        raise RuleError(_("A refund cannot be more than was paid."))
    return _add_payment(session, assessment, -cents, paid_on, method, reference, "refund")


@unit_of_work
def waive(session: Session, /, *, assessment_id: int, amount: Decimal, reason: str) -> FeeRow:
    """Let go of part or all of what is outstanding, with the reason."""
    assessment = _assessment(session, assessment_id)
    cents = _amount(amount, "amount")
    if cents <= 0:
        raise ValidationError(_("A waiver must be more than zero."), field="amount")
    if cents > balance_of(session, assessment).outstanding:
        raise RuleError(_("A waiver cannot be more than is outstanding."))
    session.add(
        Waiver(
            fee_assessment_id=assessment.id or 0,
            amount_cents=cents,
            reason=check.text(reason, field="reason", label=_("Reason"), max_length=400),
            granted_on=date.today(),
            granted_by=current_user(),
        )
    )
    session.flush()
    audit(session, action="waiver", entity="fee_assessment", entity_id=assessment.id)
    return _row(session, assessment.enrollment_id)


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


@unit_of_work
def payments_of(session: Session, /, *, assessment_id: int) -> list[PaymentLine]:
    """One couple's payments and refunds for a course, oldest first."""
    return [line for line in payment_lines(session) if line.assessment_id == assessment_id]


@unit_of_work
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
    """Payments and refunds, by course and/or period (dates inclusive), in date order."""
    query = (
        select(Payment, FeeAssessment, Enrollment, Course)
        .join(FeeAssessment, col(FeeAssessment.id) == Payment.fee_assessment_id)
        .join(Enrollment, col(Enrollment.id) == FeeAssessment.enrollment_id)
        .join(Course, col(Course.id) == Enrollment.course_id)
        .order_by(col(Payment.paid_on), col(Payment.id))
    )
    if course_code:
        query = query.where(Course.code == course_code.strip().upper())
    if first is not None:
        query = query.where(col(Payment.paid_on) >= first)
    if last is not None:
        query = query.where(col(Payment.paid_on) <= last)
    if payment_id is not None:
        query = query.where(Payment.id == payment_id)
    if assessment_id is not None:
        query = query.where(Payment.fee_assessment_id == assessment_id)
    lines = []
    for payment, _assessment, enrollment, course in session.exec(query):
        partners = session.exec(
            select(Partner)
            .where(Partner.couple_id == enrollment.couple_id)
            .order_by(col(Partner.position))
        ).all()
        lines.append(
            PaymentLine(
                id=payment.id or 0,
                assessment_id=payment.fee_assessment_id,
                course_code=course.code,
                course_title=course.title,
                names=" & ".join(
                    list_name(p.given_name, p.name_prefix, p.family_name) for p in partners
                ),
                paid_on=payment.paid_on,
                amount=to_euros(payment.amount_cents),
                method=PaymentMethod(payment.method),
                reference=payment.reference,
            )
        )
    return lines


@dataclass(frozen=True)
class Receipt:
    organisation: str
    organisation_address: str
    logo: bytes | None
    payment: PaymentLine


@unit_of_work
def receipt(session: Session, /, *, payment_id: int) -> Receipt:
    """What a receipt (betalingsbewijs) for one payment shows."""
    lines = payment_lines(session, payment_id=payment_id)
    if not lines:
        raise RuleError(_("That payment no longer exists."))
    org = session.exec(select(Organisation)).first()
    address = ""
    if org is not None:
        place = " ".join(p for p in (org.postcode, org.city) if p)
        address = ", ".join(p for p in (org.address, place) if p)
    return Receipt(
        organisation=org.name if org else "",
        organisation_address=address,
        logo=org.logo_png if org else None,
        payment=lines[0],
    )


@dataclass(frozen=True)
class NormInfo:
    year: int
    household_type: HouseholdType
    monthly: Decimal


@unit_of_work
def set_norm(
    session: Session, /, *, year: int, household_type: HouseholdType, monthly: Decimal
) -> NormInfo:
    """The monthly social-minimum norm for a household type in a year (editable every year)."""
    check.whole_number(year, field="year", label=_("Year"), minimum=2000, maximum=2100)
    cents = _amount(monthly, "monthly")
    if cents <= 0:
        raise ValidationError(_("The norm must be more than zero."), field="monthly")
    norm = session.exec(
        select(SocialMinimumNorm).where(
            SocialMinimumNorm.year == year, SocialMinimumNorm.household_type == household_type
        )
    ).first() or SocialMinimumNorm(year=year, household_type=household_type, monthly_cents=0)
    norm.monthly_cents = cents
    session.add(norm)
    session.flush()
    audit(session, action="save", entity="social_minimum_norm", entity_id=norm.id)
    return NormInfo(year, HouseholdType(household_type), to_euros(cents))


@unit_of_work
def list_norms(session: Session, /) -> list[NormInfo]:
    norms = session.exec(
        select(SocialMinimumNorm).order_by(
            col(SocialMinimumNorm.year).desc(), col(SocialMinimumNorm.household_type)
        )
    )
    return [
        NormInfo(n.year, HouseholdType(n.household_type), to_euros(n.monthly_cents)) for n in norms
    ]


@unit_of_work
def band_for_income(
    session: Session,
    /,
    *,
    course_id: int,
    monthly_income: Decimal,
    household_type: HouseholdType,
    on: date,
) -> FeeBandInfo:
    """The band of the course's scale for a net monthly household income (the income itself is
    not stored). For a scale in percentages, the year's norm for the household type is used."""
    scale = course_fee_scale(session, course_id=course_id)
    if scale is None:
        raise ValidationError(_("This course has no fee scale."))
    cents = _amount(monthly_income, "income")
    if cents < 0:
        raise ValidationError(_("An income cannot be negative."), field="income")
    value = cents
    if scale.basis is FeeBasis.PERCENT_OF_NORM:
        norm = session.exec(
            select(SocialMinimumNorm).where(
                SocialMinimumNorm.year == on.year,
                SocialMinimumNorm.household_type == household_type,
            )
        ).first()
        if norm is None:
            raise ValidationError(
                _(
                    "There is no social-minimum norm for {household} in {year}; enter it on the "
                    "Fees page."
                ).format(household=HouseholdType(household_type).label, year=on.year)
            )
        value = percent_of_norm(cents, norm.monthly_cents)
    found = band_for([Band(b.income_from, b.income_to, 0) for b in scale.bands], value)
    assert found is not None, "a checked scale covers every income"
    return next(b for b in scale.bands if b.income_from == found.income_from)
