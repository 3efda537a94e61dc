"""When partners fill in which questionnaires: the waves of a programme, which each of its
courses follows unless the course has a plan of its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from holdmetight.domain.course import Course
from holdmetight.domain.enums import OutcomeWave
from holdmetight.domain.outcomes import (
    DEFAULT_OFFSETS,
    OutcomeInstrument,
    OutcomeWaveInstrument,
    OutcomeWavePlan,
)
from holdmetight.domain.program import Program
from holdmetight.errors import ValidationError
from holdmetight.i18n import _
from holdmetight.services import validation as check
from holdmetight.services.instruments import InstrumentInfo, info
from holdmetight.services.transaction import audit, read_only, unit_of_work

# Before: from two months before the first meeting (an intake) to two weeks after it; after and
# follow-up: up to a year after the last meeting.
OFFSET_LIMITS = {
    OutcomeWave.PRE: (-60, 14),
    OutcomeWave.POST: (-14, 60),
    OutcomeWave.FOLLOW_UP: (1, 365),
}


@dataclass(frozen=True)
class WaveInput:
    wave: OutcomeWave
    offset_days: int
    instrument_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class WavePlan:
    wave: OutcomeWave
    offset_days: int  # from the first meeting (before) or the last meeting (after, follow-up)
    instruments: tuple[InstrumentInfo, ...]

    def due(self, first_meeting: date | None, last_meeting: date | None) -> date | None:
        """The day this wave is due for a course meeting on these days (None: not planned)."""
        anchor = first_meeting if self.wave is OutcomeWave.PRE else last_meeting
        return None if anchor is None else anchor + timedelta(days=self.offset_days)


@dataclass(frozen=True)
class Plan:
    """The three waves, in order; ``own`` when a course has its own plan."""

    waves: tuple[WavePlan, ...]
    own: bool = False

    def of(self, wave: OutcomeWave) -> WavePlan:
        return next(p for p in self.waves if p.wave is wave)

    @property
    def measured(self) -> tuple[WavePlan, ...]:
        return tuple(p for p in self.waves if p.instruments)


def _rows(
    session: Session, *, program_id: int | None = None, course_id: int | None = None
) -> list[OutcomeWavePlan]:
    owner = (
        OutcomeWavePlan.program_id == program_id
        if program_id is not None
        else OutcomeWavePlan.course_id == course_id
    )
    return list(session.exec(select(OutcomeWavePlan).where(owner)))


def _chosen(session: Session, rows: Sequence[OutcomeWavePlan]) -> dict[int, list[InstrumentInfo]]:
    """The questionnaires of each of these waves (by the wave's id), in code order."""
    chosen: dict[int, list[InstrumentInfo]] = {row.id or 0: [] for row in rows}
    if rows:
        for wave_id, instrument in session.exec(
            select(OutcomeWaveInstrument.wave_id, OutcomeInstrument)
            .join(
                OutcomeInstrument, col(OutcomeInstrument.id) == OutcomeWaveInstrument.instrument_id
            )
            .where(col(OutcomeWaveInstrument.wave_id).in_(list(chosen)))
            .order_by(col(OutcomeInstrument.code))
        ):
            chosen[wave_id].append(info(instrument))
    return chosen


def _plan(
    rows: Sequence[OutcomeWavePlan], chosen: dict[int, list[InstrumentInfo]], *, own: bool = False
) -> Plan:
    by_wave = {OutcomeWave(row.wave): row for row in rows}
    waves = []
    for wave in OutcomeWave:
        row = by_wave.get(wave)
        waves.append(
            WavePlan(
                wave=wave,
                offset_days=row.offset_days if row is not None else DEFAULT_OFFSETS[wave],
                instruments=tuple(chosen[row.id or 0]) if row is not None else (),
            )
        )
    return Plan(waves=tuple(waves), own=own)


def plans_of_courses(session: Session, courses: Sequence[Course]) -> dict[int, Plan]:
    """The plan of each course (its own, or its programme's), read in two queries."""
    ids = [c.id for c in courses]
    programs = {c.program_id for c in courses}
    rows = list(
        session.exec(
            select(OutcomeWavePlan).where(
                col(OutcomeWavePlan.course_id).in_(ids)
                | col(OutcomeWavePlan.program_id).in_(programs)
            )
        )
    )
    chosen = _chosen(session, rows)
    own: dict[int, list[OutcomeWavePlan]] = {}
    of_program: dict[int, list[OutcomeWavePlan]] = {}
    for row in rows:
        if row.course_id is not None:
            own.setdefault(row.course_id, []).append(row)
        elif row.program_id is not None:
            of_program.setdefault(row.program_id, []).append(row)
    program_plans = {p: _plan(r, chosen) for p, r in of_program.items()}
    empty = _plan([], {})
    return {
        c.id or 0: _plan(own[c.id or 0], chosen, own=True)
        if (c.id or 0) in own
        else program_plans.get(c.program_id, empty)
        for c in courses
    }


def _rows_plan(session: Session, rows: Sequence[OutcomeWavePlan], *, own: bool = False) -> Plan:
    return _plan(rows, _chosen(session, rows), own=own)


def plan_of_program(session: Session, program_id: int) -> Plan:
    return _rows_plan(session, _rows(session, program_id=program_id))


def plan_of_course(session: Session, course_id: int) -> Plan:
    """The course's own plan, or its programme's."""
    own = _rows(session, course_id=course_id)
    if own:
        return _rows_plan(session, own, own=True)
    program_id = session.exec(select(Course.program_id).where(Course.id == course_id)).one()
    return plan_of_program(session, program_id)


@read_only
def program_waves(session: Session, /, *, program_id: int) -> Plan:
    return plan_of_program(session, program_id)


@read_only
def course_waves(session: Session, /, *, course_id: int) -> Plan:
    check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    return plan_of_course(session, course_id)


def _checked(session: Session, waves: Sequence[WaveInput]) -> list[tuple[WaveInput, list[int]]]:
    if sorted(w.wave for w in waves) != sorted(OutcomeWave):
        raise ValidationError(_("A plan names each wave once: before, after and follow-up."))
    checked = []
    for given in waves:
        low, high = OFFSET_LIMITS[given.wave]
        if not low <= given.offset_days <= high:
            raise ValidationError(
                _("The days for the wave “{wave}” must be from {low} to {high}.").format(
                    wave=given.wave.label, low=low, high=high
                ),
                field=f"offset_{given.wave.value}",
            )
        ids = []
        for code in dict.fromkeys(c.strip().upper() for c in given.instrument_codes):
            found = session.exec(
                select(OutcomeInstrument.id).where(OutcomeInstrument.code == code)
            ).first()
            if found is None:
                raise ValidationError(
                    _("There is no questionnaire with code {code}.").format(code=code)
                )
            ids.append(found)
        checked.append((given, ids))
    return checked


def _store(
    session: Session,
    checked: Sequence[tuple[WaveInput, list[int]]],
    *,
    program_id: int | None = None,
    course_id: int | None = None,
) -> None:
    existing = {
        OutcomeWave(r.wave): r for r in _rows(session, program_id=program_id, course_id=course_id)
    }
    for given, ids in checked:
        row = existing.get(given.wave)
        if row is None:
            row = OutcomeWavePlan(program_id=program_id, course_id=course_id, wave=given.wave)
            session.add(row)
        row.offset_days = given.offset_days
        session.flush()
        for link in session.exec(
            select(OutcomeWaveInstrument).where(OutcomeWaveInstrument.wave_id == row.id)
        ):
            session.delete(link)
        session.flush()
        for instrument_id in ids:
            session.add(OutcomeWaveInstrument(wave_id=row.id or 0, instrument_id=instrument_id))
    session.flush()


@unit_of_work
def save_program_waves(session: Session, /, *, program_id: int, waves: Sequence[WaveInput]) -> Plan:
    """Set when the programme's courses measure what (courses with their own plan keep it)."""
    check.get_or_fail(session, Program, program_id, what=lambda: _("The programme"))
    _store(session, _checked(session, waves), program_id=program_id)
    audit(session, action="update", entity="program", entity_id=program_id)
    return plan_of_program(session, program_id)


@unit_of_work
def save_course_waves(
    session: Session, /, *, course_id: int, waves: Sequence[WaveInput] | None
) -> Plan:
    """Give the course a plan of its own, or (``None``) let it follow its programme again.
    Scores already entered stay."""
    check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    if waves is None:
        for row in _rows(session, course_id=course_id):
            session.delete(row)
        session.flush()
    else:
        _store(session, _checked(session, waves), course_id=course_id)
    audit(session, action="update", entity="course", entity_id=course_id)
    return plan_of_course(session, course_id)
