"""The fair waiting list as the office lives it: places freed, offered, answered, passed over,
moved; intake first; how long couples wait."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event
from sqlmodel import select

from holdmetight.domain.couple import Couple, PlaceOffer
from holdmetight.domain.course import Course
from holdmetight.domain.enums import (
    CourseStatus,
    EnrollmentStatus,
    IntakeOutcome,
    OfferOutcome,
    TrafficLight,
)
from holdmetight.domain.organisation import Organisation
from holdmetight.errors import RuleError, ValidationError
from holdmetight.services import courses, enrollments, intakes, organisations, waiting_list

START = datetime(2026, 9, 1, 9, tzinfo=UTC)


def apply(session, course, couples, *, hours_from=0):
    """Each couple applies an hour after the one before; returns their enrollments."""
    return [
        enrollments.enroll(
            session,
            couple_id=c.id,
            course_id=course.row.id,
            applied_at=START + timedelta(hours=hours_from + n),
        )
        for n, c in enumerate(couples)
    ]


def status(session, enrollment):
    listed = enrollments.list_enrollments(session, course_id=enrollment.course_id)
    return next(e for e in listed if e.id == enrollment.id).status


def open_offer(session, course):
    (offer,) = [
        w.offer for w in waiting_list.waiting_list(session, course_id=course.row.id) if w.offer
    ]
    return offer


def withdraw(session, enrollment):
    enrollments.set_enrollment_status(
        session, enrollment_id=enrollment.id, status=EnrollmentStatus.WITHDRAWN, reason="Verhuisd"
    )


@pytest.fixture
def full_course(session, make):
    """A course of two places, both taken, and three couples waiting (in this order)."""
    course = make.course("HMV-W", capacity=2)
    placed = apply(session, course, [make.couple(f"Plaats{n}") for n in range(2)])
    waiting = apply(session, course, [make.couple(f"Wacht{n}") for n in range(3)], hours_from=10)
    return course, placed, waiting


def test_withdrawal_offers_place_to_first_waiting_couple(session, make, full_course):
    course, placed, waiting = full_course
    withdraw(session, placed[0])
    offer = open_offer(session, course)
    assert offer.enrollment_id == waiting[0].id
    assert offer.answer_by == offer.offered_on + timedelta(days=7)
    newcomer = apply(session, course, [make.couple("Nieuw")], hours_from=50)[0]
    assert newcomer.status is EnrollmentStatus.WAITLISTED
    assert [w.position for w in waiting_list.waiting_list(session, course_id=course.row.id)] == [
        1,
        2,
        3,
        4,
    ]


def test_accepting_the_offer_gives_the_couple_the_place(session, full_course):
    course, placed, waiting = full_course
    withdraw(session, placed[0])
    offer = open_offer(session, course)
    waiting_list.accept_offer(session, offer_id=offer.id, version=offer.version)
    assert status(session, waiting[0]) is EnrollmentStatus.ENROLLED
    assert enrollments.course_places(session, course_id=course.row.id).free == 0
    with pytest.raises(RuleError, match="answered already"):
        waiting_list.accept_offer(session, offer_id=offer.id, version=offer.version + 1)


def test_declined_offer_goes_to_the_next_couple_and_the_history_is_kept(session, full_course):
    course, placed, waiting = full_course
    withdraw(session, placed[0])
    first = open_offer(session, course)
    waiting_list.decline_offer(session, offer_id=first.id, version=first.version)
    assert status(session, waiting[0]) is EnrollmentStatus.WITHDRAWN
    assert open_offer(session, course).enrollment_id == waiting[1].id
    history = [h.text for h in waiting_list.couple_history(session, couple_id=waiting[0].couple_id)]
    assert history[1].startswith("offered a place, to answer by")
    assert history[2] == "declined"


def test_accepting_after_the_answer_by_date_is_refused(session, full_course):
    course, placed, waiting = full_course
    withdraw(session, placed[0])
    stored = session.exec(select(PlaceOffer)).one()
    stored.answer_by = date.today() - timedelta(days=2)
    session.commit()
    offer = open_offer(session, course)
    with pytest.raises(RuleError, match="had to be answered by"):
        waiting_list.accept_offer(session, offer_id=offer.id, version=offer.version)
    waiting_list.settle_all(session)
    assert session.get(PlaceOffer, offer.id).outcome == OfferOutcome.EXPIRED
    assert status(session, waiting[0]) is EnrollmentStatus.WITHDRAWN
    assert open_offer(session, course).enrollment_id == waiting[1].id


def test_settling_all_offers_only_places_that_are_free(session, make, full_course):
    """At start every course is settled that has a place free (here one freed on another PC
    by an older version, without settling) or an offer past its day; a full course is not."""
    course, _placed, waiting = full_course
    other = make.course("HMV-V", capacity=1)
    apply(session, other, [make.couple("Vol0")])
    still_waiting = apply(session, other, [make.couple("Vol1")], hours_from=20)
    stored = session.get(Course, course.row.id)
    stored.capacity = 3  # the version moves: no stale copy is kept
    session.commit()
    assert waiting_list.settle_all(session) == 1
    assert open_offer(session, course).enrollment_id == waiting[0].id
    assert waiting_list.settle_all(session) == 0
    assert not [w for w in waiting_list.waiting_list(session, course_id=other.row.id) if w.offer]
    assert status(session, still_waiting[0]) is EnrollmentStatus.WAITLISTED


def test_settling_at_start_reads_the_same_however_many_courses_have_a_list(
    database, session, make, full_course
):
    """The window's start settles every course: full courses with couples waiting (most of
    them, in a busy office) cost no statements of their own."""

    def statements_of_settling() -> int:
        seen = []
        listener = lambda *_args: seen.append(1)  # noqa: E731 - counted, nothing more
        event.listen(database.engine, "before_cursor_execute", listener)
        try:
            waiting_list.settle_all(session)
        finally:
            event.remove(database.engine, "before_cursor_execute", listener)
        return len(seen)

    few = statements_of_settling()
    for n in range(4):
        more = make.course(f"HMV-X{n}", capacity=1)
        apply(session, more, [make.couple(f"Vol{n}a"), make.couple(f"Vol{n}b")])
    assert statements_of_settling() == few


def test_raising_the_capacity_offers_the_new_places(session, full_course):
    course, _placed, waiting = full_course
    info = courses.get_course(session, course_id=course.row.id)
    raise_to(session, info, 4)
    offered = [
        w.enrollment_id
        for w in waiting_list.waiting_list(session, course_id=course.row.id)
        if w.offer
    ]
    assert offered == [waiting[0].id, waiting[1].id]


def raise_to(session, info, capacity):
    lead = next(f for f in info.facilitators if f.role.value == "lead")
    co = next(f for f in info.facilitators if f.role.value == "co")
    return courses.update_course(
        session,
        course_id=info.row.id,
        version=info.version,
        title=info.row.title,
        lead_facilitator_id=lead.facilitator_id,
        co_facilitator_id=co.facilitator_id,
        venue_id=info.venue_id,
        language=info.row.language,
        capacity=capacity,
    )


def test_lowering_the_capacity_below_the_couples_enrolled_is_refused(session, full_course):
    course, placed, _waiting = full_course
    info = courses.get_course(session, course_id=course.row.id)
    with pytest.raises(ValidationError, match="cannot have fewer than 2 places"):
        raise_to(session, info, 1)
    withdraw(session, placed[0])  # the freed place is offered: it still counts
    info = courses.get_course(session, course_id=course.row.id)
    with pytest.raises(ValidationError, match="not answered yet: 1"):
        raise_to(session, info, 1)


def test_offering_a_place_that_is_not_free_is_refused(session, full_course):
    course, _placed, _waiting = full_course
    with pytest.raises(RuleError, match="no free place to offer"):
        waiting_list.offer_place(session, course_id=course.row.id)


def test_a_couple_passed_over_needs_a_reason_and_waits_until_put_back(session, full_course):
    course, placed, waiting = full_course
    withdraw(session, placed[0])
    first = waiting_list.waiting_list(session, course_id=course.row.id)[0]
    with pytest.raises(ValidationError, match="Reason is required"):
        waiting_list.pass_over(
            session, enrollment_id=first.enrollment_id, version=first.version, reason=" "
        )
    waiting_list.pass_over(
        session,
        enrollment_id=first.enrollment_id,
        version=first.version,
        reason="Kent een ander stel in deze groep",
    )
    line = waiting_list.waiting_list(session, course_id=course.row.id)
    assert line[0].not_ready == "passed over: Kent een ander stel in deze groep"
    assert line[0].offer is None and line[1].offer is not None
    waiting_list.put_back(session, enrollment_id=line[0].enrollment_id, version=line[0].version)
    line = waiting_list.waiting_list(session, course_id=course.row.id)
    assert line[0].not_ready == "" and line[0].position == 1
    texts = [h.text for h in waiting_list.couple_history(session, couple_id=waiting[0].couple_id)]
    assert "passed over: Kent een ander stel in deze groep" in texts
    assert "back in line" in texts


def test_a_moved_couple_keeps_its_date_of_application(session, make, full_course):
    course, _placed, waiting = full_course
    other = make.course("HMV-V", capacity=1)
    later = apply(session, other, [make.couple("Later"), make.couple("Nog later")], hours_from=30)
    assert later[1].status is EnrollmentStatus.WAITLISTED
    moving = waiting_list.waiting_list(session, course_id=course.row.id)[2]
    waiting_list.move_to_course(
        session, enrollment_id=moving.enrollment_id, version=moving.version, course_id=other.row.id
    )
    line = waiting_list.waiting_list(session, course_id=other.row.id)
    assert [w.enrollment_id for w in line] == [waiting[2].id, later[1].id]
    assert line[0].applied_on == START.date()
    texts = [h.text for h in waiting_list.couple_history(session, couple_id=waiting[2].couple_id)]
    assert "moved to the waiting list of HMV-V" in texts


def test_without_a_suitable_intake_the_couple_only_joins_the_waiting_list(session, make):
    course = make.course("HMV-I", capacity=4)
    (entry,) = apply(session, course, [make.couple("Zonder", intake=False)])
    assert entry.status is EnrollmentStatus.WAITLISTED
    assert entry.not_ready == "no intake yet"
    assert enrollments.course_places(session, course_id=course.row.id).free == 4
    intakes.record_intake(
        session,
        couple_id=entry.couple_id,
        on=date.today(),
        traffic_light=TrafficLight.ORANGE,
        outcome=IntakeOutcome.SUITABLE,
    )
    assert open_offer(session, course).enrollment_id == entry.id


def test_an_office_without_the_intake_rule_gives_a_place_at_once(session, make):
    course = make.course("HMV-J", capacity=4)
    session.add(Organisation(name="Wijkteam", intake_required=False))
    session.commit()
    (entry,) = apply(session, course, [make.couple("Direct", intake=False)])
    assert entry.status is EnrollmentStatus.ENROLLED


def test_median_days_from_application_to_first_meeting(session, make):
    course = make.course("HMV-M", capacity=3, first_date=date(2026, 10, 6))
    apply(session, course, [make.couple() for _ in range(3)])  # all on 1 September
    assert waiting_list.waiting_time(session, course_id=course.row.id) == waiting_list.WaitingTime(
        35.0, 3
    )


def test_an_open_offer_is_taken_back_when_the_course_starts(session, full_course):
    course, placed, waiting = full_course
    withdraw(session, placed[0])
    offer = open_offer(session, course)
    courses.change_course_status(session, course_id=course.row.id, status=CourseStatus.OPEN)
    courses.change_course_status(session, course_id=course.row.id, status=CourseStatus.RUNNING)
    assert session.get(PlaceOffer, offer.id).outcome == OfferOutcome.WITHDRAWN
    with pytest.raises(RuleError, match="answered already"):
        waiting_list.accept_offer(session, offer_id=offer.id, version=offer.version + 1)
    assert status(session, waiting[0]) is EnrollmentStatus.WAITLISTED, "it may be moved"
    courses.change_course_status(session, course_id=course.row.id, status=CourseStatus.COMPLETED)
    assert {status(session, w) for w in waiting} == {EnrollmentStatus.WITHDRAWN}


def test_a_couple_follows_one_course_at_a_time(session, make, full_course):
    course, _placed, waiting = full_course
    other = make.course("HMV-A", capacity=4)
    elsewhere = apply(session, other, [make.couple("Elders")])[0]
    with pytest.raises(RuleError, match="has a place in course HMV-A already"):
        enrollments.enroll(session, couple_id=elsewhere.couple_id, course_id=course.row.id)
    # A couple waiting for two courses leaves the other list once it has a place.
    (also,) = apply(session, other, [session.get(Couple, waiting[0].couple_id)], hours_from=40)
    assert also.status is EnrollmentStatus.ENROLLED
    assert status(session, waiting[0]) is EnrollmentStatus.WITHDRAWN
    assert waiting_list.waiting_list(session, course_id=course.row.id)[0].enrollment_id == (
        waiting[1].id
    )


def test_a_couple_that_left_the_list_may_apply_again_but_not_one_that_stopped(
    session, make, full_course
):
    course, placed, waiting = full_course
    withdraw(session, waiting[2])
    again = enrollments.enroll(session, couple_id=waiting[2].couple_id, course_id=course.row.id)
    assert again.id == waiting[2].id and again.status is EnrollmentStatus.WAITLISTED
    assert again.waitlist_position == 3, "a new application joins the end of the list"
    withdraw(session, placed[1])
    with pytest.raises(RuleError, match="stopped with course HMV-W"):
        enrollments.enroll(session, couple_id=placed[1].couple_id, course_id=course.row.id)


def test_turning_the_intake_rule_off_offers_free_places_at_once(session, make):
    course = make.course("HMV-K", capacity=2)
    (entry,) = apply(session, course, [make.couple("Zonder", intake=False)])
    assert entry.not_ready == "no intake yet"
    session.add(Organisation(name="Wijkteam"))
    session.commit()
    organisations.save_course_settings(
        session, version=None, offer_answer_days=7, intake_required=False, school_region=None
    )
    assert open_offer(session, course).enrollment_id == entry.id
