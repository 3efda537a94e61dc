"""Questionnaires for outcome measurement: the shipped definitions (resources/instruments/) and
the organisation's own, among them total-score-only ones for licensed questionnaires filled in
on paper."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlmodel import Session, col, select

from holdmetight.domain import instruments as rules
from holdmetight.domain.enums import OutcomeWave, Scoring
from holdmetight.domain.outcomes import (
    OutcomeInstrument,
    OutcomeScore,
    OutcomeWaveInstrument,
    OutcomeWavePlan,
)
from holdmetight.domain.program import Program
from holdmetight.errors import NotFoundError, RuleError, ValidationError
from holdmetight.i18n import _, current_language
from holdmetight.installation import resources_dir
from holdmetight.services import validation as check
from holdmetight.services.programs import programs_dir, read_program_file
from holdmetight.services.transaction import audit, read_only, unit_of_work

MAX_ITEMS = 60
MAX_ANSWER = 99  # two keys at most


@dataclass(frozen=True)
class InstrumentInput:
    """A questionnaire as the organisation (or a shipped file) describes it. With items, the
    score range follows from them; with none, ``score_min`` and ``score_max`` are needed."""

    code: str
    name_nl: str
    name_en: str
    ranges: tuple[tuple[int, int], ...] = ()
    reversed_items: frozenset[int] = frozenset()
    scoring: Scoring = Scoring.SUM
    score_min: Decimal | None = None
    score_max: Decimal | None = None
    higher_is_better: bool = True
    cutoff: Decimal | None = None
    reference_sd: Decimal | None = None
    reliability: Decimal | None = None
    source: str = ""
    active: bool = True


@dataclass(frozen=True)
class InstrumentInfo:
    id: int
    code: str
    name_nl: str
    name_en: str
    definition: rules.Definition
    source: str
    shipped: bool
    active: bool
    version: int

    @property
    def name(self) -> str:
        return self.name_nl if current_language() == "nl" else self.name_en

    def name_in(self, language: str) -> str:
        return self.name_nl if language == "nl" else self.name_en

    @property
    def items(self) -> int:
        return self.definition.items


def instruments_dir() -> Path:
    return resources_dir() / "instruments"


def info(instrument: OutcomeInstrument) -> InstrumentInfo:
    assert instrument.id is not None
    return InstrumentInfo(
        id=instrument.id,
        code=instrument.code,
        name_nl=instrument.name_nl,
        name_en=instrument.name_en,
        definition=rules.Definition(
            ranges=rules.item_ranges(instrument.item_ranges),
            reversed_items=rules.item_numbers(instrument.reversed_items),
            scoring=Scoring(instrument.scoring),
            score_min=instrument.score_min,
            score_max=instrument.score_max,
            higher_is_better=instrument.higher_is_better,
            cutoff=instrument.cutoff,
            reference_sd=instrument.reference_sd,
            reliability=instrument.reliability,
        ),
        source=instrument.source,
        shipped=instrument.shipped,
        active=instrument.active,
        version=instrument.version,
    )


def _checked(given: InstrumentInput) -> OutcomeInstrument:
    """The table row for a definition, or a message naming what does not hold."""
    code = check.text(given.code, field="code", label=_("Code"), max_length=40).upper()
    if len(given.ranges) > MAX_ITEMS:
        raise ValidationError(
            _("A questionnaire has at most {n} items.").format(n=MAX_ITEMS), field="ranges"
        )
    for number, (low, high) in enumerate(given.ranges, start=1):
        if not 0 <= low < high <= MAX_ANSWER:
            raise ValidationError(
                _(
                    "Item {n}: the lowest answer must be below the highest, both from 0 to {max}."
                ).format(n=number, max=MAX_ANSWER),
                field="ranges",
            )
    if not given.reversed_items <= set(range(1, len(given.ranges) + 1)):
        raise ValidationError(
            _("Reversed items must be item numbers from 1 to {n}.").format(n=len(given.ranges)),
            field="reversed_items",
        )
    if given.ranges:
        score_min, score_max = rules.score_range(given.ranges, given.scoring)
    elif given.score_min is None or given.score_max is None or given.score_min >= given.score_max:
        raise ValidationError(
            _("A questionnaire without items needs its lowest and highest total score."),
            field="score_min",
        )
    else:
        score_min, score_max = given.score_min, given.score_max
    # Stored to three decimals: checked as they will be stored.
    given = replace(
        given,
        cutoff=None if given.cutoff is None else rules.plain(given.cutoff),
        reference_sd=None if given.reference_sd is None else rules.plain(given.reference_sd),
        reliability=None if given.reliability is None else rules.plain(given.reliability),
    )
    if given.cutoff is not None and not score_min < given.cutoff < score_max:
        raise ValidationError(
            _("The cut-off must lie between the lowest and the highest score."), field="cutoff"
        )
    if given.reference_sd is not None and not 0 < given.reference_sd <= score_max - score_min:
        raise ValidationError(
            _("The reference standard deviation must be above 0 and within the score range."),
            field="reference_sd",
        )
    if given.reliability is not None and not 0 < given.reliability < 1:
        raise ValidationError(
            _("The reliability must lie between 0 and 1 (such as 0.90)."), field="reliability"
        )
    return OutcomeInstrument(
        code=code,
        name_nl=check.text(given.name_nl, field="name_nl", label=_("Dutch name"), max_length=200),
        name_en=check.text(given.name_en, field="name_en", label=_("English name"), max_length=200),
        items=len(given.ranges),
        item_ranges=rules.ranges_text(given.ranges),
        reversed_items=",".join(str(n) for n in sorted(given.reversed_items)),
        scoring=given.scoring,
        score_min=score_min,
        score_max=score_max,
        higher_is_better=given.higher_is_better,
        cutoff=given.cutoff,
        reference_sd=given.reference_sd,
        reliability=given.reliability,
        source=given.source.strip(),
        active=given.active,
    )


def _by_code(session: Session, code: str) -> OutcomeInstrument | None:
    return session.exec(
        select(OutcomeInstrument).where(OutcomeInstrument.code == code.strip().upper())
    ).first()


@unit_of_work
def create_instrument(session: Session, /, *, given: InstrumentInput) -> InstrumentInfo:
    """Add the organisation's own questionnaire."""
    instrument = _checked(given)
    if _by_code(session, instrument.code) is not None:
        raise ValidationError(
            _("There is already a questionnaire with code {code}.").format(code=instrument.code),
            field="code",
        )
    session.add(instrument)
    session.flush()
    audit(session, action="create", entity="outcome_instrument", entity_id=instrument.id)
    return info(instrument)


def _has_scores(session: Session, instrument_id: int) -> bool:
    found = session.exec(
        select(OutcomeScore.id).where(OutcomeScore.instrument_id == instrument_id).limit(1)
    ).first()
    return found is not None


@unit_of_work
def update_instrument(
    session: Session, /, *, instrument_id: int, given: InstrumentInput, version: int | None = None
) -> InstrumentInfo:
    """Change a questionnaire. Its items and scoring stay as they are once scores were entered
    with it (those scores were made by them); names, cut-off, reference values and source can
    always change."""
    instrument = check.get_or_fail(
        session, OutcomeInstrument, instrument_id, what=lambda: _("The questionnaire")
    )
    check.check_version(instrument, version)
    new = _checked(given)
    if new.code != instrument.code:
        if instrument.shipped:
            raise RuleError(_("The code of a shipped questionnaire cannot change."))
        if _by_code(session, new.code) is not None:
            raise ValidationError(
                _("There is already a questionnaire with code {code}.").format(code=new.code),
                field="code",
            )
    scoring_changed = (
        new.item_ranges != instrument.item_ranges
        or new.reversed_items != instrument.reversed_items
        or new.scoring != instrument.scoring
        or new.score_min != instrument.score_min
        or new.score_max != instrument.score_max
        or new.higher_is_better != instrument.higher_is_better
    )
    if scoring_changed and _has_scores(session, instrument_id):
        raise RuleError(
            _(
                "Scores were already entered with this questionnaire, so its items, ranges and "
                "scoring cannot change. Add it as a new questionnaire instead."
            )
        )
    for name in (
        "code",
        "name_nl",
        "name_en",
        "items",
        "item_ranges",
        "reversed_items",
        "scoring",
        "score_min",
        "score_max",
        "higher_is_better",
        "cutoff",
        "reference_sd",
        "reliability",
        "source",
        "active",
    ):
        setattr(instrument, name, getattr(new, name))
    session.flush()
    audit(session, action="update", entity="outcome_instrument", entity_id=instrument.id)
    return info(instrument)


@unit_of_work
def delete_instrument(session: Session, /, *, instrument_id: int) -> None:
    """Remove the organisation's own questionnaire that has no scores; a shipped one, or one
    with scores, can only be switched off."""
    instrument = check.get_or_fail(
        session, OutcomeInstrument, instrument_id, what=lambda: _("The questionnaire")
    )
    if instrument.shipped or _has_scores(session, instrument_id):
        raise RuleError(
            _("This questionnaire is shipped or has scores; switch it off instead of removing it.")
        )
    for link in session.exec(
        select(OutcomeWaveInstrument).where(OutcomeWaveInstrument.instrument_id == instrument_id)
    ):
        session.delete(link)
    session.flush()
    audit(session, action="delete", entity="outcome_instrument", entity_id=instrument_id)
    session.delete(instrument)


@read_only
def list_instruments(session: Session, /, *, active_only: bool = False) -> list[InstrumentInfo]:
    """The questionnaires, shipped ones first, by code."""
    query = select(OutcomeInstrument).order_by(
        col(OutcomeInstrument.shipped).desc(), col(OutcomeInstrument.code)
    )
    if active_only:
        query = query.where(col(OutcomeInstrument.active).is_(True))
    return [info(i) for i in session.exec(query)]


@read_only
def get_instrument(session: Session, /, *, code: str) -> InstrumentInfo:
    return find_instrument(session, code)


def find_instrument(session: Session, code: str) -> InstrumentInfo:
    instrument = _by_code(session, code)
    if instrument is None:
        raise NotFoundError(_("There is no questionnaire with code {code}.").format(code=code))
    return info(instrument)


def _decimal(data: dict[str, object], key: str) -> Decimal | None:
    value = data.get(key)
    return None if value is None else Decimal(str(value))


def read_instrument_file(path: Path) -> InstrumentInput:
    """A shipped (or exchanged) definition, or a clear message naming the broken file."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        ranges = tuple(rules.item_ranges(",".join(data.get("item_ranges", []))))
        return InstrumentInput(
            code=str(data["code"]),
            name_nl=str(data["name_nl"]),
            name_en=str(data["name_en"]),
            ranges=ranges,
            reversed_items=frozenset(int(n) for n in data.get("reversed_items", [])),
            scoring=Scoring(data.get("scoring", "sum")),
            score_min=_decimal(data, "score_min"),
            score_max=_decimal(data, "score_max"),
            higher_is_better=bool(data.get("higher_is_better", True)),
            cutoff=_decimal(data, "cutoff"),
            reference_sd=_decimal(data, "reference_sd"),
            reliability=_decimal(data, "reliability"),
            source=str(data.get("source", "")),
        )
    except (
        OSError,
        tomllib.TOMLDecodeError,
        KeyError,
        TypeError,
        ValueError,
        InvalidOperation,
    ) as error:
        raise ValidationError(
            _("The questionnaire file {name} cannot be read: {reason}").format(
                name=path.name, reason=error
            )
        ) from error


@unit_of_work
def install_shipped_instruments(
    session: Session, /, *, folder: Path | None = None, programs: Path | None = None
) -> list[str]:
    """Add the shipped questionnaires the database does not have yet, and put each newly added
    one in the waves the shipped programme files name it for. Present ones are left as the
    organisation may have changed them (or taken them out of a wave). Returns the codes added."""
    added: list[str] = []
    present = set(session.exec(select(OutcomeInstrument.code)))
    for path in sorted((folder or instruments_dir()).glob("*.toml")):
        given = read_instrument_file(path)
        if given.code.strip().upper() in present:
            continue
        instrument = _checked(given)
        instrument.shipped = True
        session.add(instrument)
        added.append(instrument.code)
    if not added:
        return added
    session.flush()
    for path in sorted((programs or programs_dir()).glob("*.toml")):
        data = read_program_file(path)
        program_id = session.exec(
            select(Program.id).where(Program.code == str(data["code"]).upper())
        ).first()
        outcomes = data.get("outcomes")
        if program_id is None or not isinstance(outcomes, dict):
            continue
        for wave in OutcomeWave:
            codes = [str(code).upper() for code in outcomes.get(wave.value, [])]
            _add_to_wave(session, program_id, wave, [c for c in codes if c in added])
    return added


def _add_to_wave(
    session: Session, program_id: int, wave: OutcomeWave, codes: Sequence[str]
) -> None:
    if not codes:
        return
    plan = session.exec(
        select(OutcomeWavePlan).where(
            OutcomeWavePlan.program_id == program_id, OutcomeWavePlan.wave == wave
        )
    ).first()
    if plan is None:
        return
    for code in codes:
        instrument = _by_code(session, code)
        if instrument is not None:
            session.add(
                OutcomeWaveInstrument(wave_id=plan.id or 0, instrument_id=instrument.id or 0)
            )
    session.flush()
