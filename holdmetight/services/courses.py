"""Courses: creating one from a programme, changing it, its lifecycle, and reading it back."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from holdmetight.domain.base import touch
from holdmetight.domain.course import Course, CourseFacilitator, CourseStep
from holdmetight.domain.enums import CourseStatus, FacilitatorRole, Language
from holdmetight.domain.names import full_name, title_key
from holdmetight.domain.organisation import Facilitator, Venue
from holdmetight.domain.program import Program, ProgramStep
from holdmetight.domain.rules import ENROLLING_COURSE_STATUSES, can_change_course_status
from holdmetight.domain.waiting_list import may_lower_capacity
from holdmetight.errors import NotFoundError, RuleError, ValidationError
from holdmetight.i18n import _, current_language
from holdmetight.services import aggregates, attendance, waiting_list
from holdmetight.services import validation as check
from holdmetight.services.course_list import CourseRow, course_rows
from holdmetight.services.course_list import list_courses as list_courses
from holdmetight.services.programs import default_completion_steps
from holdmetight.services.transaction import audit, read_only, unit_of_work

MAX_CAPACITY = 30


@dataclass(frozen=True)
class CourseFacilitatorInfo:
    facilitator_id: int
    name: str
    role: FacilitatorRole


@dataclass(frozen=True)
class CourseInfo:
    """A course's own fields, for showing and editing."""

    row: CourseRow
    program_id: int
    program_name_nl: str
    program_name_en: str
    venue_id: int | None
    facilitators: tuple[CourseFacilitatorInfo, ...]
    step_count: int
    completion_min_steps: int
    completion_both_partners: bool
    funding_municipality: str
    version: int

    @property
    def program_name(self) -> str:
        return self.program_name_nl if current_language() == "nl" else self.program_name_en


def course_by_code(session: Session, code: str) -> Course:
    course = session.exec(select(Course).where(Course.code == code.strip().upper())).first()
    if course is None:
        raise NotFoundError(_("There is no course with code {code}.").format(code=code.strip()))
    return course


def _info(session: Session, course: Course) -> CourseInfo:
    assert course.id is not None
    links = session.exec(
        select(CourseFacilitator, Facilitator)
        .join(Facilitator, col(Facilitator.id) == CourseFacilitator.facilitator_id)
        .where(CourseFacilitator.course_id == course.id)
        .order_by(col(CourseFacilitator.role).desc(), col(Facilitator.sort_key))
    ).all()
    step_count = session.exec(
        select(func.count()).select_from(CourseStep).where(CourseStep.course_id == course.id)
    ).one()
    program = session.get_one(Program, course.program_id)
    return CourseInfo(
        row=course_rows(session, [course])[0],
        program_id=course.program_id,
        program_name_nl=program.name_nl,
        program_name_en=program.name_en,
        venue_id=course.venue_id,
        facilitators=tuple(
            CourseFacilitatorInfo(
                facilitator_id=f.id or 0,
                name=full_name(f.given_name, f.name_prefix, f.family_name),
                role=FacilitatorRole(link.role),
            )
            for link, f in links
        ),
        step_count=step_count,
        completion_min_steps=course.completion_min_steps,
        completion_both_partners=course.completion_both_partners,
        funding_municipality=course.funding_municipality,
        version=course.version,
    )


def _check_facilitators(session: Session, lead_id: int | None, co_id: int | None) -> None:
    if lead_id is None:
        raise ValidationError(_("Choose a lead facilitator."), field="lead_facilitator")
    if co_id is not None and co_id == lead_id:
        raise ValidationError(
            _("The co-facilitator must be someone other than the lead facilitator."),
            field="co_facilitator",
        )
    for fid in (lead_id, co_id):
        if fid is not None:
            check.get_or_fail(session, Facilitator, fid, what=lambda: _("The facilitator"))


def _set_facilitators(session: Session, course_id: int, lead_id: int, co_id: int | None) -> None:
    for link in session.exec(
        select(CourseFacilitator).where(CourseFacilitator.course_id == course_id)
    ):
        session.delete(link)
    session.flush()
    session.add(
        CourseFacilitator(course_id=course_id, facilitator_id=lead_id, role=FacilitatorRole.LEAD)
    )
    if co_id is not None:
        session.add(
            CourseFacilitator(course_id=course_id, facilitator_id=co_id, role=FacilitatorRole.CO)
        )


@unit_of_work
def create_course(
    session: Session,
    /,
    *,
    code: str,
    title: str,
    program_code: str,
    lead_facilitator_id: int | None,
    co_facilitator_id: int | None = None,
    venue_id: int | None = None,
    language: Language = Language.NL,
    capacity: int = 8,
    funding_municipality: str = "",
    completion_min_steps: int | None = None,
) -> CourseInfo:
    """Create a course from a programme; the course keeps a copy of the programme's steps."""
    code = check.text(code, field="code", label=_("Code"), max_length=40).upper()
    if session.exec(select(Course.id).where(Course.code == code)).first() is not None:
        raise ValidationError(
            _("There is already a course with code {code}.").format(code=code), field="code"
        )
    program = session.exec(select(Program).where(Program.code == program_code.upper())).first()
    if program is None:
        raise ValidationError(_("Choose a programme."), field="program")
    steps = session.exec(
        select(ProgramStep)
        .where(ProgramStep.program_id == program.id)
        .order_by(col(ProgramStep.position))
    ).all()
    _check_facilitators(session, lead_facilitator_id, co_facilitator_id)
    if venue_id is not None:
        check.get_or_fail(session, Venue, venue_id, what=lambda: _("The venue"))
    minimum = (
        default_completion_steps(program, len(steps))
        if completion_min_steps is None
        else completion_min_steps
    )
    checked_title = check.text(title, field="title", label=_("Title"), max_length=200)
    course = Course(
        code=code,
        title=checked_title,
        title_key=title_key(checked_title),
        program_id=program.id or 0,
        language=Language(language),
        venue_id=venue_id,
        capacity=check.whole_number(
            capacity,
            field="capacity",
            label=_("Capacity (couples)"),
            minimum=1,
            maximum=MAX_CAPACITY,
        ),
        funding_municipality=check.text(
            funding_municipality,
            field="funding_municipality",
            label=_("Funding municipality"),
            required=False,
            max_length=100,
        ),
        completion_min_steps=check.whole_number(
            max(minimum, 0),
            field="completion_min_steps",
            label=_("Steps needed to complete"),
            minimum=0,
            maximum=len(steps),
        ),
        completion_both_partners=program.completion_both_partners,
    )
    session.add(course)
    session.flush()
    assert course.id is not None and lead_facilitator_id is not None
    for step in steps:
        session.add(
            CourseStep(
                course_id=course.id,
                program_step_id=step.id,
                position=step.position,
                code=step.code,
                title_nl=step.title_nl,
                title_en=step.title_en,
                duration_minutes=step.duration_minutes,
            )
        )
    _set_facilitators(session, course.id, lead_facilitator_id, co_facilitator_id)
    session.flush()
    audit(session, action="create", entity="course", entity_id=course.id)
    return _info(session, course)


@unit_of_work
def update_course(
    session: Session,
    /,
    *,
    course_id: int,
    version: int,
    title: str,
    lead_facilitator_id: int | None,
    co_facilitator_id: int | None,
    venue_id: int | None,
    language: Language,
    capacity: int,
    funding_municipality: str = "",
) -> CourseInfo:
    """Change a course's details (its code and programme stay as planned).

    ``version`` is the course's as the user read it (:attr:`CourseInfo.version`); it stands for
    the course's facilitators and meetings too."""
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    aggregates.check_course(session, course, version)
    _check_facilitators(session, lead_facilitator_id, co_facilitator_id)
    touch(course)
    course.title = check.text(title, field="title", label=_("Title"), max_length=200)
    course.title_key = title_key(course.title)
    course.venue_id = venue_id
    course.language = Language(language)
    new_capacity = check.whole_number(
        capacity, field="capacity", label=_("Capacity (couples)"), minimum=1, maximum=MAX_CAPACITY
    )
    places = waiting_list.places_of(session, course)
    if not may_lower_capacity(places, new_capacity):
        raise ValidationError(
            _(
                "The course cannot have fewer than {n} places (with a place: {taken}; offered a "
                "place and not answered yet: {offered})."
            ).format(n=places.taken + places.offered, taken=places.taken, offered=places.offered),
            field="capacity",
        )
    course.capacity = new_capacity
    course.funding_municipality = check.text(
        funding_municipality,
        field="funding_municipality",
        label=_("Funding municipality"),
        required=False,
        max_length=100,
    )
    assert lead_facilitator_id is not None
    _set_facilitators(session, course_id, lead_facilitator_id, co_facilitator_id)
    session.flush()
    audit(session, action="update", entity="course", entity_id=course.id)
    waiting_list.settle(session, course_id)
    return _info(session, course)


@unit_of_work
def set_completion_rule(
    session: Session, /, *, course_id: int, version: int, min_steps: int, both_partners: bool
) -> CourseInfo:
    """How many steps a couple must attend to complete this course, and whether both partners
    must be there; the standing of every couple follows at once."""
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    aggregates.check_course(session, course, version)
    if CourseStatus(course.status) in (CourseStatus.COMPLETED, CourseStatus.CANCELLED):
        raise RuleError(
            _("The course is {status}; its completion rule can no longer be changed.").format(
                status=CourseStatus(course.status).label
            )
        )
    steps = session.exec(
        select(func.count()).select_from(CourseStep).where(CourseStep.course_id == course_id)
    ).one()
    if min_steps > steps:
        raise ValidationError(
            _("The course has {total} steps; a couple cannot attend {n} of them.").format(
                total=steps, n=min_steps
            ),
            field="completion_min_steps",
        )
    course.completion_min_steps = check.whole_number(
        min_steps,
        field="completion_min_steps",
        label=_("Steps needed to complete"),
        minimum=0,
        maximum=steps,
    )
    course.completion_both_partners = both_partners
    session.add(course)
    session.flush()
    audit(session, action="completion_rule", entity="course", entity_id=course_id)
    return _info(session, course)


@unit_of_work
def change_course_status(
    session: Session, /, *, course_id: int, status: CourseStatus, reason: str = ""
) -> CourseInfo:
    """Move a course along its lifecycle (planned -> open -> running -> completed, or cancelled).

    Completing a course gives every couple that meets the completion rule the status
    *completed*. It takes no version: a step is checked against the status the course has
    now, so it cannot undo anyone's change (it does move the course's version)."""
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    current = CourseStatus(course.status)
    if not can_change_course_status(current, status):
        raise RuleError(
            _("A course that is {current} cannot become {new}.").format(
                current=current.label, new=status.label
            )
        )
    if status is CourseStatus.CANCELLED:
        course.cancel_reason = check.text(reason, field="reason", label=_("Reason"), max_length=400)
    course.status = status
    session.flush()
    if status is CourseStatus.COMPLETED:
        attendance.finalise_enrollments(session, course_id)
    if status not in ENROLLING_COURSE_STATUSES:
        waiting_list.close_list(session, course)
    audit(session, action=f"status:{status.value}", entity="course", entity_id=course.id)
    waiting_list.settle(session, course_id)
    return _info(session, course)


@read_only
def get_course(
    session: Session, /, *, code: str | None = None, course_id: int | None = None
) -> CourseInfo:
    """One course by code or id."""
    if course_id is not None:
        course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    elif code is not None:
        course = course_by_code(session, code)
    else:
        raise TypeError("give code or course_id")
    return _info(session, course)
