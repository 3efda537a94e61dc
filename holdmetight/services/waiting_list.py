"""The fair waiting list of each course: offers of free places, answers, passing over, moving.

Every change that can free or fill a place ends by *settling* the course: offers whose answer-by
day has passed expire, and each free place is offered to the first couple in line who may take
it (see :mod:`holdmetight.domain.waiting_list`). A couple that declines or lets the offer expire
leaves this course's list (it can be moved to another course's list, keeping its date of
application); the history stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from statistics import median

from sqlalchemy import func
from sqlmodel import Session, col, select

from holdmetight.domain.base import utc_now
from holdmetight.domain.couple import Couple, Enrollment, Intake, PlaceOffer, WaitingListChange
from holdmetight.domain.course import Course, GroupSession
from holdmetight.domain.enums import (
    CourseStatus,
    EnrollmentStatus,
    GroupSessionStatus,
    IntakeOutcome,
    OfferOutcome,
    TrafficLight,
    WaitingListChangeKind,
)
from holdmetight.domain.organisation import Organisation
from holdmetight.domain.rules import ENROLLING_COURSE_STATUSES, PLACE_HOLDING
from holdmetight.domain.waiting_list import (
    InLine,
    Places,
    answer_by,
    in_order,
    is_expired,
    takes_place_at_once,
)
from holdmetight.domain.waiting_list import offers_due as due_offers
from holdmetight.errors import RuleError
from holdmetight.i18n import _, format_date, ngettext
from holdmetight.services import leaving_fees
from holdmetight.services import validation as check
from holdmetight.services.access import without_intake_notes
from holdmetight.services.clock import local_date, local_dates, local_now
from holdmetight.services.fee_assessments import couple_names
from holdmetight.services.transaction import audit, read_only, unit_of_work

DEFAULT_ANSWER_DAYS = 7


@dataclass(frozen=True)
class Settings:
    answer_days: int
    intake_required: bool


def settings(session: Session) -> Settings:
    org = session.exec(select(Organisation).order_by(col(Organisation.id))).first()
    if org is None:
        return Settings(DEFAULT_ANSWER_DAYS, True)
    return Settings(org.offer_answer_days, org.intake_required)


def _latest_intake(session: Session, couple_id: int) -> Intake | None:
    return session.exec(
        select(Intake)
        .options(without_intake_notes())  # not every role may read them
        .where(Intake.couple_id == couple_id)
        .order_by(col(Intake.date).desc(), col(Intake.id).desc())
    ).first()


def intake_suitable(intake: Intake | None) -> bool:
    """Whether an intake found the couple suitable for a group course."""
    return (
        intake is not None
        and intake.outcome == IntakeOutcome.SUITABLE
        and intake.traffic_light != TrafficLight.RED
        and not (
            intake.flag_affair
            or intake.flag_violence
            or intake.flag_addiction
            or intake.flag_mental_disorder
        )
    )


def why_not_ready(session: Session, enrollment: Enrollment, rules: Settings) -> str:
    """Why a couple may not take a place now ("" when it may)."""
    if enrollment.passed_over_reason:
        return _("passed over: {reason}").format(reason=enrollment.passed_over_reason)
    if rules.intake_required and not enrollment.override_reason:
        intake = _latest_intake(session, enrollment.couple_id)
        if intake is None:
            return _("no intake yet")
        if not intake_suitable(intake):
            return _("the intake did not find them suitable")
    return ""


def open_offers(session: Session, course_id: int) -> list[PlaceOffer]:
    return list(
        session.exec(
            select(PlaceOffer).where(
                PlaceOffer.course_id == course_id, PlaceOffer.outcome == OfferOutcome.OPEN
            )
        )
    )


def open_offer_of(session: Session, enrollment_id: int) -> PlaceOffer | None:
    return session.exec(
        select(PlaceOffer).where(
            PlaceOffer.enrollment_id == enrollment_id, PlaceOffer.outcome == OfferOutcome.OPEN
        )
    ).first()


def _waiting(session: Session, course_id: int) -> list[Enrollment]:
    return list(
        session.exec(
            select(Enrollment).where(
                Enrollment.course_id == course_id,
                Enrollment.status == EnrollmentStatus.WAITLISTED,
            )
        )
    )


def places_taken(session: Session, course_id: int) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(Enrollment)
            .where(
                Enrollment.course_id == course_id, col(Enrollment.status).in_(list(PLACE_HOLDING))
            )
        ).one()
    )


def places_of(session: Session, course: Course) -> Places:
    assert course.id is not None
    return Places(
        capacity=course.capacity,
        taken=places_taken(session, course.id),
        offered=len(open_offers(session, course.id)),
    )


def line_of(session: Session, course_id: int, rules: Settings | None = None) -> list[InLine]:
    """The course's waiting list as the pure rule sees it."""
    rules = rules or settings(session)
    offered = {o.enrollment_id for o in open_offers(session, course_id)}
    return [
        InLine(
            enrollment_id=e.id or 0,
            applied_at=e.applied_at,
            ready=not why_not_ready(session, e, rules),
            offered=e.id in offered,
        )
        for e in _waiting(session, course_id)
    ]


def leave_list(session: Session, enrollment: Enrollment, reason: str) -> None:
    """The couple leaves the waiting list without having had a place: it owes nothing."""
    withdraw_open_offer(session, enrollment.id or 0)
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.status_reason = reason[:400]
    leaving_fees.owe_nothing(session, enrollment)
    session.flush()


def refuse_second_place(session: Session, couple_id: int, course_id: int) -> None:
    """A couple follows one course at a time."""
    other = session.exec(
        select(Course.code)
        .join(Enrollment, col(Enrollment.course_id) == Course.id)
        .where(
            Enrollment.couple_id == couple_id,
            Enrollment.course_id != course_id,
            Enrollment.status == EnrollmentStatus.ENROLLED,
            col(Course.status).not_in([CourseStatus.COMPLETED, CourseStatus.CANCELLED]),
        )
    ).first()
    if other is not None:
        raise RuleError(
            _(
                "The couple has a place in course {code} already; a couple follows one course "
                "at a time. Withdraw them there first."
            ).format(code=other)
        )


def refuse_again(earlier: Enrollment, code: str) -> None:
    """Why a couple cannot apply to a course it already has an enrollment in (unless it only
    waited and left the list)."""
    status = EnrollmentStatus(earlier.status)
    if status is EnrollmentStatus.WAITLISTED:
        message = _("This couple is on the waiting list of course {code} already.")
    elif status in (EnrollmentStatus.WITHDRAWN, EnrollmentStatus.REFERRED):
        if earlier.placed_at is None:
            return
        message = _(
            "This couple stopped with course {code}; it cannot join the same group again. "
            "Choose another course."
        )
    elif status is EnrollmentStatus.COMPLETED:
        message = _("This couple completed course {code}.")
    else:
        message = _("This couple is already enrolled in course {code}.")
    raise RuleError(message.format(code=code))


def leave_other_lists(session: Session, enrollment: Enrollment) -> None:
    """A couple that gets a place leaves the waiting lists of other courses."""
    code = session.get_one(Course, enrollment.course_id).code
    others = session.exec(
        select(Enrollment).where(
            Enrollment.couple_id == enrollment.couple_id,
            Enrollment.id != enrollment.id,
            Enrollment.status == EnrollmentStatus.WAITLISTED,
        )
    ).all()
    for other in others:
        leave_list(session, other, _("Has a place in course {code}.").format(code=code))
        settle(session, other.course_id)


def close_list(session: Session, course: Course) -> None:
    """A course that starts, ends or is cancelled offers no more places: open offers are
    taken back; when it ends, the couples still waiting leave its list."""
    assert course.id is not None
    for offer in open_offers(session, course.id):
        withdraw_open_offer(session, offer.enrollment_id)
    if CourseStatus(course.status) is CourseStatus.COMPLETED:
        for enrollment in _waiting(session, course.id):
            leave_list(session, enrollment, _("The course ended before a place came free."))


def settle(session: Session, course_id: int) -> list[PlaceOffer]:
    """Expire the offers not answered in time, then offer every free place to the first
    couple in line who may take it; returns the offers made."""
    course = session.get_one(Course, course_id)
    today = local_now(session).date()
    for offer in open_offers(session, course_id):
        if is_expired(offer.answer_by, today):
            offer.outcome = OfferOutcome.EXPIRED
            offer.answered_at = utc_now()
            enrollment = session.get_one(Enrollment, offer.enrollment_id)
            leave_list(
                session,
                enrollment,
                _("Did not answer the offered place by {date}.").format(
                    date=format_date(offer.answer_by)
                ),
            )
            audit(session, action="offer:expired", entity="place_offer", entity_id=offer.id)
    session.flush()
    if CourseStatus(course.status) not in ENROLLING_COURSE_STATUSES:
        return []
    rules = settings(session)
    made = []
    for enrollment_id in due_offers(places_of(session, course), line_of(session, course_id, rules)):
        offer = PlaceOffer(
            enrollment_id=enrollment_id,
            course_id=course_id,
            answer_by=answer_by(today, rules.answer_days),
        )
        session.add(offer)
        session.flush()
        audit(session, action="offer", entity="place_offer", entity_id=offer.id)
        made.append(offer)
    return made


@unit_of_work
def settle_all(session: Session, /) -> int:
    """Settle every course with something to settle (at start and after a long pause): an open
    offer whose answer-by day has passed, or a free place and a couple waiting for one; returns
    the number of offers made. A handful of reads however many courses have a waiting list: the
    start of the window waits for it."""
    today = local_now(session).date()
    offered: dict[int, int] = {}
    due: set[int] = set()
    for course_id, answer_by_day in session.exec(
        select(col(PlaceOffer.course_id), col(PlaceOffer.answer_by)).where(
            PlaceOffer.outcome == OfferOutcome.OPEN
        )
    ).all():
        offered[course_id] = offered.get(course_id, 0) + 1
        if is_expired(answer_by_day, today):
            due.add(course_id)
    waiting = (
        select(Enrollment.course_id)
        .where(Enrollment.status == EnrollmentStatus.WAITLISTED)
        .distinct()
        .subquery()
    )
    taken = (
        select(func.count())
        .select_from(Enrollment)
        .where(Enrollment.course_id == Course.id, col(Enrollment.status).in_(list(PLACE_HOLDING)))
        .scalar_subquery()
    )
    for candidate, capacity, holding in session.exec(
        select(col(Course.id), col(Course.capacity), taken)
        .join(waiting, waiting.c.course_id == col(Course.id))
        .where(col(Course.status).in_(list(ENROLLING_COURSE_STATUSES)))
    ).all():
        assert candidate is not None  # a stored course
        if Places(capacity, holding, offered.get(candidate, 0)).free > 0:
            due.add(candidate)
    return sum(len(settle(session, course_id)) for course_id in sorted(due))


def settle_couple(session: Session, couple_id: int) -> None:
    """Settle each course whose list the couple is on (after an intake, for instance)."""
    for course_id in session.exec(
        select(Enrollment.course_id).where(
            Enrollment.couple_id == couple_id, Enrollment.status == EnrollmentStatus.WAITLISTED
        )
    ).all():
        settle(session, course_id)


@dataclass(frozen=True)
class OfferInfo:
    id: int
    enrollment_id: int
    course_id: int
    offered_on: date
    answer_by: date
    outcome: OfferOutcome
    answered_on: date | None
    version: int

    def expired_on(self, today: date) -> bool:
        return self.outcome is OfferOutcome.OPEN and is_expired(self.answer_by, today)


def _offer_info(session: Session, offer: PlaceOffer) -> OfferInfo:
    return OfferInfo(
        id=offer.id or 0,
        enrollment_id=offer.enrollment_id,
        course_id=offer.course_id,
        offered_on=local_date(session, offer.offered_at),
        answer_by=offer.answer_by,
        outcome=OfferOutcome(offer.outcome),
        answered_on=local_date(session, offer.answered_at) if offer.answered_at else None,
        version=offer.version,
    )


@dataclass(frozen=True)
class WaitingCouple:
    """One line of a course's waiting list, in order."""

    enrollment_id: int
    couple_id: int
    position: int
    names: str
    applied_on: date
    days_waiting: int
    not_ready: str  # why the couple cannot take a place now ("" when it can)
    passed_over: bool
    offer: OfferInfo | None
    offer_expired: bool  # the open offer's answer-by day has passed
    version: int


@read_only
def waiting_list(session: Session, /, *, course_id: int) -> list[WaitingCouple]:
    """The course's waiting list in fair order, with waiting time, readiness and open offers."""
    check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    rules = settings(session)
    waiting = _waiting(session, course_id)
    offers = {o.enrollment_id: _offer_info(session, o) for o in open_offers(session, course_id)}
    reasons = {e.id: why_not_ready(session, e, rules) for e in waiting}  # one intake read each
    names = couple_names(session, couple_ids=[e.couple_id for e in waiting])
    local = local_dates(session)
    today = local_now(session).date()
    line = in_order(
        InLine(e.id or 0, e.applied_at, ready=not reasons[e.id], offered=e.id in offers)
        for e in waiting
    )
    by_id = {e.id: e for e in waiting}
    result = []
    for position, entry in enumerate(line, start=1):
        enrollment = by_id[entry.enrollment_id]
        applied = local(enrollment.applied_at)
        offer = offers.get(entry.enrollment_id)
        result.append(
            WaitingCouple(
                enrollment_id=entry.enrollment_id,
                couple_id=enrollment.couple_id,
                position=position,
                names=names.get(enrollment.couple_id, ""),
                applied_on=applied,
                days_waiting=(today - applied).days,
                not_ready=reasons[entry.enrollment_id],
                passed_over=bool(enrollment.passed_over_reason),
                offer=offer,
                offer_expired=offer is not None and offer.expired_on(today),
                version=enrollment.version,
            )
        )
    return result


@dataclass(frozen=True)
class Applying:
    """What enrolling a couple in a course would do now: a place, or the waiting list and why."""

    takes_place: bool
    position: int  # on the waiting list: the place in line it would get
    reason: str  # why the couple would wait


@read_only
def on_applying(session: Session, /, *, couple_id: int, course_id: int) -> Applying:
    """Tell the user before enrolling whether the couple gets a place or joins the list."""
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    rules = settings(session)
    line = line_of(session, course_id, rules)
    places = places_of(session, course)
    ready = not why_not_ready(session, Enrollment(couple_id=couple_id, course_id=course_id), rules)
    if takes_place_at_once(places, line, ready=ready):
        return Applying(True, 0, "")
    if not ready:
        reason = _("no intake has found the couple suitable yet")
    elif line:
        reason = ngettext(
            "{n} couple is waiting already", "{n} couples are waiting already", len(line)
        ).format(n=len(line))
    else:
        reason = _("the course is full")
    return Applying(False, len(line) + 1, reason)


@unit_of_work
def offer_place(session: Session, /, *, course_id: int) -> list[OfferInfo]:
    """Offer the course's free places to the first couples in line (normally done by itself
    whenever a place frees up); refused when no place is free."""
    course = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    if CourseStatus(course.status) not in ENROLLING_COURSE_STATUSES:
        raise RuleError(
            _("Places cannot be offered in a course that is {status}.").format(
                status=CourseStatus(course.status).label
            )
        )
    places = places_of(session, course)
    if places.free == 0:
        raise RuleError(
            _(
                "There is no free place to offer (places: {capacity}; with a place: {taken}; "
                "offered a place and not answered yet: {offered})."
            ).format(taken=places.taken, capacity=places.capacity, offered=places.offered)
        )
    made = settle(session, course_id)
    if not made:
        raise RuleError(_("Nobody on the waiting list can take a place now."))
    return [_offer_info(session, o) for o in made]


def _the_offer(session: Session, offer_id: int, version: int) -> PlaceOffer:
    offer = check.get_or_fail(session, PlaceOffer, offer_id, what=lambda: _("The offer"))
    check.check_version(offer, version)
    if offer.outcome != OfferOutcome.OPEN:
        raise RuleError(
            _("This offer was answered already ({outcome}).").format(
                outcome=OfferOutcome(offer.outcome).label
            )
        )
    return offer


@unit_of_work
def accept_offer(session: Session, /, *, offer_id: int, version: int) -> OfferInfo:
    """The couple takes the offered place: enrolled. Refused after the answer-by day."""
    offer = _the_offer(session, offer_id, version)
    if is_expired(offer.answer_by, local_now(session).date()):
        raise RuleError(
            _(
                "The offer had to be answered by {date}; that day has passed, so the place "
                "goes to the next couple in line."
            ).format(date=format_date(offer.answer_by))
        )
    course = session.get_one(Course, offer.course_id)
    if CourseStatus(course.status) not in ENROLLING_COURSE_STATUSES:
        raise RuleError(
            _("The course is {status}; it no longer takes couples.").format(
                status=CourseStatus(course.status).label
            )
        )
    enrollment = session.get_one(Enrollment, offer.enrollment_id)
    refuse_second_place(session, enrollment.couple_id, offer.course_id)
    enrollment.status = EnrollmentStatus.ENROLLED
    enrollment.placed_at = utc_now()
    offer.outcome = OfferOutcome.ACCEPTED
    offer.answered_at = utc_now()
    session.flush()
    audit(session, action="offer:accepted", entity="place_offer", entity_id=offer.id)
    leave_other_lists(session, enrollment)
    settle(session, offer.course_id)
    return _offer_info(session, offer)


@unit_of_work
def decline_offer(
    session: Session, /, *, offer_id: int, version: int, move_to_course_id: int | None = None
) -> OfferInfo:
    """The couple does not take the offered place: it leaves this course's list, or moves to
    another course's list keeping its date of application; the place goes to the next couple."""
    offer = _the_offer(session, offer_id, version)
    offer.outcome = OfferOutcome.DECLINED
    offer.answered_at = utc_now()
    enrollment = session.get_one(Enrollment, offer.enrollment_id)
    session.flush()
    audit(session, action="offer:declined", entity="place_offer", entity_id=offer.id)
    if move_to_course_id is None:
        leave_list(session, enrollment, _("Declined the offered place."))
    else:
        _move(session, enrollment, move_to_course_id)
    settle(session, offer.course_id)
    return _offer_info(session, offer)


def _waiting_enrollment(session: Session, enrollment_id: int, version: int) -> Enrollment:
    enrollment = check.get_or_fail(
        session, Enrollment, enrollment_id, what=lambda: _("The enrollment")
    )
    check.check_version(enrollment, version)
    if enrollment.status != EnrollmentStatus.WAITLISTED:
        raise RuleError(_("The couple is not on the waiting list."))
    return enrollment


def withdraw_open_offer(session: Session, enrollment_id: int) -> None:
    """Take back a couple's open offer (it leaves the list, or is passed over or moved)."""
    offer = open_offer_of(session, enrollment_id)
    if offer is not None:
        offer.outcome = OfferOutcome.WITHDRAWN
        offer.answered_at = utc_now()
        session.flush()
        audit(session, action="offer:withdrawn", entity="place_offer", entity_id=offer.id)


@unit_of_work
def pass_over(session: Session, /, *, enrollment_id: int, version: int, reason: str) -> None:
    """Skip a waiting couple for places in this course, with the reason, until put back in
    line; an open offer to the couple is taken back and goes to the next couple."""
    enrollment = _waiting_enrollment(session, enrollment_id, version)
    cleaned = check.text(reason, field="reason", label=_("Reason"), max_length=400)
    withdraw_open_offer(session, enrollment_id)
    enrollment.passed_over_reason = cleaned
    session.add(
        WaitingListChange(
            enrollment_id=enrollment_id,
            kind=WaitingListChangeKind.PASSED_OVER,
            course_id=enrollment.course_id,
            reason=cleaned,
        )
    )
    session.flush()
    audit(session, action="passed_over", entity="enrollment", entity_id=enrollment_id)
    settle(session, enrollment.course_id)


@unit_of_work
def put_back(session: Session, /, *, enrollment_id: int, version: int) -> None:
    """A passed-over couple takes its place in line again (its date of application counts)."""
    enrollment = _waiting_enrollment(session, enrollment_id, version)
    if not enrollment.passed_over_reason:
        raise RuleError(_("The couple was not passed over."))
    enrollment.passed_over_reason = ""
    session.add(
        WaitingListChange(
            enrollment_id=enrollment_id,
            kind=WaitingListChangeKind.PUT_BACK,
            course_id=enrollment.course_id,
        )
    )
    session.flush()
    audit(session, action="put_back", entity="enrollment", entity_id=enrollment_id)
    settle(session, enrollment.course_id)


@unit_of_work
def move_to_course(
    session: Session, /, *, enrollment_id: int, version: int, course_id: int
) -> None:
    """Move a waiting couple to another course's waiting list, keeping its date of application
    (so it takes its fair place in the new line)."""
    enrollment = _waiting_enrollment(session, enrollment_id, version)
    old_course_id = enrollment.course_id
    _move(session, enrollment, course_id)
    settle(session, old_course_id)


def _move(session: Session, enrollment: Enrollment, course_id: int) -> None:
    target = check.get_or_fail(session, Course, course_id, what=lambda: _("The course"))
    if course_id == enrollment.course_id:
        raise RuleError(_("The couple is already on this course's list."))
    if CourseStatus(target.status) not in ENROLLING_COURSE_STATUSES:
        raise RuleError(
            _("Couples cannot enroll in a course that is {status}.").format(
                status=CourseStatus(target.status).label
            )
        )
    earlier = session.exec(
        select(Enrollment).where(
            Enrollment.course_id == course_id, Enrollment.couple_id == enrollment.couple_id
        )
    ).first()
    if earlier is not None:
        refuse_again(earlier, target.code)
        raise RuleError(
            _(
                "This couple left the waiting list of course {code} before; enroll them there "
                "again instead."
            ).format(code=target.code)
        )
    withdraw_open_offer(session, enrollment.id or 0)
    session.add(
        WaitingListChange(
            enrollment_id=enrollment.id or 0,
            kind=WaitingListChangeKind.MOVED,
            course_id=enrollment.course_id,
            other_course_id=course_id,
        )
    )
    enrollment.course_id = course_id
    enrollment.status = EnrollmentStatus.WAITLISTED
    enrollment.status_reason = ""
    enrollment.passed_over_reason = ""
    session.flush()
    audit(session, action="moved", entity="enrollment", entity_id=enrollment.id)
    settle(session, course_id)


@dataclass(frozen=True)
class HistoryEntry:
    """One event in a couple's way through courses and waiting lists."""

    at: datetime  # when, in UTC without time zone (for ordering)
    on: date  # the organisation's calendar date
    course_code: str
    text: str


@read_only
def couple_history(session: Session, /, *, couple_id: int) -> list[HistoryEntry]:
    """What happened to a couple's applications, oldest first: applications, offers and their
    answers, passing over, moves, and how each enrollment ended."""
    check.get_or_fail(session, Couple, couple_id, what=lambda: _("The couple"))
    enrollments = session.exec(select(Enrollment).where(Enrollment.couple_id == couple_id)).all()
    ids = [e.id for e in enrollments]
    changes = session.exec(
        select(WaitingListChange).where(col(WaitingListChange.enrollment_id).in_(ids))
    ).all()
    offers = session.exec(select(PlaceOffer).where(col(PlaceOffer.enrollment_id).in_(ids))).all()
    course_ids = {e.course_id for e in enrollments} | {o.course_id for o in offers}
    course_ids |= {c.course_id for c in changes} | {c.other_course_id or 0 for c in changes}
    codes = dict(
        session.exec(select(Course.id, Course.code).where(col(Course.id).in_(course_ids))).all()
    )
    local = local_dates(session)
    entries: list[tuple[datetime, int, HistoryEntry]] = []

    def add(moment: datetime, order: int, course_id: int, text: str) -> None:
        utc = moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
        entry = HistoryEntry(utc, local(moment), codes.get(course_id, ""), text)
        entries.append((utc, order, entry))

    moved_from = {
        c.enrollment_id: c.course_id
        for c in sorted(changes, key=lambda c: (c.at, c.id or 0), reverse=True)
        if c.kind == WaitingListChangeKind.MOVED
    }
    for e in enrollments:
        status = EnrollmentStatus(e.status).label
        first_course = moved_from.get(e.id or 0, e.course_id)
        text = (
            _("applied; today: {status}").format(status=status)
            if first_course == e.course_id
            else _("applied; today: {status} in {code}").format(
                status=status, code=codes.get(e.course_id, "")
            )
        )
        add(
            e.applied_at,
            0,
            first_course,
            text + (f" ({e.status_reason})" if e.status_reason else ""),
        )
    for c in changes:
        if c.kind == WaitingListChangeKind.MOVED:
            text = _("moved to the waiting list of {code}").format(
                code=codes.get(c.other_course_id or 0, "?")
            )
        elif c.kind == WaitingListChangeKind.PASSED_OVER:
            text = _("passed over: {reason}").format(reason=c.reason)
        else:
            text = WaitingListChangeKind(c.kind).label
        add(c.at, 1, c.course_id, text)
    for o in offers:
        add(
            o.offered_at,
            2,
            o.course_id,
            _("offered a place, to answer by {date}").format(date=format_date(o.answer_by)),
        )
        if o.answered_at is not None:
            add(o.answered_at, 3, o.course_id, OfferOutcome(o.outcome).label)
    return [entry for _moment, _order, entry in sorted(entries, key=lambda t: (t[0], t[1]))]


@dataclass(frozen=True)
class WaitingTime:
    """How long couples with a place waited, from application to the first meeting."""

    median_days: float | None
    couples: int


def waiting_times(session: Session, course_ids: list[int]) -> dict[int, list[int]]:
    """Days from application to the course's first meeting, per course, for every couple
    that holds a place (a couple moved between lists counts from its first application)."""
    first = dict(
        session.exec(
            select(GroupSession.course_id, func.min(GroupSession.date))
            .where(col(GroupSession.course_id).in_(course_ids))
            .where(GroupSession.status != GroupSessionStatus.CANCELLED)
            .group_by(col(GroupSession.course_id))
        ).all()
    )
    waits: dict[int, list[int]] = {course_id: [] for course_id in course_ids}
    rows = session.exec(
        select(Enrollment.course_id, Enrollment.applied_at).where(
            col(Enrollment.course_id).in_(course_ids),
            col(Enrollment.status).in_(list(PLACE_HOLDING)),
        )
    ).all()
    local = local_dates(session)
    for course_id, applied_at in rows:
        if course_id in first:
            waits[course_id].append(max((first[course_id] - local(applied_at)).days, 0))
    return waits


def median_of(days: list[int]) -> WaitingTime:
    return WaitingTime(float(median(days)) if days else None, len(days))


@read_only
def waiting_time(session: Session, /, *, course_id: int) -> WaitingTime:
    """The median number of days from application to first meeting in one course."""
    return median_of(waiting_times(session, [course_id])[course_id])
