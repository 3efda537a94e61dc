"""Fee scales and their income bands, the yearly social-minimum norms, and a course's scale.

Bounds are cents of net monthly household income, or whole percentages of the social minimum,
as the scale's basis says. How a band reads on screen or paper is up to the layer that shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from holdmetight.domain.course import Course
from holdmetight.domain.enums import FeeBasis, HouseholdType
from holdmetight.domain.fee_rules import Band, Finding, band_for, check_bands, percent_of_norm
from holdmetight.domain.fees import FeeBand, FeeScale, SocialMinimumNorm
from holdmetight.domain.money import to_cents, to_euros
from holdmetight.errors import ValidationError
from holdmetight.i18n import _, format_money
from holdmetight.services import validation as check
from holdmetight.services.transaction import audit, read_only, unit_of_work


@dataclass(frozen=True)
class BandInput:
    income_from: int  # cents, or whole percent of the norm
    income_to: int | None
    fee: Decimal
    label: str = ""


@dataclass(frozen=True)
class BandBounds:
    """Where a band lies in its scale: enough to name it in any language."""

    position: int
    label: str  # the band's own label; empty when it is known by its bounds
    income_from: int
    income_to: int | None
    basis: FeeBasis

    @classmethod
    def of(cls, band: FeeBand, basis: FeeBasis) -> BandBounds:
        return cls(
            position=band.position,
            label=band.label,
            income_from=band.income_from,
            income_to=band.income_to,
            basis=FeeBasis(basis),
        )


@dataclass(frozen=True)
class FeeBandInfo:
    id: int
    position: int
    label: str
    income_from: int
    income_to: int | None
    fee: Decimal
    basis: FeeBasis

    @property
    def bounds(self) -> BandBounds:
        return BandBounds(
            position=self.position,
            label=self.label,
            income_from=self.income_from,
            income_to=self.income_to,
            basis=self.basis,
        )


@dataclass(frozen=True)
class FeeScaleInfo:
    id: int
    name: str
    basis: FeeBasis
    valid_from: date
    valid_to: date | None
    bands: tuple[FeeBandInfo, ...]


@dataclass(frozen=True)
class NormInfo:
    year: int
    household_type: HouseholdType
    monthly: Decimal


class BandsError(ValidationError):
    """Bands that do not cover every income exactly once; ``findings`` says where, so that the
    scale editor can point at each band in its own words."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__(
            _("The bands must cover every income exactly once, without gaps or overlaps."),
            field="bands",
        )
        self.findings = tuple(findings)


# No fee, payment, norm or monthly income comes near this; anything larger is a typing error
# (and would not fit the database's whole numbers).
MAX_AMOUNT = Decimal("1000000.00")


def amount_in_cents(value: Decimal, *, field: str) -> int:
    """An amount typed in euros as whole cents; fractions of a cent, and amounts beyond
    :data:`MAX_AMOUNT` either way, are refused."""
    try:
        cents = to_cents(value)
    except ValueError as error:
        raise ValidationError(
            _("Write amounts in euros and cents, like 12,50."), field=field
        ) from error
    _check_size(cents, field=field)
    return cents


def _check_size(cents: int, *, field: str) -> None:
    if abs(cents) > to_cents(MAX_AMOUNT):
        raise ValidationError(
            _("Amounts above {amount} are not accepted; check what was typed.").format(
                amount=format_money(MAX_AMOUNT)
            ),
            field=field,
        )


def _scale_info(session: Session, scale: FeeScale) -> FeeScaleInfo:
    basis = FeeBasis(scale.basis)
    bands = session.exec(
        select(FeeBand).where(FeeBand.fee_scale_id == scale.id).order_by(col(FeeBand.position))
    ).all()
    return FeeScaleInfo(
        id=scale.id or 0,
        name=scale.name,
        basis=basis,
        valid_from=scale.valid_from,
        valid_to=scale.valid_to,
        bands=tuple(
            FeeBandInfo(
                id=b.id or 0,
                position=b.position,
                label=b.label,
                income_from=b.income_from,
                income_to=b.income_to,
                fee=to_euros(b.fee_cents),
                basis=basis,
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
    """A new scale; its bands must cover every income exactly once (else :class:`BandsError`)."""
    name = check.text(name, field="name", label=_("Name"), max_length=200)
    if session.exec(select(FeeScale.id).where(FeeScale.name == name)).first() is not None:
        raise ValidationError(_("There is already a fee scale called {name}.").format(name=name))
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError(_("The scale must end after it starts."), field="valid_to")
    try:
        cents = [to_cents(b.fee) for b in bands]
    except ValueError as error:
        raise ValidationError(_("Fees are amounts in euros and cents."), field="bands") from error
    for band, fee in zip(bands, cents, strict=True):
        for size in (fee, band.income_from, band.income_to or 0):
            _check_size(size, field="bands")
    findings = check_bands(
        [Band(b.income_from, b.income_to, c) for b, c in zip(bands, cents, strict=True)]
    )
    if findings:
        raise BandsError(findings)
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


@read_only
def list_fee_scales(session: Session, /) -> list[FeeScaleInfo]:
    scales = session.exec(select(FeeScale).order_by(col(FeeScale.valid_from).desc()))
    return [_scale_info(session, s) for s in scales]


@read_only
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


@unit_of_work
def set_norm(
    session: Session, /, *, year: int, household_type: HouseholdType, monthly: Decimal
) -> NormInfo:
    """The monthly social-minimum norm for a household type in a year (editable every year)."""
    check.whole_number(year, field="year", label=_("Year"), minimum=2000, maximum=2100)
    cents = amount_in_cents(monthly, field="monthly")
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
    return NormInfo(
        year=year, household_type=HouseholdType(household_type), monthly=to_euros(cents)
    )


@read_only
def list_norms(session: Session, /) -> list[NormInfo]:
    norms = session.exec(
        select(SocialMinimumNorm).order_by(
            col(SocialMinimumNorm.year).desc(), col(SocialMinimumNorm.household_type)
        )
    )
    return [
        NormInfo(
            year=n.year,
            household_type=HouseholdType(n.household_type),
            monthly=to_euros(n.monthly_cents),
        )
        for n in norms
    ]


@read_only
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
    cents = amount_in_cents(monthly_income, field="income")
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
