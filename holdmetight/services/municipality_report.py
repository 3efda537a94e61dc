"""Anonymous figures per municipality for the funders: no names, and small counts hidden.

Counts below five are shown as "< 5" (and the amounts and median behind them are left out,
shown as "–"), so that no couple can be recognised in a small municipality. The same texts
stand in the PDF and in the spreadsheets, where every other cell is a number.

A hidden count must not be worked out from the others either (secondary suppression). In a
row the income bands add up to the couples started, and the fees assessed, paid and waived
follow the bands (the fee scale is public): so where a band's count is hidden, the amounts
are left out, and a second count is left out ("–") wherever the started total and the counts
shown would otherwise pin the hidden ones down; one of the other bands when that leaves every
hidden count open, else the started total itself (and the couples withdrawn, when all of them
withdrew). :func:`protected` decides; the tests check that no hidden count can be derived.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import median
from typing import Any

from sqlalchemy import Row, func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from holdmetight.domain.couple import Couple, Enrollment, Intake
from holdmetight.domain.course import GroupSession
from holdmetight.domain.enums import EnrollmentStatus, GroupSessionStatus, IntakeOutcome
from holdmetight.domain.fees import FeeAssessment, FeeBand, Payment, Waiver
from holdmetight.domain.money import to_euros
from holdmetight.domain.names import fold
from holdmetight.errors import ValidationError
from holdmetight.i18n import _, format_number
from holdmetight.services.clock import local_dates
from holdmetight.services.tables import Cell, Column, Kind
from holdmetight.services.transaction import read_only

SMALLEST_SHOWN = 5
STARTED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.WITHDRAWN)


@dataclass(frozen=True)
class Band:
    """An income band as counted: its place in its fee scale and its own name, if it has one;
    no place for couples without a fee assessed. Named in the language of the document."""

    position: int | None = None
    label: str = ""

    @property
    def name(self) -> str:
        if self.position is None:
            return _("no band")
        return self.label or _("band {n}").format(n=self.position)


NO_BAND = Band()


@dataclass
class MunicipalityFigures:
    municipality: str  # "" where the couple's municipality is not known
    started: int = 0
    completed: int = 0
    withdrawn: int = 0
    referred: int = 0
    bands: Counter[Band] = field(default_factory=Counter)
    assessed: Decimal = Decimal("0.00")
    paid: Decimal = Decimal("0.00")
    waived: Decimal = Decimal("0.00")
    # Days from application to the course's first meeting, per couple that started.
    waits: list[int] = field(default_factory=list)

    @property
    def median_wait(self) -> float | None:
        return float(median(self.waits)) if self.waits else None


HIDDEN = f"< {SMALLEST_SHOWN}"  # a count too small to publish
LEFT_OUT = "–"  # an amount or median with fewer than five couples behind it


def shown(count: int) -> int | str:
    """A count as it may be published: "< 5" below five."""
    return HIDDEN if 0 < count < SMALLEST_SHOWN else count


def shown_amount(amount: Decimal, couples: int) -> Decimal | str:
    """Money only where at least five couples stand behind it."""
    return LEFT_OUT if couples < SMALLEST_SHOWN else amount


def shown_days(days: float | None, couples: int) -> int | Decimal | str:
    """A median number of days only where at least five couples stand behind it."""
    if days is None or couples < SMALLEST_SHOWN:
        return LEFT_OUT
    return int(days) if days.is_integer() else Decimal(str(days))


def _band(enrollment: Row[Any]) -> Band:
    if enrollment.band_id is None:
        return NO_BAND
    return Band(enrollment.band_position, enrollment.band_label or "")


def _per_assessment(
    session: Session, table: type[Payment] | type[Waiver], first: date, last: date
) -> dict[int, Decimal]:
    """Payments (or waivers) made in the period, added up per assessment."""
    day = col(Payment.paid_on) if table is Payment else col(Waiver.granted_on)
    rows = session.exec(
        select(table.fee_assessment_id, func.sum(table.amount_cents))
        .where(day >= first, day <= last)
        .group_by(col(table.fee_assessment_id))
    )
    return {assessment_id: to_euros(cents) for assessment_id, cents in rows}


@read_only
def municipality_report(
    session: Session, /, *, first: date, last: date
) -> list[MunicipalityFigures]:
    """Courses starting in the period: couples started and withdrawn, their income bands and
    fees; courses ending in it: couples completed; intakes in it that referred a couple."""
    if last < first:
        raise ValidationError(_("The period must end after it starts."))
    # A course starting or ending in the period meets in it: only those courses are read.
    meets = (
        select(GroupSession.course_id)
        .where(GroupSession.status != GroupSessionStatus.CANCELLED)
        .where(col(GroupSession.date) >= first, col(GroupSession.date) <= last)
        .distinct()
    )
    spans = {
        course_id: (start, end)
        for course_id, start, end in session.exec(
            select(GroupSession.course_id, func.min(GroupSession.date), func.max(GroupSession.date))
            .where(GroupSession.status != GroupSessionStatus.CANCELLED)
            .where(col(GroupSession.course_id).in_(meets))
            .group_by(col(GroupSession.course_id))
        )
    }
    figures: dict[str, MunicipalityFigures] = {}

    def of(municipality: str) -> MunicipalityFigures:
        return figures.setdefault(municipality, MunicipalityFigures(municipality))

    started_assessments: dict[int, str] = {}
    local = local_dates(session)
    for enrollment in session.execute(
        select_columns(
            col(Enrollment.course_id).label("course_id"),
            col(Enrollment.status).label("status"),
            col(Enrollment.placed_at).label("placed_at"),
            col(Enrollment.applied_at).label("applied_at"),
            col(Couple.municipality).label("municipality"),
            col(FeeAssessment.id).label("assessment_id"),
            col(FeeAssessment.amount_cents).label("amount_cents"),
            col(FeeBand.id).label("band_id"),
            col(FeeBand.label).label("band_label"),
            col(FeeBand.position).label("band_position"),
        )
        .join(Couple, col(Couple.id) == Enrollment.couple_id)
        .outerjoin(FeeAssessment, col(FeeAssessment.enrollment_id) == Enrollment.id)
        .outerjoin(FeeBand, col(FeeBand.id) == FeeAssessment.fee_band_id)
        .where(col(Enrollment.course_id).in_(list(spans)))
    ):
        start, end = spans[enrollment.course_id]
        status = EnrollmentStatus(enrollment.status)
        row = of(enrollment.municipality)
        had_place = enrollment.placed_at is not None
        if first <= start <= last and status in STARTED and had_place:
            row.started += 1
            row.waits.append(max((start - local(enrollment.applied_at)).days, 0))
            row.withdrawn += status is EnrollmentStatus.WITHDRAWN
            if enrollment.assessment_id is not None:
                row.bands[_band(enrollment)] += 1
                row.assessed += to_euros(enrollment.amount_cents)
                started_assessments[enrollment.assessment_id] = row.municipality
            else:
                row.bands[NO_BAND] += 1
        if first <= end <= last and status is EnrollmentStatus.COMPLETED:
            row.completed += 1
        if status is EnrollmentStatus.REFERRED and first <= start <= last:
            row.referred += 1
    for municipality in session.exec(
        select(Couple.municipality)
        .join(Intake, col(Intake.couple_id) == Couple.id)
        .where(col(Intake.date) >= first, col(Intake.date) <= last)
        .where(Intake.outcome == IntakeOutcome.REFER)
    ):
        of(municipality).referred += 1
    paid = _per_assessment(session, Payment, first, last)
    waived = _per_assessment(session, Waiver, first, last)
    for assessment_id, municipality in started_assessments.items():
        figures[municipality].paid += paid.get(assessment_id, Decimal("0.00"))
        figures[municipality].waived += waived.get(assessment_id, Decimal("0.00"))
    return sorted(figures.values(), key=lambda f: (fold(f.municipality), f.municipality))


def municipality_name(figures: MunicipalityFigures) -> str:
    return figures.municipality or _("(unknown)")


def bands_counted(report: list[MunicipalityFigures]) -> list[Band]:
    """The bands with couples in them, in their order in the scale, "no band" last."""
    return sorted(
        {band for row in report for band in row.bands},
        key=lambda b: (b.position is None, b.position or 0, fold(b.name), b.name),
    )


@dataclass(frozen=True)
class Protection:
    """Which counts of one row are left out to protect the small ones (by band index)."""

    bands: frozenset[int] = frozenset()
    started: bool = False
    withdrawn: bool = False

    @property
    def amounts(self) -> bool:
        """Whether the row's amounts are left out (they would give the bands away)."""
        return self.started or bool(self.bands)


def _small(count: int) -> bool:
    return 0 < count < SMALLEST_SHOWN


def protected(started: int, withdrawn: int, bands: list[int]) -> Protection:
    """What else to leave out of a row whose band counts are ``bands`` (they add up to
    ``started``) so that no count hidden as "< 5" can be worked out.

    With hidden counts x (each 1–4) and the started total shown, the x add up to a known D. A
    second band y (at least 5, hidden too) leaves every one of them open exactly when
    D + y is at least the number of hidden bands plus 6; two or more hidden bands alone are
    open when D lies strictly between its smallest and largest possible sums. Otherwise the
    started total is left out, and with it the couples withdrawn when all of them withdrew
    (the withdrawn count is a floor under the total). A started total itself below five leaves
    out how its couples fall over the bands."""
    if _small(started):
        # Fewer than five couples over the bands: which bands they fall in is left out too
        # (four of them, one in each of four bands, would otherwise be ones).
        return Protection(bands=frozenset(range(len(bands))))
    small = [i for i, count in enumerate(bands) if _small(count)]
    if not small:
        return Protection()
    k = len(small)
    hidden_sum = sum(bands[i] for i in small)
    if k >= 2 and k < hidden_sum < 4 * k:
        return Protection(bands=frozenset())
    others = sorted((count, i) for i, count in enumerate(bands) if count >= SMALLEST_SHOWN)
    if others and hidden_sum + others[0][0] >= k + 6:
        return Protection(bands=frozenset({others[0][1]}))
    return Protection(started=True, withdrawn=withdrawn == started)


def published(
    report: list[MunicipalityFigures],
) -> tuple[tuple[Column, ...], list[tuple[Cell, ...]]]:
    """Columns and rows as they may be published: counts, days and amounts as numbers, small
    counts hidden and the amounts behind them left out (as texts), for the PDF and the
    spreadsheets."""
    bands = bands_counted(report)
    columns = (
        Column(_("municipality")),
        Column(_("started"), Kind.COUNT),
        Column(_("completed"), Kind.COUNT),
        Column(_("withdrawn"), Kind.COUNT),
        Column(_("referred"), Kind.COUNT),
        *(Column(band.name, Kind.COUNT) for band in bands),
        Column(_("median days from application to first meeting"), Kind.NUMBER),
        Column(_("fees assessed"), Kind.AMOUNT),
        Column(_("paid"), Kind.AMOUNT),
        Column(_("waived"), Kind.AMOUNT),
    )
    rows: list[tuple[Cell, ...]] = []
    for row in report:
        counts = [row.bands.get(b, 0) for b in bands]
        protection = protected(row.started, row.withdrawn, counts)
        amount_basis = 0 if protection.amounts or any(map(_small, counts)) else row.started
        rows.append(
            (
                municipality_name(row),
                LEFT_OUT if protection.started else shown(row.started),
                shown(row.completed),
                LEFT_OUT if protection.withdrawn else shown(row.withdrawn),
                shown(row.referred),
                *[
                    LEFT_OUT if i in protection.bands else shown(count)
                    for i, count in enumerate(counts)
                ],
                shown_days(row.median_wait, row.started),
                shown_amount(row.assessed, amount_basis),
                shown_amount(row.paid, amount_basis),
                shown_amount(row.waived, amount_basis),
            )
        )
    return columns, rows


def as_rows(
    report: list[MunicipalityFigures], format_money: Callable[[Decimal], str]
) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and rows as published, as text for the PDF: amounts formatted as money."""
    columns, rows = published(report)

    def text(value: Cell, kind: Kind) -> str:
        if isinstance(value, Decimal) and kind is Kind.AMOUNT:
            return format_money(value)
        if isinstance(value, int | Decimal):
            return format_number(value)
        return "" if value is None else str(value)

    kinds = [column.kind for column in columns]
    return (
        tuple(column.title for column in columns),
        [tuple(text(v, k) for v, k in zip(row, kinds, strict=True)) for row in rows],
    )
