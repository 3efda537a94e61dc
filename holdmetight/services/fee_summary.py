"""The fee summary of a course or a period: assessed, paid, waived, outstanding, by band and
by payment method, and the open balances. Its paid totals are the payments export's totals."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from holdmetight.domain.couple import Enrollment, Partner
from holdmetight.domain.course import Course
from holdmetight.domain.enums import FeeBasis, PaymentMethod
from holdmetight.domain.fees import FeeAssessment, FeeBand, FeeScale, Waiver
from holdmetight.domain.money import to_euros
from holdmetight.domain.names import list_name
from holdmetight.domain.organisation import Organisation
from holdmetight.errors import ValidationError
from holdmetight.i18n import _
from holdmetight.services import fees
from holdmetight.services.courses import course_by_code
from holdmetight.services.transaction import unit_of_work

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BandTotal:
    band: str
    couples: int
    assessed: Decimal
    paid: Decimal
    waived: Decimal
    outstanding: Decimal


@dataclass(frozen=True)
class OpenBalance:
    course_code: str
    names: str
    outstanding: Decimal


@dataclass(frozen=True)
class FeeSummary:
    organisation: str
    logo: bytes | None
    scope: str  # "HMV-27-03C" or "1 jan 2027 – 31 mrt 2027", formatted by the report
    course_code: str | None
    first: date | None
    last: date | None
    bands: tuple[BandTotal, ...]
    methods: tuple[tuple[PaymentMethod, Decimal], ...]
    open_balances: tuple[OpenBalance, ...]

    @property
    def assessed(self) -> Decimal:
        return sum((b.assessed for b in self.bands), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((amount for _m, amount in self.methods), ZERO)

    @property
    def waived(self) -> Decimal:
        return sum((b.waived for b in self.bands), ZERO)

    @property
    def outstanding(self) -> Decimal:
        return sum((b.outstanding for b in self.bands), ZERO)


@unit_of_work
def fee_summary(
    session: Session,
    /,
    *,
    course_code: str | None = None,
    first: date | None = None,
    last: date | None = None,
) -> FeeSummary:
    """For a course: its assessments and all their payments. For a period: assessments made,
    payments received and waivers granted in it (dates inclusive)."""
    if course_code is None and (first is None or last is None):
        raise ValidationError(_("Give a course, or a period with a first and a last date."))
    if first is not None and last is not None and last < first:
        raise ValidationError(_("The period must end after it starts."))
    query = (
        select(FeeAssessment, Enrollment, Course)
        .join(Enrollment, col(Enrollment.id) == FeeAssessment.enrollment_id)
        .join(Course, col(Course.id) == Enrollment.course_id)
    )
    code = None
    if course_code is not None:
        code = course_by_code(session, course_code).code
        query = query.where(Course.code == code)
    else:
        query = query.where(
            col(FeeAssessment.assessed_on) >= first, col(FeeAssessment.assessed_on) <= last
        )
    lines = fees.payment_lines(
        session,
        course_code=code,
        first=None if code else first,
        last=None if code else last,
    )
    paid_by_assessment: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_method: dict[PaymentMethod, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        paid_by_assessment[line.assessment_id] += line.amount
        by_method[line.method] += line.amount
    labels: dict[int, str] = {}

    def label_of(assessment: FeeAssessment) -> str:
        if assessment.id not in labels:
            band = session.get(FeeBand, assessment.fee_band_id) if assessment.fee_band_id else None
            if band is None:
                labels[assessment.id or 0] = _("no band")
            else:
                scale = session.get_one(FeeScale, band.fee_scale_id)
                info = fees.FeeBandInfo(
                    band.id or 0,
                    band.position,
                    band.label,
                    band.income_from,
                    band.income_to,
                    to_euros(band.fee_cents),
                )
                labels[assessment.id or 0] = (
                    f"{scale.name}: {fees.band_label(info, FeeBasis(scale.basis))}"
                )
        return labels[assessment.id or 0]

    counts: dict[str, int] = defaultdict(int)
    assessed: dict[str, Decimal] = defaultdict(lambda: ZERO)
    waived: dict[str, Decimal] = defaultdict(lambda: ZERO)
    outstanding: dict[str, Decimal] = defaultdict(lambda: ZERO)
    paid: dict[str, Decimal] = defaultdict(lambda: ZERO)
    # Paid per band comes from the same payments as the totals per method (and the export).
    for assessment_id, amount in paid_by_assessment.items():
        paid[label_of(session.get_one(FeeAssessment, assessment_id))] += amount
    open_balances = []
    for assessment, enrollment, course in session.exec(query):
        label = label_of(assessment)
        counts[label] += 1
        assessed[label] += to_euros(assessment.amount_cents)
        for waiver in session.exec(select(Waiver).where(Waiver.fee_assessment_id == assessment.id)):
            if code or (
                first is not None and last is not None and first <= waiver.granted_on <= last
            ):
                waived[label] += to_euros(waiver.amount_cents)
        left = to_euros(fees.balance_of(session, assessment).outstanding)
        outstanding[label] += left
        if left > 0:
            partners = session.exec(
                select(Partner)
                .where(Partner.couple_id == enrollment.couple_id)
                .order_by(col(Partner.position))
            ).all()
            names = " & ".join(
                list_name(p.given_name, p.name_prefix, p.family_name) for p in partners
            )
            open_balances.append(OpenBalance(course.code, names, left))
    band_labels = sorted(set(counts) | set(paid))
    organisation = session.exec(select(Organisation)).first()
    return FeeSummary(
        organisation=organisation.name if organisation else "",
        logo=organisation.logo_png if organisation else None,
        scope=code or "",
        course_code=code,
        first=first,
        last=last,
        bands=tuple(
            BandTotal(
                label,
                counts[label],
                assessed[label],
                paid[label],
                waived[label],
                outstanding[label],
            )
            for label in band_labels
        ),
        methods=tuple(sorted(by_method.items(), key=lambda mv: list(PaymentMethod).index(mv[0]))),
        open_balances=tuple(
            sorted(open_balances, key=lambda o: (o.course_code, o.names.casefold()))
        ),
    )
