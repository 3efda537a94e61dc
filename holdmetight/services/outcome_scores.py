"""Entering each partner's questionnaire scores per wave, reading them back, and the list of
questionnaires still due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from holdmetight.domain import instruments as rules
from holdmetight.domain.couple import Couple, Enrollment, Partner
from holdmetight.domain.course import Course
from holdmetight.domain.enums import CourseStatus, EnrollmentStatus, OutcomeWave
from holdmetight.domain.names import ERASED_KEY, list_name
from holdmetight.domain.outcomes import OutcomeInstrument, OutcomeScore
from holdmetight.errors import NotFoundError, RuleError, ValidationError
from holdmetight.i18n import _, format_number
from holdmetight.services.clock import local_now
from holdmetight.services.couples import refuse_if_anonymised
from holdmetight.services.instruments import InstrumentInfo, find_instrument, info
from holdmetight.services.outcome_waves import Plan, WavePlan, plan_of_course, plans_of_courses
from holdmetight.services.transaction import audit, read_only, unit_of_work

# Couples who had a place in the course fill in its questionnaires.
MEASURED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.WITHDRAWN)
# The due list: what fell due in the last weeks and what falls due soon.
LOOK_BACK = timedelta(days=60)
LOOK_AHEAD = timedelta(days=14)


@dataclass(frozen=True)
class ScoreInput:
    """One partner's questionnaire: the answer to each item, or only the total."""

    partner: int  # 1 or 2
    instrument_code: str
    answers: tuple[int, ...] | None = None
    total: Decimal | None = None


@dataclass(frozen=True)
class ScoreInfo:
    course_id: int
    course_code: str
    partner: int
    wave: OutcomeWave
    instrument_code: str
    instrument_name: str
    score: Decimal
    answers: tuple[int, ...]  # empty when only the total was entered
    filled_on: date


@dataclass(frozen=True)
class DueItem:
    """A partner who still has to fill in questionnaires of one wave."""

    due_on: date
    course_id: int
    course_code: str
    couple_id: int
    couple_names: str
    partner: int
    partner_name: str
    wave: OutcomeWave
    instrument_codes: tuple[str, ...]


def _enrollment(session: Session, course_id: int, couple_id: int) -> Enrollment:
    enrollment = session.exec(
        select(Enrollment).where(
            Enrollment.course_id == course_id, Enrollment.couple_id == couple_id
        )
    ).first()
    if enrollment is None:
        raise NotFoundError(_("This couple is not enrolled in this course."))
    if EnrollmentStatus(enrollment.status) not in MEASURED:
        raise RuleError(
            _(
                "Scores are entered for couples who had a place in the course; this one is "
                "{status}."
            ).format(status=EnrollmentStatus(enrollment.status).label)
        )
    return enrollment


def checked_score(instrument: InstrumentInfo, given: ScoreInput) -> tuple[Decimal, str]:
    """The score and the answers as stored, or a message that says which value does not fit."""
    definition = instrument.definition
    if given.answers is not None:
        if not definition.items:
            raise ValidationError(
                _("{name} has no items: enter its total score.").format(name=instrument.name)
            )
        if len(given.answers) != definition.items:
            raise ValidationError(
                _("{name} has {n} items; {given} answers were given.").format(
                    name=instrument.name, n=definition.items, given=len(given.answers)
                )
            )
        for number, answer in enumerate(given.answers, start=1):
            if not definition.answer_fits(number, answer):
                low, high = definition.ranges[number - 1]
                raise ValidationError(
                    _(
                        "{name}, item {n}: {answer} is not an answer; answers run from {low} "
                        "to {high}."
                    ).format(name=instrument.name, n=number, answer=answer, low=low, high=high),
                    field=f"item{number}",
                )
        score = definition.score(given.answers)
        if given.total is not None and given.total != score:
            raise ValidationError(
                _("The total {total} does not match the answers, which make {score}.").format(
                    total=format_number(given.total), score=format_number(score)
                ),
                field="total",
            )
        return score, rules.answers_text(given.answers)
    if given.total is None:
        raise ValidationError(
            _("Enter the answers or the total score of {name}.").format(name=instrument.name)
        )
    total = given.total
    if not total.is_finite() or not definition.score_fits(total):
        raise ValidationError(
            _("The score of {name} must lie from {low} to {high}; {score} does not.").format(
                name=instrument.name,
                low=format_number(definition.score_min),
                high=format_number(definition.score_max),
                score=format_number(total) if total.is_finite() else str(total),
            ),
            field="total",
        )
    if total != total.quantize(rules.SCORE_PLACES):
        raise ValidationError(_("A score has at most three decimals."), field="total")
    if definition.items and not definition.possible(total):
        raise ValidationError(
            _("{score} cannot be a score of {name}: its answers do not add up to it.").format(
                score=format_number(total), name=instrument.name
            ),
            field="total",
        )
    return rules.plain(total), ""


@unit_of_work
def save_scores(
    session: Session,
    /,
    *,
    course_id: int,
    couple_id: int,
    wave: OutcomeWave,
    filled_on: date,
    scores: Sequence[ScoreInput],
    removed: Sequence[tuple[int, str]] = (),
) -> None:
    """Store the partners' questionnaires of one wave, replacing what was entered for the same
    partner and questionnaire before, and take back the ones ``removed`` (partner,
    questionnaire code): all of it or none."""
    enrollment = _enrollment(session, course_id, couple_id)
    couple = session.get(Couple, couple_id)
    assert couple is not None
    refuse_if_anonymised(couple)
    if filled_on > local_now(session).date():
        raise ValidationError(
            _("The questionnaires cannot be filled in on a day still to come."), field="filled_on"
        )
    partners = {
        p.position: p for p in session.exec(select(Partner).where(Partner.couple_id == couple_id))
    }
    stored = {
        (row.partner_id, row.instrument_id): row
        for row in session.exec(
            select(OutcomeScore).where(
                OutcomeScore.enrollment_id == enrollment.id, OutcomeScore.wave == wave
            )
        )
    }
    known: dict[str, InstrumentInfo] = {}
    for given in scores:
        if given.partner not in partners:
            raise ValidationError(_("Partner must be 1 or 2."), field="partner")
        if partners[given.partner].sort_key == ERASED_KEY:
            raise RuleError(_("This partner's data has been erased."))
        code = given.instrument_code.strip().upper()
        instrument = known.get(code) or known.setdefault(code, find_instrument(session, code))
        if not instrument.active:
            raise RuleError(
                _("The questionnaire {code} is switched off.").format(code=instrument.code)
            )
        score, answers = checked_score(instrument, given)
        person = partners[given.partner]
        row = stored.get((person.id or 0, instrument.id))
        if row is None:
            row = OutcomeScore(
                enrollment_id=enrollment.id or 0,
                partner_id=person.id or 0,
                wave=wave,
                instrument_id=instrument.id,
                score=score,
                filled_on=filled_on,
            )
            session.add(row)
            stored[(person.id or 0, instrument.id)] = row
        row.score, row.answers, row.filled_on = score, answers, filled_on
    for position, code in removed:
        if position not in partners:
            raise ValidationError(_("Partner must be 1 or 2."), field="partner")
        instrument = find_instrument(session, code)
        found = session.exec(
            select(OutcomeScore).where(
                OutcomeScore.enrollment_id == enrollment.id,
                OutcomeScore.partner_id == partners[position].id,
                OutcomeScore.wave == wave,
                OutcomeScore.instrument_id == instrument.id,
            )
        ).first()
        if found is not None:
            session.delete(found)
    session.flush()
    audit(
        session,
        action="update",
        entity="enrollment",
        entity_id=enrollment.id,
        couple_id=couple_id,
        detail=f"wave={wave.value}",
    )


@unit_of_work
def remove_score(
    session: Session,
    /,
    *,
    course_id: int,
    couple_id: int,
    wave: OutcomeWave,
    partner: int,
    instrument_code: str,
) -> None:
    """Take back a score entered by mistake."""
    enrollment = _enrollment(session, course_id, couple_id)
    instrument = find_instrument(session, instrument_code)
    row = session.exec(
        select(OutcomeScore)
        .join(Partner, col(Partner.id) == OutcomeScore.partner_id)
        .where(
            OutcomeScore.enrollment_id == enrollment.id,
            Partner.position == partner,
            OutcomeScore.wave == wave,
            OutcomeScore.instrument_id == instrument.id,
        )
    ).first()
    if row is None:
        raise NotFoundError(_("There is no such score to remove."))
    session.delete(row)
    session.flush()
    audit(
        session,
        action="delete",
        entity="enrollment",
        entity_id=enrollment.id,
        detail=f"wave={wave.value}",
    )


def _scores(session: Session, couple_id: int) -> list[ScoreInfo]:
    rows = session.execute(
        select_columns(
            OutcomeScore,
            col(Enrollment.course_id),
            col(Course.code),
            col(Partner.position),
            OutcomeInstrument,
        )
        .join(Enrollment, col(Enrollment.id) == OutcomeScore.enrollment_id)
        .join(Course, col(Course.id) == Enrollment.course_id)
        .join(Partner, col(Partner.id) == OutcomeScore.partner_id)
        .join(OutcomeInstrument, col(OutcomeInstrument.id) == OutcomeScore.instrument_id)
        .where(col(Enrollment.couple_id) == couple_id)
        .order_by(col(Course.first_date), col(Course.code), col(OutcomeInstrument.code))
    )
    waves = list(OutcomeWave)
    found = [
        ScoreInfo(
            course_id=course_id,
            course_code=code,
            partner=position,
            wave=OutcomeWave(score.wave),
            instrument_code=instrument.code,
            instrument_name=info(instrument).name,
            score=score.score,
            answers=tuple(int(a) for a in score.answers.split(",") if a),
            filled_on=score.filled_on,
        )
        for score, course_id, code, position, instrument in rows
    ]
    courses = list(dict.fromkeys(s.course_id for s in found))  # in the order they met
    return sorted(
        found,
        key=lambda s: (
            courses.index(s.course_id),
            s.instrument_code,
            waves.index(s.wave),
            s.partner,
        ),
    )


def stored_score(
    session: Session,
    *,
    course_id: int,
    couple_id: int,
    partner: int,
    wave: OutcomeWave,
    instrument_code: str,
) -> ScoreInfo | None:
    """The score already entered for this partner, wave and questionnaire, if any."""
    return next(
        (
            s
            for s in _scores(session, couple_id)
            if (s.course_id, s.partner, s.wave, s.instrument_code)
            == (course_id, partner, wave, instrument_code.strip().upper())
        ),
        None,
    )


@read_only
def couple_scores(session: Session, /, *, couple_id: int) -> list[ScoreInfo]:
    """Every score of the couple's partners, per course, questionnaire, wave and partner."""
    return _scores(session, couple_id)


@dataclass(frozen=True)
class MeasuredCourse:
    course_id: int
    course_code: str


@read_only
def measured_courses(session: Session, /, *, couple_id: int) -> list[MeasuredCourse]:
    """The courses in which the couple had a place (and so fills in questionnaires), by date."""
    return [
        MeasuredCourse(course_id, code)
        for course_id, code in session.execute(
            select_columns(col(Course.id), col(Course.code))
            .join(Enrollment, col(Enrollment.course_id) == Course.id)
            .where(col(Enrollment.couple_id) == couple_id)
            .where(col(Enrollment.status).in_(MEASURED))
            .order_by(col(Course.first_date), col(Course.code))
        )
    ]


@dataclass(frozen=True)
class CourseMeasurement:
    """What a course measures and when each wave is due."""

    course_code: str
    plan: Plan
    due: dict[OutcomeWave, date | None]


def course_measurement(session: Session, course: Course) -> CourseMeasurement:
    plan = plan_of_course(session, course.id or 0)
    return CourseMeasurement(
        course_code=course.code,
        plan=plan,
        due={p.wave: p.due(course.first_date, course.last_date) for p in plan.waves},
    )


@read_only
def measurement_of(session: Session, /, *, course_id: int) -> CourseMeasurement:
    course = session.get(Course, course_id)
    if course is None:
        raise NotFoundError(_("{what} no longer exists.").format(what=_("The course")))
    return course_measurement(session, course)


@read_only
def due_questionnaires(
    session: Session,
    /,
    *,
    course_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[DueItem]:
    """The partners who still have to fill in a wave's questionnaires, with the day it is due,
    follow-ups included: of one course (every wave due by ``until``), or of all courses from
    ``since`` to ``until``; by default what fell due in the last 60 days (for one course: at
    any time) and what falls due in the next 14."""
    today = local_now(session).date()
    since = since or today - LOOK_BACK
    until = until or today + LOOK_AHEAD
    query = select(Course).where(Course.status != CourseStatus.CANCELLED)
    if course_id is not None:
        query = query.where(Course.id == course_id)
    else:
        # Only courses with a wave that can fall in the period: a follow-up is at most a year
        # after the last meeting, the wave before at most two months before the first.
        query = query.where(
            col(Course.last_date) >= since - timedelta(days=366),
            col(Course.first_date) <= until + timedelta(days=61),
        )
    found = list(session.exec(query))
    plans = plans_of_courses(session, found)
    waves: dict[int, list[tuple[WavePlan, date]]] = {}
    for course in found:
        for plan in plans[course.id or 0].measured:
            due_on = plan.due(course.first_date, course.last_date)
            if due_on is None or due_on > until:
                continue
            if course_id is None and due_on < since:
                continue
            waves.setdefault(course.id or 0, []).append((plan, due_on))
    items = _due_in(session, {c.id or 0: c for c in found if c.id in waves}, waves)
    return sorted(items, key=lambda i: (i.due_on, i.course_code, i.couple_names, i.partner))


def _due_in(
    session: Session,
    courses: dict[int, Course],
    waves: dict[int, list[tuple[WavePlan, date]]],
) -> list[DueItem]:
    """Partners of the courses' couples (still or completely taking part) with questionnaires
    of these waves not filled in: two queries for all the courses together."""
    if not courses:
        return []
    ids = list(courses)
    people = session.execute(
        select_columns(
            col(Enrollment.course_id),
            col(Enrollment.couple_id),
            col(Partner.id),
            col(Partner.position),
            col(Partner.given_name),
            col(Partner.name_prefix),
            col(Partner.family_name),
            col(Partner.sort_key),
        )
        .join(Partner, col(Partner.couple_id) == Enrollment.couple_id)
        .join(Couple, col(Couple.id) == Enrollment.couple_id)
        .where(col(Enrollment.course_id).in_(ids))
        .where(col(Enrollment.status).in_([EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED]))
        .where(col(Couple.anonymised_at).is_(None))
        .order_by(col(Couple.sort_key), col(Partner.position))
    ).all()
    filled = {
        (course_id, partner_id, OutcomeWave(wave), instrument_id)
        for course_id, partner_id, wave, instrument_id in session.execute(
            select_columns(
                col(Enrollment.course_id),
                col(OutcomeScore.partner_id),
                col(OutcomeScore.wave),
                col(OutcomeScore.instrument_id),
            )
            .join(Enrollment, col(Enrollment.id) == OutcomeScore.enrollment_id)
            .where(col(Enrollment.course_id).in_(ids))
        )
    }
    names: dict[int, list[str]] = {}
    for row in people:
        if row[7] != ERASED_KEY:
            names.setdefault(row[1], []).append(list_name(row[4], row[5], row[6]))
    items = []
    for course_id, couple_id, partner_id, position, given, prefix, family, key in people:
        if key == ERASED_KEY:
            continue
        course = courses[course_id]
        for plan, due_on in waves[course_id]:
            missing = tuple(
                i.code
                for i in plan.instruments
                if i.active and (course_id, partner_id, plan.wave, i.id) not in filled
            )
            if missing:
                items.append(
                    DueItem(
                        due_on=due_on,
                        course_id=course_id,
                        course_code=course.code,
                        couple_id=couple_id,
                        couple_names=" & ".join(names.get(couple_id, [])),
                        partner=position,
                        partner_name=list_name(given, prefix, family),
                        wave=plan.wave,
                        instrument_codes=missing,
                    )
                )
    return items
