"""Does the course help? The outcome figures of a course, or of the courses that started in a
period: per questionnaire and wave the number of partners, mean and standard deviation; from
before to after and to the follow-up the mean change with its 95% confidence interval and the
paired effect size d_z; and, where the questionnaire has a reference SD and reliability, how
many partners recovered, improved, stayed the same or deteriorated (reliable change index).

A cell with fewer than five partners is not shown, and a count of one to four is shown as
"< 5" (with a second count left out where the others would give it away)."""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from holdmetight.domain.couple import Consent, Couple, Enrollment, Partner
from holdmetight.domain.course import Course
from holdmetight.domain.enums import ConsentPurpose, CourseStatus, OutcomeWave
from holdmetight.domain.instruments import Change, Definition
from holdmetight.domain.names import fold
from holdmetight.domain.organisation import Organisation
from holdmetight.domain.outcome_statistics import PairedChange, describe, paired_change
from holdmetight.domain.outcomes import OutcomeInstrument, OutcomeScore
from holdmetight.errors import NotFoundError, RuleError, ValidationError
from holdmetight.i18n import _
from holdmetight.services.clock import local_now
from holdmetight.services.instruments import InstrumentInfo, info
from holdmetight.services.municipality_report import protected
from holdmetight.services.transaction import read_only

SMALLEST_SHOWN = 5
# The fewest scores before the course whose SD stands in for a missing reference SD.
SAMPLE_SD_FROM = 20
HIDDEN = f"< {SMALLEST_SHOWN}"
LEFT_OUT = "–"
# The changes reported: from before the course to right after it, and to the follow-up.
CHANGES = (
    (OutcomeWave.PRE, OutcomeWave.POST),
    (OutcomeWave.PRE, OutcomeWave.FOLLOW_UP),
)


@dataclass(frozen=True)
class Selection:
    """One course, or the courses whose first meeting lies in a period; optionally only the
    couples of one municipality."""

    course_code: str | None = None
    first: date | None = None
    last: date | None = None

    def check(self) -> None:
        if self.course_code is None and (self.first is None or self.last is None):
            raise ValidationError(_("Give a course, or a period with its first and last day."))
        if self.first is not None and self.last is not None and self.last < self.first:
            raise ValidationError(_("The period must end after it starts."))


@dataclass(frozen=True)
class Score:
    """One partner's score, as the figures use it."""

    course_code: str
    municipality: str
    couple_id: int
    partner_id: int
    partner: int
    instrument_id: int
    wave: OutcomeWave
    score: Decimal


@dataclass(frozen=True)
class WaveFigures:
    wave: OutcomeWave
    n: int
    mean: float | None  # None: fewer than five partners
    sd: float | None


@dataclass(frozen=True)
class ChangeFigures:
    from_wave: OutcomeWave
    to_wave: OutcomeWave
    n: int
    change: PairedChange | None  # None: fewer than five partners
    # Partners per reliable-change category; None without a reference SD and reliability.
    categories: dict[Change, int] | None


@dataclass(frozen=True)
class InstrumentFigures:
    instrument: InstrumentInfo
    waves: tuple[WaveFigures, ...]
    changes: tuple[ChangeFigures, ...]
    # The SD of the scores before the course that the reliable change index used, where the
    # questionnaire has no reference SD of its own; None when it has one (or none is counted).
    sample_sd: float | None = None

    @property
    def counts_change(self) -> bool:
        """Whether reliable change is counted (with a reference SD or the sample's)."""
        return self.instrument.definition.has_change_index or self.sample_sd is not None


@dataclass(frozen=True)
class OutcomeFigures:
    selection: Selection
    courses: tuple[str, ...]  # the course codes counted
    instruments: tuple[InstrumentFigures, ...]


def selected_courses(session: Session, selection: Selection) -> list[Course]:
    selection.check()
    if selection.course_code is not None:
        course = session.exec(
            select(Course).where(Course.code == selection.course_code.strip().upper())
        ).first()
        if course is None:
            raise NotFoundError(
                _("There is no course with code {code}.").format(code=selection.course_code)
            )
        return [course]
    return list(
        session.exec(
            select(Course)
            .where(Course.status != CourseStatus.CANCELLED)
            .where(col(Course.first_date) >= selection.first)
            .where(col(Course.first_date) <= selection.last)
            .order_by(col(Course.first_date), col(Course.code))
        )
    )


def read_scores(session: Session, courses: Iterable[Course]) -> list[Score]:
    codes = {course.id: course.code for course in courses}
    if not codes:
        return []
    rows = session.execute(
        select_columns(
            col(Enrollment.course_id),
            col(Couple.municipality),
            col(Couple.id),
            col(Partner.id),
            col(Partner.position),
            col(OutcomeScore.instrument_id),
            col(OutcomeScore.wave),
            col(OutcomeScore.score),
        )
        .join(Enrollment, col(Enrollment.id) == OutcomeScore.enrollment_id)
        .join(Couple, col(Couple.id) == Enrollment.couple_id)
        .join(Partner, col(Partner.id) == OutcomeScore.partner_id)
        .where(col(Enrollment.course_id).in_(list(codes)))
    )
    return [
        Score(
            course_code=codes[row[0]],
            municipality=row[1],
            couple_id=row[2],
            partner_id=row[3],
            partner=row[4],
            instrument_id=row[5],
            wave=row[6],  # the column gives the member itself
            score=row[7],
        )
        for row in rows
    ]


def figures_of(
    scores: list[Score], instruments: dict[int, InstrumentInfo]
) -> tuple[InstrumentFigures, ...]:
    """The figures of these scores, per questionnaire in code order."""
    per_instrument: dict[int, dict[OutcomeWave, dict[tuple[str, int], Decimal]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for s in scores:
        # A partner is counted once per course they took part in.
        per_instrument[s.instrument_id][s.wave][(s.course_code, s.partner_id)] = s.score
    result = []
    for instrument_id, by_wave in per_instrument.items():
        instrument = instruments[instrument_id]
        waves = []
        for wave in OutcomeWave:
            values = list(by_wave.get(wave, {}).values())
            if not values:
                continue
            if len(values) < SMALLEST_SHOWN:
                waves.append(WaveFigures(wave, len(values), None, None))
            else:
                described = describe(values)
                waves.append(WaveFigures(wave, described.n, described.mean, described.sd))
        definition, sample_sd = _with_spread(instrument.definition, by_wave)
        changes = []
        for from_wave, to_wave in CHANGES:
            before, after = by_wave.get(from_wave, {}), by_wave.get(to_wave, {})
            both = [(before[k], after[k]) for k in before if k in after]
            if not both:
                continue
            if len(both) < SMALLEST_SHOWN:
                changes.append(ChangeFigures(from_wave, to_wave, len(both), None, None))
                continue
            categories = None
            if definition.has_change_index:
                categories = {c: 0 for c in Change}
                for a, b in both:
                    found = definition.change(a, b)
                    assert found is not None
                    categories[found] += 1
            changes.append(
                ChangeFigures(from_wave, to_wave, len(both), paired_change(both), categories)
            )
        result.append(
            InstrumentFigures(instrument, tuple(waves), tuple(changes), sample_sd=sample_sd)
        )
    return tuple(sorted(result, key=lambda f: f.instrument.code))


def _with_spread(
    definition: Definition, by_wave: dict[OutcomeWave, dict[tuple[str, int], Decimal]]
) -> tuple[Definition, float | None]:
    """The definition the reliable change index is counted with. Without a reference SD but
    with a reliability, the SD of the partners' scores before the course stands in for it, as
    Jacobson & Truax (1991) do with the pre-treatment group (at least twenty partners)."""
    if definition.reference_sd is not None or definition.reliability is None:
        return definition, None
    before = list(by_wave.get(OutcomeWave.PRE, {}).values())
    if len(before) < SAMPLE_SD_FROM:
        return definition, None
    spread = describe(before).sd
    if not spread:
        return definition, None
    return replace(definition, reference_sd=Decimal(repr(spread))), spread


def instruments_by_id(session: Session) -> dict[int, InstrumentInfo]:
    return {i.id or 0: info(i) for i in session.exec(select(OutcomeInstrument))}


@read_only
def outcome_figures(session: Session, /, *, selection: Selection) -> OutcomeFigures:
    courses = selected_courses(session, selection)
    scores = read_scores(session, courses)
    return OutcomeFigures(
        selection=selection,
        courses=tuple(c.code for c in courses),
        instruments=figures_of(scores, instruments_by_id(session)),
    )


def shown_count(count: int) -> int | str:
    return HIDDEN if 0 < count < SMALLEST_SHOWN else count


def shown_categories(categories: dict[Change, int]) -> dict[Change, int | str]:
    """Counts of 1 to 4 as "< 5", and a second count left out where the others would give a
    hidden one away: the rule of the municipality report's bands, which also add up to a total
    shown. Where no second count protects them, every count is left out: the number of
    partners stays, and with it the means, the interval and d_z (from which it follows)."""
    order = list(categories)
    counts = [categories[c] for c in order]
    protection = protected(sum(counts), 0, counts)
    if protection.started:
        return dict.fromkeys(order, LEFT_OUT)
    return {
        c: LEFT_OUT if i in protection.bands else shown_count(categories[c])
        for i, c in enumerate(order)
    }


@dataclass(frozen=True)
class RawRow:
    course: str
    couple: str
    partner: str
    instrument: str
    wave: OutcomeWave
    score: Decimal


def pseudonym(key: str, kind: str, number: int) -> str:
    """A number that stands for a couple or partner in this database's research files: the
    same in every export, not the number the application shows, and not to be traced back
    without ``key`` (the organisation's secret)."""
    digest = hmac.new(key.encode(), f"{kind}:{number}".encode(), hashlib.sha256).hexdigest()
    return str(int(digest[:15], 16) % 10**12).zfill(12)


@read_only
def research_rows(session: Session, /, *, selection: Selection) -> list[RawRow]:
    """Every score of the partners who agreed to anonymous use in research (on the day of the
    export), with couples and partners as pseudonymous numbers."""
    courses = selected_courses(session, selection)
    scores = read_scores(session, courses)
    today = local_now(session).date()
    agreed = {
        partner_id
        for partner_id, given_on, withdrawn_on in session.execute(
            select_columns(
                col(Consent.partner_id), col(Consent.given_on), col(Consent.withdrawn_on)
            ).where(col(Consent.purpose) == ConsentPurpose.RESEARCH)
        )
        if given_on <= today and (withdrawn_on is None or withdrawn_on > today)
    }
    key = session.exec(select(Organisation.research_key)).first() or ""
    if not key:
        raise RuleError(
            _(
                "The organisation's details are not saved yet (File, Settings): there is no "
                "key for the pseudonyms."
            )
        )
    codes = {i.id: i.code for i in session.exec(select(OutcomeInstrument))}
    waves = list(OutcomeWave)
    rows = [
        RawRow(
            course=s.course_code,
            couple=pseudonym(key, "couple", s.couple_id),
            partner=pseudonym(key, "partner", s.partner_id),
            instrument=codes[s.instrument_id],
            wave=s.wave,
            score=s.score,
        )
        for s in scores
        if s.partner_id in agreed
    ]
    return sorted(
        rows, key=lambda r: (r.course, r.couple, r.partner, r.instrument, waves.index(r.wave))
    )


@read_only
def municipality_outcomes(
    session: Session, /, *, first: date, last: date
) -> list[tuple[str, InstrumentFigures]]:
    """The figures of the courses starting in the period, per municipality of the couples
    ("" where it is not known) and questionnaire, for the funders' report."""
    courses = selected_courses(session, Selection(first=first, last=last))
    instruments = instruments_by_id(session)
    by_municipality: dict[str, list[Score]] = defaultdict(list)
    for s in read_scores(session, courses):
        by_municipality[s.municipality].append(s)
    return [
        (municipality, figures)
        for municipality in sorted(by_municipality, key=lambda m: (fold(m), m))
        for figures in figures_of(by_municipality[municipality], instruments)
    ]
