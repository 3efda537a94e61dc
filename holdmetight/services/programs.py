"""Programmes (course templates) and their steps; the shipped ones come from resources/."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from holdmetight.domain.enums import ProgramVariant
from holdmetight.domain.outcomes import DEFAULT_OFFSETS, OutcomeWavePlan
from holdmetight.domain.program import Program, ProgramStep
from holdmetight.errors import NotFoundError, ValidationError
from holdmetight.i18n import _, current_language
from holdmetight.installation import resources_dir
from holdmetight.services import validation as check
from holdmetight.services.transaction import audit, read_only, unit_of_work


@dataclass(frozen=True)
class StepInput:
    """A step as the user (or a programme file) describes it."""

    code: str
    title_nl: str
    title_en: str
    duration_minutes: int
    day: int | None = None


@dataclass(frozen=True)
class ProgramStepInfo:
    id: int
    position: int
    code: str
    title_nl: str
    title_en: str
    duration_minutes: int
    day: int | None

    @property
    def title(self) -> str:
        """The title in the language in force."""
        return self.title_nl if current_language() == "nl" else self.title_en


@dataclass(frozen=True)
class ProgramInfo:
    id: int
    code: str
    name_nl: str
    name_en: str
    variant: ProgramVariant
    shipped: bool
    active: bool
    steps: tuple[ProgramStepInfo, ...]
    version: int
    completion_min_steps: int  # the rule a new course starts with
    completion_both_partners: bool

    @property
    def name(self) -> str:
        return self.name_nl if current_language() == "nl" else self.name_en

    @property
    def total_minutes(self) -> int:
        return sum(step.duration_minutes for step in self.steps)


def programs_dir() -> Path:
    return resources_dir() / "programs"


def default_completion_steps(program: Program, step_count: int) -> int:
    """The minimum a new course of ``program`` starts with: its own, or all steps but two."""
    if program.completion_min_steps is not None:
        return min(program.completion_min_steps, step_count)
    return max(step_count - 2, 0)


def program_info(session: Session, program: Program) -> ProgramInfo:
    assert program.id is not None
    steps = session.exec(
        select(ProgramStep)
        .where(ProgramStep.program_id == program.id)
        .order_by(col(ProgramStep.position))
    ).all()
    return ProgramInfo(
        id=program.id,
        code=program.code,
        name_nl=program.name_nl,
        name_en=program.name_en,
        variant=ProgramVariant(program.variant),
        shipped=program.shipped,
        active=program.active,
        steps=tuple(
            ProgramStepInfo(
                id=s.id or 0,
                position=s.position,
                code=s.code,
                title_nl=s.title_nl,
                title_en=s.title_en,
                duration_minutes=s.duration_minutes,
                day=s.day,
            )
            for s in steps
        ),
        version=program.version,
        completion_min_steps=default_completion_steps(program, len(steps)),
        completion_both_partners=program.completion_both_partners,
    )


def _checked_steps(steps: Sequence[StepInput]) -> list[StepInput]:
    if not steps:
        raise ValidationError(_("A programme needs at least one step."), field="steps")
    seen: set[str] = set()
    checked = []
    for number, step in enumerate(steps, start=1):
        code = check.text(step.code, field="steps", label=_("Step code"), max_length=40).upper()
        if code in seen:
            raise ValidationError(
                _("Step code {code} is used twice.").format(code=code), field="steps"
            )
        seen.add(code)
        title_nl = check.text(step.title_nl, field="steps", label=_("Dutch title"), max_length=200)
        title_en = check.text(
            step.title_en, field="steps", label=_("English title"), max_length=200
        )
        check.whole_number(
            step.duration_minutes,
            field="steps",
            label=_("Duration of step {n} (minutes)").format(n=number),
            minimum=15,
            maximum=600,
        )
        checked.append(StepInput(code, title_nl, title_en, step.duration_minutes, step.day))
    return checked


@unit_of_work
def create_program(
    session: Session,
    /,
    *,
    code: str,
    name_nl: str,
    name_en: str,
    variant: ProgramVariant,
    steps: Sequence[StepInput],
    description_nl: str = "",
    description_en: str = "",
    shipped: bool = False,
    completion_min_steps: int | None = None,
    completion_both_partners: bool = True,
) -> ProgramInfo:
    """Add a programme with its ordered steps and the completion rule its courses start with
    (by default: all steps but two, both partners)."""
    code = check.text(code, field="code", label=_("Code"), max_length=40).upper()
    if session.exec(select(Program.id).where(Program.code == code)).first() is not None:
        raise ValidationError(
            _("There is already a programme with code {code}.").format(code=code), field="code"
        )
    program = Program(
        code=code,
        name_nl=check.text(name_nl, field="name_nl", label=_("Dutch name"), max_length=200),
        name_en=check.text(name_en, field="name_en", label=_("English name"), max_length=200),
        variant=ProgramVariant(variant),
        description_nl=description_nl.strip(),
        description_en=description_en.strip(),
        shipped=shipped,
        completion_both_partners=completion_both_partners,
    )
    if completion_min_steps is not None:
        program.completion_min_steps = check.whole_number(
            completion_min_steps,
            field="completion_min_steps",
            label=_("Steps needed to complete"),
            minimum=0,
            maximum=len(steps),
        )
    session.add(program)
    session.flush()
    assert program.id is not None
    for position, step in enumerate(_checked_steps(steps), start=1):
        session.add(
            ProgramStep(
                program_id=program.id,
                position=position,
                code=step.code,
                title_nl=step.title_nl,
                title_en=step.title_en,
                duration_minutes=step.duration_minutes,
                day=step.day,
            )
        )
    for wave, offset in DEFAULT_OFFSETS.items():
        session.add(OutcomeWavePlan(program_id=program.id, wave=wave, offset_days=offset))
    session.flush()
    audit(session, action="create", entity="program", entity_id=program.id)
    return program_info(session, program)


@unit_of_work
def update_program(
    session: Session,
    /,
    *,
    program_id: int,
    version: int,
    name_nl: str,
    name_en: str,
    steps: Sequence[StepInput],
    active: bool = True,
) -> ProgramInfo:
    """Change a programme's names and steps; courses already planned keep their own steps."""
    program = check.get_or_fail(session, Program, program_id, what=lambda: _("The programme"))
    check.check_version(program, version)
    program.name_nl = check.text(name_nl, field="name_nl", label=_("Dutch name"), max_length=200)
    program.name_en = check.text(name_en, field="name_en", label=_("English name"), max_length=200)
    program.active = active
    wanted = _checked_steps(steps)
    existing = list(
        session.exec(
            select(ProgramStep)
            .where(ProgramStep.program_id == program_id)
            .order_by(col(ProgramStep.position))
        )
    )
    for extra in existing[len(wanted) :]:
        session.delete(extra)
    session.flush()
    for kept in existing[: len(wanted)]:  # codes must stay unique while they are renumbered
        kept.code = f"~{kept.id}"
    session.flush()
    for position, step in enumerate(wanted, start=1):
        if position <= len(existing):
            row = existing[position - 1]
        else:
            row = ProgramStep(
                program_id=program_id,
                position=position,
                code="",
                title_nl="",
                title_en="",
                duration_minutes=step.duration_minutes,
            )
        row.code, row.title_nl, row.title_en = step.code, step.title_nl, step.title_en
        row.duration_minutes, row.day = step.duration_minutes, step.day
        session.add(row)
    session.flush()
    audit(session, action="update", entity="program", entity_id=program.id)
    return program_info(session, program)


def read_program_file(path: Path) -> dict[str, object]:
    """A programme file's contents, or a clear message naming the file that is broken."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        data["steps"] = [StepInput(**step) for step in data["steps"]]
        ProgramVariant(data["variant"])
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise ValidationError(
            _("The programme file {name} cannot be read: {reason}").format(
                name=path.name, reason=error
            )
        ) from error
    return data


@unit_of_work
def install_shipped_programs(session: Session, /, *, folder: Path | None = None) -> list[str]:
    """Add the programmes shipped in ``resources/programs`` that the database does not have yet.

    Programmes already present are left as the organisation may have edited them.
    Returns the codes that were added.
    """
    added = []
    for path in sorted((folder or programs_dir()).glob("*.toml")):
        data = read_program_file(path)
        code = str(data["code"]).upper()
        if session.exec(select(Program.id).where(Program.code == code)).first() is not None:
            continue
        create_program(
            session,
            code=code,
            name_nl=str(data["name_nl"]),
            name_en=str(data["name_en"]),
            variant=ProgramVariant(str(data["variant"])),
            steps=data["steps"],  # type: ignore[arg-type]
            description_nl=str(data.get("description_nl", "")),
            description_en=str(data.get("description_en", "")),
            shipped=True,
            completion_min_steps=data.get("completion_min_steps"),  # type: ignore[arg-type]
            completion_both_partners=bool(data.get("completion_both_partners", True)),
        )
        added.append(code)
    return added


@read_only
def list_programs(session: Session, /, *, active_only: bool = False) -> list[ProgramInfo]:
    """Programmes with their steps, shipped ones first."""
    query = select(Program).order_by(col(Program.shipped).desc(), col(Program.code))
    if active_only:
        query = query.where(col(Program.active).is_(True))
    return [program_info(session, p) for p in session.exec(query)]


@read_only
def get_program(session: Session, /, *, code: str) -> ProgramInfo:
    program = session.exec(select(Program).where(Program.code == code.upper())).first()
    if program is None:
        raise NotFoundError(_("There is no programme with code {code}.").format(code=code))
    return program_info(session, program)
