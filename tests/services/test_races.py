"""Several PCs acting at the same moment break no rule (issue 15, item 3): places, the
waiting list's order, a fee's balance, course codes and a meeting's attendance hold when every
writer has a connection of its own and all of them start together, on SQLite and on the server.

Each test releases its writers with a barrier once every one of them is connected, so that
they really race; on the server a writer waits for the write lock (see ``db/engine.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from sqlmodel import Session, select

from holdmetight.db.database import open_database
from holdmetight.domain.couple import Enrollment
from holdmetight.domain.enums import AttendanceStatus, EnrollmentStatus, PaymentMethod
from holdmetight.errors import ConflictError, HoldMeTightError, RuleError, ValidationError
from holdmetight.services import (
    attendance,
    course_list,
    courses,
    enrollments,
    fee_assessments,
    fee_scales,
    payments,
    waiting_list,
)

T = TypeVar("T")
RACERS = 20
WAIT_S = 60


def at_once(url: str, count: int, act: Callable[[Session, int], T]) -> list[T | HoldMeTightError]:
    """``act(session, n)`` for n in 0..count-1, each on a connection of its own in a thread of
    its own, all released at the same moment; what each returned or the error it raised."""
    databases = [open_database(url, create=False) for _ in range(count)]
    for database in databases:  # connected before the start, so that the race is the writes
        database.engine.connect().close()
    start = threading.Barrier(count)
    results: list[T | HoldMeTightError | None] = [None] * count

    def run(n: int) -> None:
        with databases[n].session() as session:
            start.wait(WAIT_S)
            try:
                results[n] = act(session, n)
            except HoldMeTightError as error:
                results[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_S)
    for database in databases:
        database.dispose()
    assert all(r is not None for r in results), "every writer finished"
    return results  # type: ignore[return-value]


def errors(results: list[object]) -> list[HoldMeTightError]:
    return [r for r in results if isinstance(r, HoldMeTightError)]


def test_twenty_couples_enrolling_at_once_into_six_places_fill_six_and_wait_in_order(
    session, make, db_url
):
    course = make.course("HMV-RACE", capacity=6)
    couple_ids = [make.couple().id for _ in range(RACERS)]

    results = at_once(
        db_url,
        RACERS,
        lambda s, n: enrollments.enroll(s, couple_id=couple_ids[n], course_id=course.row.id),
    )

    assert errors(results) == []
    session.expire_all()
    stored = session.exec(select(Enrollment).where(Enrollment.course_id == course.row.id)).all()
    by_status = {
        status: sorted((e for e in stored if e.status == status), key=lambda e: e.applied_at)
        for status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED)
    }
    placed, waiting = by_status[EnrollmentStatus.ENROLLED], by_status[EnrollmentStatus.WAITLISTED]
    assert (len(placed), len(waiting)) == (6, RACERS - 6)
    # First come, first placed: everyone placed applied before everyone who waits ...
    assert max(e.applied_at for e in placed) < min(e.applied_at for e in waiting)
    # ... and the waiting list follows the order of applying, one position each.
    line = waiting_list.waiting_list(session, course_id=course.row.id)
    assert [w.enrollment_id for w in line] == [e.id for e in waiting]
    assert [w.position for w in line] == list(range(1, RACERS - 6 + 1))
    assert all(w.offer is None for w in line)  # no place is left to offer


def test_payments_made_at_once_never_pay_more_than_the_fee(session, make, db_url):
    course = make.course("HMV-PAY")
    scale = make.fee_scale()
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    place = enrollments.enroll(session, couple_id=make.couple().id, course_id=course.row.id)
    band = next(b for b in scale.bands if b.fee == Decimal("25"))
    row = fee_assessments.assess_fee(session, enrollment_id=place.id, fee_band_id=band.id)
    assessment_id = row.assessment_id
    assert assessment_id is not None

    results = at_once(
        db_url,
        8,
        lambda s, n: payments.record_payment(
            s,
            assessment_id=assessment_id,
            amount=Decimal("10.00"),
            paid_on=date.today() - timedelta(days=1),
            method=PaymentMethod.CASH,
        ),
    )

    refused = errors(results)
    assert len(refused) == 6 and all(isinstance(e, RuleError) for e in refused)
    assert all("more than the" in str(e) for e in refused)
    after = fee_assessments.fee_row(session, enrollment_id=place.id)
    assert (after.paid, after.outstanding) == (Decimal("20.00"), Decimal("5.00"))


def test_one_course_code_given_at_once_by_several_pcs_is_stored_once(session, make, db_url):
    lead, co = make.facilitator(given="Ilse"), make.facilitator(given="Sanne", prefix="")
    venue = make.venue()

    results = at_once(
        db_url,
        8,
        lambda s, n: courses.create_course(
            s,
            code="HMV-ZELFDE",
            title=f"Houd me vast, groep {n}",
            program_code="HMT-WEEKLY",
            lead_facilitator_id=lead.id,
            co_facilitator_id=co.id,
            venue_id=venue.id,
            capacity=8,
        ),
    )

    refused = errors(results)
    assert len(refused) == 7
    assert {type(e) for e in refused} == {ValidationError}
    assert {str(e) for e in refused} == {"There is already a course with code HMV-ZELFDE."}
    assert [c.code for c in course_list.list_courses(session)].count("HMV-ZELFDE") == 1


def test_attendance_recorded_at_once_on_two_pcs_keeps_one_record_and_names_the_other(
    session, make, db_url
):
    course = make.course("HMV-ATT", first_date=date.today() - timedelta(days=14))
    place = enrollments.enroll(session, couple_id=make.couple().id, course_id=course.row.id)
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    meeting = grid.meetings[0]
    came, absent = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT
    marks = [(came, came), (came, absent), (absent, came), (absent, absent)]

    results = at_once(
        db_url,
        len(marks),
        lambda s, n: attendance.set_marks(
            s,
            group_session_id=meeting.id,
            version=meeting.version,
            marks=[(place.id, marks[n])],
        ),
    )

    refused = errors(results)
    assert len(refused) == len(marks) - 1
    assert all(isinstance(e, ConflictError) for e in refused)
    saved = next(n for n, r in enumerate(results) if not isinstance(r, HoldMeTightError))
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    assert grid.mark(place.id, meeting.id) == marks[saved]
