"""The home page's overview: what needs doing now, across all courses."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from holdmetight.domain.couple import Couple
from holdmetight.domain.course import Course, GroupSession
from holdmetight.domain.enums import (
    AttendanceStatus,
    CourseStatus,
    Language,
    MessageChannel,
    MessageKind,
    MessageStatus,
    OutcomeWave,
    PaymentMethod,
)
from holdmetight.domain.messages import Message
from holdmetight.services import (
    attendance,
    courses,
    enrollments,
    fee_assessments,
    fee_scales,
    payments,
    scheduling,
)
from holdmetight.services.demo import create_demo_data
from holdmetight.services.outcome_scores import due_questionnaires
from holdmetight.services.today import today_overview
from holdmetight.services.waiting_list import waiting_list

P, A = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT
TODAY = date.today()


def mark(session, meeting_id, marks):
    course_id = session.get_one(GroupSession, meeting_id).course_id
    grid = attendance.attendance_grid(session, course_id=course_id)
    version = next(m.version for m in grid.meetings if m.id == meeting_id)
    attendance.set_marks(session, group_session_id=meeting_id, version=version, marks=marks)


def running_course(session, make, code, *, weeks_ago):
    """A weekly course that began ``weeks_ago`` weeks ago (on a Tuesday), two couples that
    applied (and got their places) a month before it began."""
    start = TODAY - timedelta(weeks=weeks_ago)
    course = make.course(code, first_date=start - timedelta(days=start.weekday() - 1))
    applied = datetime.combine(start - timedelta(days=30), time(10), tzinfo=UTC)
    placed = [
        enrollments.enroll(
            session,
            couple_id=make.couple(f"{code}{n}").id,
            course_id=course.row.id,
            applied_at=applied,
        )
        for n in range(2)
    ]
    return course, placed


def test_meetings_not_recorded_and_couples_at_risk(session, make):
    course, (first, second) = running_course(session, make, "HMV-R", weeks_ago=4)
    meetings = attendance.attendance_grid(session, course_id=course.row.id).meetings
    begun = [m for m in meetings if m.started]
    # The first couple missed two steps; the second was recorded at the first meeting only.
    mark(session, begun[0].id, [(first.id, (A, A)), (second.id, (P, P))])
    mark(session, begun[1].id, [(first.id, (A, P))])

    found = today_overview(session)

    (risk,) = found.at_risk
    assert (risk.couple_id, risk.course_code, risk.missed) == (first.couple_id, "HMV-R", 2)
    unrecorded = {m.group_session_id: m.couples_missing for m in found.unrecorded}
    assert begun[0].id not in unrecorded  # both couples have a mark
    assert unrecorded[begun[1].id] == 1  # the second couple has none
    assert all(unrecorded[m.id] == 2 for m in begun[2:])
    assert not any(m.id in unrecorded for m in meetings if not m.started)


def test_this_weeks_meetings_run_from_monday_to_sunday(session, make):
    course, _placed = running_course(session, make, "HMV-W", weeks_ago=2)
    found = today_overview(session)
    assert found.week_first.weekday() == 0 and found.week_last - found.week_first == timedelta(6)
    assert found.week_first <= TODAY <= found.week_last
    assert [m.course_id for m in found.meetings] == [course.row.id]
    assert found.week_first <= found.meetings[0].date <= found.week_last


def test_what_is_left_out(session, make):
    """A cancelled course, an old course nobody closed (beyond the look-back), a meeting that
    has not begun: none of them asks for attendance or has couples at risk."""
    cancelled, placed = running_course(session, make, "HMV-C", weeks_ago=3)
    meetings = attendance.attendance_grid(session, course_id=cancelled.row.id).meetings
    started = [m for m in meetings if m.started]
    mark(session, started[0].id, [(placed[0].id, (A, A))])
    mark(session, started[1].id, [(placed[0].id, (A, A))])
    courses.change_course_status(
        session, course_id=cancelled.row.id, status=CourseStatus.CANCELLED, reason="Te weinig"
    )
    running_course(session, make, "HMV-OLD", weeks_ago=30)
    found = today_overview(session)
    assert found.at_risk == () and found.unrecorded == ()
    assert found.meetings == ()


def fee_scale_course(session, make, code, *, ended_days_ago):
    scale = make.fee_scale(f"Staffel {code}")
    course, (place, _other) = running_course(
        session, make, code, weeks_ago=(ended_days_ago + 50) // 7
    )
    fee_scales.set_course_fee_scale(session, course_id=course.row.id, fee_scale_id=scale.id)
    row = fee_assessments.assess_fee(session, enrollment_id=place.id, fee_band_id=scale.bands[2].id)
    return course, place, row


def test_fees_still_open_a_month_after_the_course_ended(session, make):
    course, place, row = fee_scale_course(session, make, "HMV-F", ended_days_ago=45)
    ended = courses.get_course(session, course_id=course.row.id).row.last_date
    assert ended is not None and ended <= TODAY - timedelta(days=30)
    payments.record_payment(
        session,
        assessment_id=row.assessment_id,
        amount=Decimal("5"),
        paid_on=TODAY,
        method=PaymentMethod.CASH,
    )
    found = today_overview(session)
    assert found.fees is not None
    (fee,) = found.fees
    assert (fee.couple_id, fee.course_ended) == (place.couple_id, ended)
    assert fee.outstanding == row.assessed - Decimal("5")
    # A login that may not see fees reads none.
    assert today_overview(session, with_fees=False).fees is None


def test_a_fee_paid_or_of_a_course_ended_lately_is_not_overdue(session, make):
    _course, _place, row = fee_scale_course(session, make, "HMV-P", ended_days_ago=45)
    payments.record_payment(
        session,
        assessment_id=row.assessment_id,
        amount=row.assessed,
        paid_on=TODAY,
        method=PaymentMethod.CASH,
    )
    fee_scale_course(session, make, "HMV-N", ended_days_ago=10)
    assert today_overview(session).fees == ()


def logged(session, couple_id: int, status: MessageStatus, **more) -> None:
    """An invitation in the message log, as the sender leaves it."""
    session.add(
        Message(
            couple_id=couple_id,
            kind=MessageKind.INVITATION,
            channel=MessageChannel.EMAIL,
            language=Language.NL,
            recipient="anna@example.com",
            subject="Uitnodiging",
            body="…",
            repeat_key="x",
            status=status,
            **more,
        )
    )


def test_messages_waiting_and_not_sent(session, make):
    couple = make.couple("Bericht")
    logged(session, couple.id, MessageStatus.QUEUED)
    logged(session, couple.id, MessageStatus.FAILED, error="550 mailbox unavailable")
    logged(session, couple.id, MessageStatus.SENT)
    session.commit()
    found = today_overview(session)
    assert found.messages_waiting == 1
    (failed,) = found.not_sent
    assert (failed.couple_id, failed.error) == (couple.id, "550 mailbox unavailable")


def test_the_demo_has_something_in_every_kind_of_work(session):
    create_demo_data(session, today=TODAY)
    found = today_overview(session)
    assert found.meetings and found.at_risk and found.offers and found.fees
    assert found.follow_ups
    # The follow-ups are the outcome due list's, counted per course.
    due = [i for i in due_questionnaires(session) if i.wave is OutcomeWave.FOLLOW_UP]
    assert sum(f.partners for f in found.follow_ups) == len(due)
    # Each open offer is the one the course's waiting list shows.
    for offer in found.offers:
        listed = [w for w in waiting_list(session, course_id=offer.course_id) if w.offer]
        assert offer.couple_id in {w.couple_id for w in listed}


def test_a_couple_placed_after_the_start_owes_no_marks_for_the_meetings_before(session, make):
    course, (first, second) = running_course(session, make, "HMV-L", weeks_ago=4)
    begun = [
        m
        for m in attendance.attendance_grid(session, course_id=course.row.id).meetings
        if m.started
    ]
    for meeting in begun:
        mark(session, meeting.id, [(first.id, (P, P)), (second.id, (P, P))])
    late = enrollments.enroll(session, couple_id=make.couple("Laat").id, course_id=course.row.id)
    found = today_overview(session)
    # Placed today: only a meeting of today that has begun could ask for its marks.
    assert all(m.date >= TODAY for m in found.unrecorded), found.unrecorded
    assert late.couple_id not in {r.couple_id for r in found.at_risk}


def test_a_make_up_meeting_asks_only_for_the_couples_who_missed_its_step(session, make):
    course, (first, second) = running_course(session, make, "HMV-M", weeks_ago=4)
    grid = attendance.attendance_grid(session, course_id=course.row.id)
    begun = [m for m in grid.meetings if m.started]
    for meeting in begun:
        mark(session, meeting.id, [(first.id, (P, P)), (second.id, (P, P))])
    # The second couple missed step 2; a make-up meeting for it was held yesterday.
    mark(session, begun[1].id, [(second.id, (A, A))])
    makeup = scheduling.add_makeup_session(
        session,
        course_id=course.row.id,
        course_version=courses.get_course(session, course_id=course.row.id).version,
        position=begun[1].position,
        on=TODAY - timedelta(days=1),
        start_time=time(19, 30),
        end_time=time(21, 30),
        venue_id=None,
    )
    found = {m.group_session_id: m.couples_missing for m in today_overview(session).unrecorded}
    assert found.get(makeup.id) == 1  # the second couple, not the first
    mark(session, makeup.id, [(second.id, (P, P))])
    assert makeup.id not in {m.group_session_id for m in today_overview(session).unrecorded}


def test_a_fee_is_overdue_only_more_than_30_days_after_the_course(session, make):
    course, _place, _row = fee_scale_course(session, make, "HMV-B", ended_days_ago=45)
    ended = courses.get_course(session, course_id=course.row.id).row.last_date
    assert today_overview(session).fees  # 45 days
    # The same course seen as if it had ended exactly 30 days ago: not yet overdue.
    session.get_one(Course, course.row.id).last_date = TODAY - timedelta(days=30)
    session.commit()
    assert today_overview(session).fees == ()
    session.get_one(Course, course.row.id).last_date = ended
    session.commit()


def test_an_anonymised_couple_is_listed_without_names(session, make):
    course, (first, _second) = running_course(session, make, "HMV-A", weeks_ago=4)
    begun = [
        m
        for m in attendance.attendance_grid(session, course_id=course.row.id).meetings
        if m.started
    ]
    mark(session, begun[0].id, [(first.id, (A, A))])
    mark(session, begun[1].id, [(first.id, (A, A))])
    session.get_one(Couple, first.couple_id).anonymised_at = datetime.now(UTC)
    session.commit()
    (risk,) = today_overview(session).at_risk
    assert (risk.couple_id, risk.names) == (first.couple_id, "")


def test_a_message_left_being_sent_is_listed_once_it_is_stranded(session, make):
    couple = make.couple("Halverwege")
    for made in (datetime.now(UTC) - timedelta(hours=3), datetime.now(UTC)):
        logged(session, couple.id, MessageStatus.SENDING, created_at=made)
    session.commit()
    (stranded,) = today_overview(session).not_sent  # the one still being sent is not
    assert stranded.stranded and stranded.couple_id == couple.id
