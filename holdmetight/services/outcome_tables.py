"""The outcome figures as tables: for the screen and the PDF (in the user's language), and as
files for researchers and for checking, with stable English column names whatever the language:
the raw scores (``outcomes``) and the summary of the changes (``outcomes-summary``)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session

from holdmetight.domain.enums import OutcomeWave
from holdmetight.domain.instruments import Change
from holdmetight.i18n import _, capitalised, format_exact, format_number, using_language
from holdmetight.services.outcome_figures import (
    LEFT_OUT,
    SMALLEST_SHOWN,
    ChangeFigures,
    InstrumentFigures,
    Score,
    Selection,
    WaveFigures,
    figures_of,
    instruments_by_id,
    read_scores,
    research_rows,
    selected_courses,
    shown_categories,
    shown_count,
)
from holdmetight.services.tables import Cell, Column, Kind, Table
from holdmetight.services.transaction import read_only

PLACES = Decimal("0.001")
ALL_COURSES = "all"
CATEGORIES = (Change.RECOVERED, Change.IMPROVED, Change.UNCHANGED, Change.DETERIORATED)


def rounded(value: float | None, places: Decimal = PLACES) -> Decimal | None:
    if value is None:
        return None
    return Decimal(repr(value)).quantize(places, rounding=ROUND_HALF_UP)


def category_label(change: Change) -> str:
    return {
        Change.RECOVERED: _("Recovered"),
        Change.IMPROVED: _("Improved"),
        Change.UNCHANGED: _("Unchanged"),
        Change.DETERIORATED: _("Deteriorated"),
    }[change]


def wave_columns() -> tuple[Column, ...]:
    return (
        Column(_("Wave")),
        Column(_("Partners"), Kind.COUNT),
        Column(_("Mean"), Kind.NUMBER),
        Column(_("SD"), Kind.NUMBER),
    )


def wave_cells(wave: WaveFigures) -> tuple[Cell, ...]:
    hidden = wave.mean is None
    return (
        capitalised(wave.wave.label),
        shown_count(wave.n),
        LEFT_OUT if hidden else rounded(wave.mean, Decimal("0.01")),
        LEFT_OUT if hidden or wave.sd is None else rounded(wave.sd, Decimal("0.01")),
    )


def change_columns(*, with_categories: bool) -> tuple[Column, ...]:
    columns: tuple[Column, ...] = (
        Column(_("From – to")),
        Column(_("Partners"), Kind.COUNT),
        Column(_("Mean before"), Kind.NUMBER),
        Column(_("Mean after"), Kind.NUMBER),
        Column(_("Mean change"), Kind.NUMBER),
        Column(_("95% CI")),
        Column("d_z", Kind.NUMBER),
    )
    if with_categories:
        columns += tuple(Column(category_label(c), Kind.COUNT) for c in CATEGORIES)
    return columns


def change_cells(change: ChangeFigures, *, with_categories: bool) -> tuple[Cell, ...]:
    two = Decimal("0.01")
    found = change.change
    label = capitalised(f"{change.from_wave.label} – {change.to_wave.label}")
    if found is None:
        cells: tuple[Cell, ...] = (label, shown_count(change.n), *([LEFT_OUT] * 5))
    else:
        interval: Cell = LEFT_OUT
        if found.ci_low is not None and found.ci_high is not None:
            low, high = rounded(found.ci_low, two), rounded(found.ci_high, two)
            assert low is not None and high is not None
            interval = f"{format_exact(low)} – {format_exact(high)}"
        cells = (
            label,
            change.n,
            rounded(found.mean_from, two),
            rounded(found.mean_to, two),
            rounded(found.mean_change, two),
            interval,
            LEFT_OUT if found.d_z is None else rounded(found.d_z, two),
        )
    if with_categories:
        if change.categories is None:
            cells += (LEFT_OUT,) * len(CATEGORIES)
        else:
            shown = shown_categories(change.categories)
            cells += tuple(shown[c] for c in CATEGORIES)
    return cells


def scoring_line(figures: InstrumentFigures) -> str:
    """How to read the questionnaire's scores: its range, direction and cut-off."""
    d = figures.instrument.definition
    parts = [
        _("Scores from {low} to {high}").format(
            low=format_number(d.score_min), high=format_number(d.score_max)
        ),
        _("higher is better") if d.higher_is_better else _("lower is better"),
    ]
    if d.cutoff is not None:
        parts.append(_("cut-off {value}").format(value=format_number(d.cutoff)))
    line = "; ".join(parts) + "."
    if figures.sample_sd is not None:
        line += " " + _(
            "Reliable change is counted with the SD of these partners' scores before the course "
            "({sd}), as the questionnaire has no reference SD."
        ).format(sd=format_exact(Decimal(repr(figures.sample_sd)).quantize(Decimal("0.01"))))
    elif not figures.counts_change:
        line += " " + _(
            "Reliable change is not counted: the questionnaire has no reference SD and "
            "reliability (Programmes, Questionnaires…)."
        )
    return line


def explanation() -> str:
    return _(
        "Partners: those who filled in the questionnaire at that wave; a change counts the "
        "partners who filled it in at both. Mean change: after minus before, with its 95% "
        "confidence interval. d_z: the paired effect size, the mean change divided by the "
        "standard deviation of the changes (0.2 small, 0.5 medium, 0.8 large); its sign "
        "follows the change. Recovered, improved, unchanged, deteriorated: by the reliable "
        "change index (Jacobson & Truax), where the questionnaire has a reference standard "
        "deviation and reliability; recovered is a reliable improvement that crosses the "
        "cut-off. Fewer than {n} partners: not shown (\u201c< {n}\u201d, \u201c\u2013\u201d)."
    ).format(n=SMALLEST_SHOWN)


def with_categories(figures: InstrumentFigures) -> bool:
    return figures.counts_change


# The files' columns: the same names in every language, for a researcher's script.
RESEARCH_COLUMNS = (
    Column("course"),
    Column("couple"),
    Column("partner"),
    Column("instrument"),
    Column("wave"),
    Column("score", Kind.NUMBER),
)
SUMMARY_COLUMNS = (
    Column("course"),
    Column("instrument"),
    Column("from_wave"),
    Column("to_wave"),
    Column("n", Kind.COUNT),
    Column("mean_from", Kind.NUMBER),
    Column("mean_to", Kind.NUMBER),
    Column("mean_change", Kind.NUMBER),
    Column("ci_low", Kind.NUMBER),
    Column("ci_high", Kind.NUMBER),
    Column("d", Kind.NUMBER),
    *(Column(c.value, Kind.COUNT) for c in CATEGORIES),
)


@read_only
def research_table(session: Session, /, *, selection: Selection, language: str) -> Table:
    """Every score of the partners who agreed to research use, under pseudonymous numbers."""
    rows = research_rows(session, selection=selection)
    with using_language(language):
        return Table(
            title=_("Outcomes"),
            columns=RESEARCH_COLUMNS,
            rows=[
                (r.course, r.couple, r.partner, r.instrument, r.wave.value, r.score) for r in rows
            ],
            language=language,
        )


def _summary_rows(course: str, figures: Sequence[InstrumentFigures]) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    for instrument in figures:
        for change in instrument.changes:
            found = change.change
            head: tuple[Cell, ...] = (
                course,
                instrument.instrument.code,
                change.from_wave.value,
                change.to_wave.value,
            )
            if found is None:
                rows.append((*head, shown_count(change.n), *([None] * 10)))
                continue
            categories: tuple[Cell, ...] = (None,) * len(CATEGORIES)
            if change.categories is not None:
                shown = shown_categories(change.categories)
                categories = tuple(shown[c] for c in CATEGORIES)
            rows.append(
                (
                    *head,
                    change.n,
                    rounded(found.mean_from),
                    rounded(found.mean_to),
                    rounded(found.mean_change),
                    rounded(found.ci_low),
                    rounded(found.ci_high),
                    rounded(found.d_z),
                    *categories,
                )
            )
    return rows


def protected_courses(rows: list[tuple[Cell, ...]]) -> list[tuple[Cell, ...]]:
    """Leave out more course rows where the total of all courses minus the rows shown would
    give the hidden ones away: per questionnaire and change, the partners of the hidden rows
    must add up to none or to at least five; else the smallest row shown is left out too (and
    in the end the total)."""
    groups: dict[tuple[Cell, ...], list[int]] = {}
    totals: dict[tuple[Cell, ...], int] = {}
    for index, row in enumerate(rows):
        if row[0] == ALL_COURSES:
            totals[row[1:4]] = index
        else:
            groups.setdefault(row[1:4], []).append(index)
    result = list(rows)
    for key, indexes in groups.items():
        total = totals.get(key)
        all_n = _partners(rows[total]) if total is not None else None
        if total is None or all_n is None:
            continue
        shown = {i: n for i in indexes if (n := _partners(result[i])) is not None}
        hidden = all_n - sum(shown.values())
        while 0 < hidden < SMALLEST_SHOWN:
            if not shown:
                result[total] = _left_out(result[total])
                break
            smallest = min(shown, key=lambda i: shown[i])
            hidden += shown.pop(smallest)
            result[smallest] = _left_out(result[smallest])
    return result


def _partners(row: tuple[Cell, ...]) -> int | None:
    """The partners a summary row shows (None: hidden or left out)."""
    return row[4] if isinstance(row[4], int) else None


def _left_out(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
    return (*row[:4], LEFT_OUT, *([None] * (len(row) - 5)))


@read_only
def summary_table(session: Session, /, *, selection: Selection, language: str) -> Table:
    """The changes per course, and for a period over all its courses together ("all"); the
    scores are read once."""
    courses = selected_courses(session, selection)
    scores = read_scores(session, courses)
    instruments = instruments_by_id(session)
    per_course: dict[str, list[Score]] = {}
    for score in scores:
        per_course.setdefault(score.course_code, []).append(score)
    rows: list[tuple[Cell, ...]] = []
    for course in courses:
        rows += _summary_rows(course.code, figures_of(per_course.get(course.code, []), instruments))
    if selection.course_code is None:
        rows = protected_courses(rows + _summary_rows(ALL_COURSES, figures_of(scores, instruments)))
    with using_language(language):
        return Table(
            title=_("Outcomes summary"), columns=SUMMARY_COLUMNS, rows=rows, language=language
        )


def municipality_columns() -> tuple[Column, ...]:
    return (
        Column(_("Municipality")),
        Column(_("Questionnaire")),
        *change_columns(with_categories=False),
    )


def municipality_rows(
    outcomes: Sequence[tuple[str, InstrumentFigures]], language: str, *, shown_only: bool = False
) -> list[tuple[Cell, ...]]:
    """One row per municipality, questionnaire and change, as the report publishes them;
    ``shown_only`` leaves out the rows with too few partners to show anything."""
    return [
        (
            municipality or _("(unknown)"),
            figures.instrument.name_in(language),
            *change_cells(change, with_categories=False),
        )
        for municipality, figures in outcomes
        for change in figures.changes
        if not shown_only or change.change is not None
    ]


def municipality_wide(
    outcomes: list[tuple[str, InstrumentFigures]], municipalities: list[str]
) -> tuple[tuple[Column, ...], dict[str, tuple[Cell, ...]]]:
    """The same figures as extra columns of the municipality table (a row per municipality):
    per questionnaire and change the partners, the mean change and d_z."""
    keys = sorted(
        {(f.instrument.code, c.from_wave, c.to_wave) for _m, f in outcomes for c in f.changes},
        key=lambda k: (k[0], list(OutcomeWave).index(k[2])),
    )
    columns: list[Column] = []
    for code, from_wave, to_wave in keys:
        which = f"{code} {from_wave.label} – {to_wave.label}"
        columns += [
            Column(_("{which}: partners").format(which=which), Kind.COUNT),
            Column(_("{which}: mean change").format(which=which), Kind.NUMBER),
            Column(_("{which}: d_z").format(which=which), Kind.NUMBER),
        ]
    found: dict[tuple[str, tuple[str, OutcomeWave, OutcomeWave]], ChangeFigures] = {
        (m, (f.instrument.code, c.from_wave, c.to_wave)): c for m, f in outcomes for c in f.changes
    }
    rows: dict[str, tuple[Cell, ...]] = {}
    for municipality in municipalities:
        cells: tuple[Cell, ...] = ()
        for key in keys:
            change = found.get((municipality, key))
            if change is None:
                cells += (None, None, None)
            elif change.change is None:
                cells += (shown_count(change.n), LEFT_OUT, LEFT_OUT)
            else:
                d_z = change.change.d_z
                cells += (
                    change.n,
                    rounded(change.change.mean_change, Decimal("0.01")),
                    LEFT_OUT if d_z is None else rounded(d_z, Decimal("0.01")),
                )
        rows[municipality] = cells
    return tuple(columns), rows
