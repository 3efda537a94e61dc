"""Two people open the same couple, meeting or course; the first saves, the second's save from
the copy read before is refused with a message naming what changed, and saves nothing."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest

from holdmetight.domain.enums import AttendanceStatus, GroupSessionStatus
from holdmetight.errors import ConflictError
from holdmetight.i18n import format_date
from holdmetight.services import (
    attendance,
    couples,
    courses,
    enrollments,
    group_sessions,
    meeting_record,
    scheduling,
)
from holdmetight.services.changes import perform
from holdmetight.services.couples import PartnerInput
from holdmetight.services.transaction import current_user

P, A = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT


def who(database) -> str:
    """Who the audit trail names: the server login, or this computer's user."""
    return database.engine.url.username if database.path is None else current_user()


def reread(database, service, /, **kwargs):
    """What anyone opening it now would see (a fresh session, as the window reads)."""
    result, _changes = perform(database, service, **kwargs)
    return result


@pytest.fixture
def two_editors(database):
    """Editor A and editor B, each with a session of their own."""
    with database.session() as first, database.session() as second:
        yield first, second


@pytest.fixture
def started(make):
    """A course that began two weeks ago with two couples in it."""
    course = make.course("HMV-1", first_date=date.today() - timedelta(weeks=2))
    places = [
        enrollments.enroll(make.session, couple_id=make.couple(name).id, course_id=course.row.id)
        for name in ("Jansen", "Bakker")
    ]
    make.session.commit()
    return course, places


def with_phone(partner: PartnerInput, phone: str) -> PartnerInput:
    return PartnerInput(
        given_name=partner.given_name,
        name_prefix=partner.name_prefix,
        family_name=partner.family_name,
        email=partner.email,
        phone=phone,
        preferred_language=partner.preferred_language,
    )


def test_partner_2_changed_from_an_older_copy_does_not_undo_partner_1s_new_phone(
    database, make, two_editors
):
    made = make.couple("Jansen")
    make.session.commit()
    a, b = two_editors
    seen_by_a = couples.get_couple(a, couple_id=made.id)
    seen_by_b = couples.get_couple(b, couple_id=made.id)
    assert seen_by_a.version == seen_by_b.version

    saved = couples.update_couple(
        a,
        couple_id=made.id,
        version=seen_by_a.version,
        partners=(with_phone(seen_by_a.partners[0], "06 12345678"), seen_by_a.partners[1]),
        postcode=seen_by_a.postcode,
        municipality=seen_by_a.municipality,
    )
    assert saved.version > seen_by_a.version, "a partner's change moves the couple's version"
    with pytest.raises(ConflictError) as refused:
        couples.update_couple(
            b,
            couple_id=made.id,
            version=seen_by_b.version,
            partners=(seen_by_b.partners[0], with_phone(seen_by_b.partners[1], "06 87654321")),
            postcode=seen_by_b.postcode,
            municipality=seen_by_b.municipality,
        )

    assert str(refused.value).startswith(
        f"{who(database)} changed the couple Jansen, Anna & Visser, Bram in the meantime (on "
    )
    assert str(refused.value).endswith(
        "; nothing was saved. Reopen it to see their change and try again."
    )
    now = reread(database, couples.get_couple, couple_id=made.id)
    assert [p.phone for p in now.partners] == ["06 12345678", ""]
    assert now.version == saved.version


def test_a_meeting_recorded_from_an_older_copy_keeps_the_first_record_and_marks(
    database, started, two_editors
):
    course, (jansen, bakker) = started
    first = reread(database, attendance.attendance_grid, course_id=course.row.id).meetings[0]
    a, b = two_editors
    seen_by_a = meeting_record.meeting_record(a, group_session_id=first.id)
    seen_by_b = meeting_record.meeting_record(b, group_session_id=first.id)

    meeting_record.record_meeting(
        a,
        group_session_id=first.id,
        version=seen_by_a.version,
        held=True,
        facilitator_ids=[seen_by_a.course_facilitators[0][0]],
        covered_position=None,
        fidelity_note="",
        marks=[(jansen.id, (P, P)), (bakker.id, (P, A))],
    )
    with pytest.raises(ConflictError) as refused:
        meeting_record.record_meeting(
            b,
            group_session_id=first.id,
            version=seen_by_b.version,
            held=True,
            facilitator_ids=[],
            covered_position=2,
            fidelity_note="Oefening overgeslagen",
            marks=[(jansen.id, (A, A)), (bakker.id, (A, A))],
        )

    assert f"meeting 1 of course HMV-1 ({format_date(first.date)})" in str(refused.value)
    assert str(refused.value).startswith(who(database) + " changed meeting 1")
    now = reread(database, meeting_record.meeting_record, group_session_id=first.id)
    assert (now.covered_position, now.fidelity_note) == (None, "")
    assert now.present_facilitators == {seen_by_a.course_facilitators[0][0]}
    grid = reread(database, attendance.attendance_grid, course_id=course.row.id)
    assert grid.mark(jansen.id, first.id) == (P, P)
    assert grid.mark(bakker.id, first.id) == (P, A)


def test_marks_typed_over_a_meeting_someone_marked_since_are_refused(
    database, started, two_editors
):
    course, (jansen, bakker) = started
    a, b = two_editors
    seen_by_a = attendance.attendance_grid(a, course_id=course.row.id).meetings[0]
    seen_by_b = attendance.attendance_grid(b, course_id=course.row.id).meetings[0]

    attendance.set_marks(
        a, group_session_id=seen_by_a.id, version=seen_by_a.version, marks=[(jansen.id, (P, P))]
    )
    with pytest.raises(ConflictError) as refused:
        attendance.set_marks(
            b,
            group_session_id=seen_by_b.id,
            version=seen_by_b.version,
            marks=[(bakker.id, (A, A))],
        )

    assert str(refused.value).startswith(who(database) + " changed meeting 1 of course HMV-1")
    assert str(refused.value).endswith(
        "nothing was saved. Look at the attendance as it is now and enter yours again."
    )
    grid = reread(database, attendance.attendance_grid, course_id=course.row.id)
    assert grid.mark(jansen.id, seen_by_a.id) == (P, P)
    assert grid.mark(bakker.id, seen_by_a.id) == (None, None)


def test_marks_and_the_meeting_record_share_one_version(database, started, two_editors):
    course, (jansen, _bakker) = started
    a, b = two_editors
    typed = attendance.attendance_grid(a, course_id=course.row.id).meetings[0]
    opened = meeting_record.meeting_record(b, group_session_id=typed.id)

    attendance.set_marks(
        a, group_session_id=typed.id, version=typed.version, marks=[(jansen.id, (P, P))]
    )
    with pytest.raises(ConflictError, match="changed meeting 1 of course HMV-1"):
        meeting_record.record_meeting(
            b,
            group_session_id=typed.id,
            version=opened.version,
            held=True,
            facilitator_ids=[],
            covered_position=None,
            fidelity_note="",
            marks=[(jansen.id, (A, A))],
        )

    grid = reread(database, attendance.attendance_grid, course_id=course.row.id)
    assert grid.mark(jansen.id, typed.id) == (P, P)


@pytest.fixture
def planned(make):
    course = make.course("HMV-2", first_date=date(2027, 3, 9))
    make.session.commit()
    return course


def test_a_meeting_cancelled_from_an_older_copy_of_the_course_is_refused(
    database, planned, two_editors
):
    a, b = two_editors
    seen_by_a = group_sessions.list_group_sessions(a, course_id=planned.row.id)
    seen_by_b = group_sessions.list_group_sessions(b, course_id=planned.row.id)
    third, fifth = seen_by_a[2], seen_by_b[4]

    group_sessions.update_group_session(
        a,
        group_session_id=third.id,
        course_version=third.course_version,
        on=date(2027, 3, 25),
        start_time=time(19),
        end_time=time(21),
        venue_id=third.venue_id,
    )
    with pytest.raises(ConflictError) as refused:
        group_sessions.set_group_session_status(
            b,
            group_session_id=fifth.id,
            course_version=fifth.course_version,
            status=GroupSessionStatus.CANCELLED,
            reason="Trainer ziek",
        )

    assert str(refused.value).startswith(
        f"{who(database)} changed meeting 3 of course HMV-2 (25 Mar 2027) in the meantime"
    )
    now = {
        m.id: m
        for m in reread(database, group_sessions.list_group_sessions, course_id=planned.row.id)
    }
    assert now[fifth.id].status is GroupSessionStatus.SCHEDULED
    assert now[third.id].date == date(2027, 3, 25)


def test_the_course_changed_from_an_older_copy_is_refused_after_a_meeting_moved(
    database, planned, two_editors
):
    a, b = two_editors
    third = group_sessions.list_group_sessions(a, course_id=planned.row.id)[2]
    seen_by_b = courses.get_course(b, course_id=planned.row.id)

    group_sessions.update_group_session(
        a,
        group_session_id=third.id,
        course_version=third.course_version,
        on=date(2027, 3, 25),
        start_time=time(19),
        end_time=time(21),
        venue_id=third.venue_id,
    )
    refusals = []
    for change in (
        lambda: courses.set_completion_rule(
            b,
            course_id=planned.row.id,
            version=seen_by_b.version,
            min_steps=4,
            both_partners=False,
        ),
        lambda: courses.update_course(
            b,
            course_id=planned.row.id,
            version=seen_by_b.version,
            title="Andere titel",
            lead_facilitator_id=seen_by_b.facilitators[0].facilitator_id,
            co_facilitator_id=None,
            venue_id=seen_by_b.venue_id,
            language=seen_by_b.row.language,
            capacity=12,
        ),
        lambda: scheduling.add_makeup_session(
            b,
            course_id=planned.row.id,
            course_version=seen_by_b.version,
            position=3,
            on=date(2027, 6, 1),
            start_time=time(19),
            end_time=time(21),
            venue_id=None,
        ),
    ):
        with pytest.raises(ConflictError) as refused:
            change()
        refusals.append(str(refused.value))

    assert all("changed meeting 3 of course HMV-2 (25 Mar 2027)" in text for text in refusals)
    now = reread(database, courses.get_course, course_id=planned.row.id)
    assert (now.row.title, now.row.capacity) == (planned.row.title, planned.row.capacity)
    assert (now.completion_min_steps, len(now.facilitators)) == (
        planned.completion_min_steps,
        2,
    )
    meetings = reread(database, group_sessions.list_group_sessions, course_id=planned.row.id)
    assert len(meetings) == 8 and not any(m.is_makeup for m in meetings)


def test_the_course_itself_changed_is_named_with_its_code(database, planned, two_editors):
    a, b = two_editors
    seen_by_a = courses.get_course(a, course_id=planned.row.id)
    fifth = group_sessions.list_group_sessions(b, course_id=planned.row.id)[4]

    courses.set_completion_rule(
        a, course_id=planned.row.id, version=seen_by_a.version, min_steps=5, both_partners=True
    )
    with pytest.raises(ConflictError, match=f"^{re.escape(who(database))} changed course HMV-2 "):
        group_sessions.set_group_session_status(
            b,
            group_session_id=fifth.id,
            course_version=fifth.course_version,
            status=GroupSessionStatus.CANCELLED,
            reason="Zaal bezet",
        )
    now = reread(database, group_sessions.list_group_sessions, course_id=planned.row.id)
    assert now[4].status is GroupSessionStatus.SCHEDULED


def test_a_save_from_the_version_just_read_goes_through(database, planned, two_editors):
    a, b = two_editors
    third = group_sessions.list_group_sessions(a, course_id=planned.row.id)[2]
    moved = group_sessions.update_group_session(
        a,
        group_session_id=third.id,
        course_version=third.course_version,
        on=date(2027, 3, 25),
        start_time=time(19),
        end_time=time(21),
        venue_id=third.venue_id,
    )
    fifth = reread(database, group_sessions.list_group_sessions, course_id=planned.row.id)[4]
    assert fifth.course_version == moved.course_version
    group_sessions.set_group_session_status(
        b,
        group_session_id=fifth.id,
        course_version=fifth.course_version,
        status=GroupSessionStatus.CANCELLED,
        reason="Trainer ziek",
    )
    now = reread(database, group_sessions.list_group_sessions, course_id=planned.row.id)
    assert now[4].status is GroupSessionStatus.CANCELLED
