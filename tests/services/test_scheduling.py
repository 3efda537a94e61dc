"""Planning courses: codes, proposals, double bookings, make-ups, agenda and calendar export."""

from __future__ import annotations

from datetime import date, time
from itertools import pairwise

import pytest
from icalendar import Calendar

from holdmetight.domain.enums import GroupSessionStatus, Language
from holdmetight.errors import ValidationError
from holdmetight.services import agenda, calendar_export, group_sessions, scheduling
from holdmetight.services.scheduling import MeetingSlot


def plan(session, make, code="HMV-27-03A", first=date(2027, 3, 9)):
    """A weekly course on Tuesday evenings with its own facilitators and venue."""
    lead = make.facilitator(given=f"Lead{code}")
    co = make.facilitator(given=f"Co{code}", family="Benali", prefix="")
    venue = make.venue(f"Venue {code}")
    meetings = scheduling.propose_schedule(
        session, program_code="HMT-WEEKLY", first_date=first, start_time=time(19, 30)
    )
    course = scheduling.create_planned_course(
        session,
        code=code,
        title="Houd me vast",
        program_code="HMT-WEEKLY",
        lead_facilitator_id=lead.id,
        co_facilitator_id=co.id,
        venue_id=venue.id,
        language=Language.NL,
        capacity=8,
        meetings=meetings,
    )
    return course, lead, venue


def test_suggested_code_takes_the_next_free_letter(session, make):
    assert scheduling.suggest_course_code(session, first_date=date(2027, 3, 9)) == "HMV-27-03A"
    plan(session, make)
    assert scheduling.suggest_course_code(session, first_date=date(2027, 3, 1)) == "HMV-27-03B"


def test_intensive_programme_is_proposed_over_two_consecutive_days(session):
    meetings = scheduling.propose_schedule(
        session,
        program_code="HMT-INTENSIVE",
        first_date=date(2027, 1, 23),
        start_time=time(9, 30),
    )
    assert {m.date for m in meetings} == {date(2027, 1, 23), date(2027, 1, 24)}
    assert meetings[0].start_time == time(9, 30) and meetings[3].end_time <= time(18)
    lunch = [(a.end_time, b.start_time) for a, b in pairwise(meetings[:4])]
    assert (time(12, 15), time(13, 0)) in lunch, "a 45-minute lunch around 12:30"


def test_planned_course_needs_a_date_for_every_step(session, make):
    lead = make.facilitator()
    meetings = scheduling.propose_schedule(
        session, program_code="HMT-WEEKLY", first_date=date(2027, 3, 9), start_time=time(19)
    )[:5]
    with pytest.raises(ValidationError, match="Give a date for each of the 8 steps"):
        scheduling.create_planned_course(
            session,
            code="X",
            title="X",
            program_code="HMT-WEEKLY",
            lead_facilitator_id=lead.id,
            co_facilitator_id=None,
            venue_id=None,
            language=Language.NL,
            capacity=8,
            meetings=meetings,
        )
    from holdmetight.services import courses

    assert courses.list_courses(session) == [], "nothing half-written"


def test_facilitator_booked_twice_at_overlapping_times_is_warned(session, make):
    _course, lead, _venue = plan(session, make)
    slot = MeetingSlot(1, date(2027, 3, 16), time(20, 0), time(22, 0))
    warnings = scheduling.check_new_course(session, meetings=[slot], facilitator_ids=[lead.id])
    assert warnings == [
        "LeadHMV-27-03A van Dijk already leads course HMV-27-03A on 16 Mar 2027, 19:30–21:30."
    ]
    later = MeetingSlot(1, date(2027, 3, 16), time(21, 30), time(23, 0))
    assert scheduling.check_new_course(session, meetings=[later], facilitator_ids=[lead.id]) == []


def test_venue_booked_twice_is_warned_but_not_after_a_cancellation(session, make):
    course, _lead, venue = plan(session, make)
    slot = MeetingSlot(1, date(2027, 3, 9), time(19, 0), time(20, 0), venue_id=venue.id)
    (warning,) = scheduling.check_new_course(session, meetings=[slot], facilitator_ids=[])
    assert warning.startswith("Venue HMV-27-03A is already booked for course HMV-27-03A")
    first = group_sessions.list_group_sessions(session, course_id=course.row.id)[0]
    group_sessions.set_group_session_status(
        session,
        group_session_id=first.id,
        course_version=first.course_version,
        status=GroupSessionStatus.CANCELLED,
        reason="Trainer ziek",
    )
    assert scheduling.check_new_course(session, meetings=[slot], facilitator_ids=[]) == []


def test_moving_a_meeting_before_the_previous_step_is_warned(session, make):
    course, _lead, _venue = plan(session, make)
    third = group_sessions.list_group_sessions(session, course_id=course.row.id)[2]
    moved = MeetingSlot(3, date(2027, 3, 10), time(19, 30), time(21, 30), group_session_id=third.id)
    warnings = scheduling.check_meeting(session, course_id=course.row.id, slot=moved)
    assert warnings == ["The meeting for step 3 comes before an earlier step of the programme."]
    same_place = MeetingSlot(3, third.date, time(20), time(21), group_session_id=third.id)
    assert scheduling.check_meeting(session, course_id=course.row.id, slot=same_place) == []


def test_make_up_meeting_is_added_for_a_step_and_marked(session, make):
    course, _lead, venue = plan(session, make)
    extra = scheduling.add_makeup_session(
        session,
        course_id=course.row.id,
        course_version=course.version,
        position=2,
        on=date(2027, 5, 11),
        start_time=time(19, 30),
        end_time=time(21, 30),
        venue_id=venue.id,
        note="Inhalen",
    )
    assert extra.is_makeup and extra.step_code == "C1"
    assert len(group_sessions.list_group_sessions(session, course_id=course.row.id)) == 9
    with pytest.raises(ValidationError, match="no step 12"):
        scheduling.add_makeup_session(
            session,
            course_id=course.row.id,
            course_version=extra.course_version,
            position=12,
            on=date(2027, 5, 11),
            start_time=time(19, 30),
            end_time=time(21, 30),
            venue_id=None,
        )


def test_agenda_shows_upcoming_meetings_per_facilitator_and_venue(session, make):
    _course, lead, venue = plan(session, make)
    plan(session, make, code="HMV-27-03B", first=date(2027, 3, 11))
    march = agenda.agenda(session, first=date(2027, 3, 8), last=date(2027, 3, 14))
    assert [(i.course_code, i.position) for i in march] == [("HMV-27-03A", 1), ("HMV-27-03B", 1)]
    assert march[0].facilitators == "LeadHMV-27-03A van Dijk, CoHMV-27-03A Benali"
    mine = agenda.agenda(
        session, first=date(2027, 3, 1), last=date(2027, 6, 1), facilitator_id=lead.id
    )
    assert {i.course_code for i in mine} == {"HMV-27-03A"} and len(mine) == 8
    there = agenda.agenda(session, first=date(2027, 3, 1), last=date(2027, 6, 1), venue_id=venue.id)
    assert {i.course_code for i in there} == {"HMV-27-03A"}


def test_calendar_has_one_event_per_meeting_with_time_zone_and_no_couple_names(session, make):
    course, _lead, _venue = plan(session, make)
    make.couple("Geheimnaam")
    parsed = Calendar.from_ical(calendar_export.course_calendar(session, code=course.row.code))
    events = parsed.walk("VEVENT")
    assert len(events) == 8
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    starts = [e.decoded("dtstart") for e in events]
    assert {(s.hour, s.minute) for s in starts} == {(19, 30)}, "local time across DST (28 March)"
    assert {s.utcoffset().total_seconds() / 3600 for s in starts} == {1, 2}
    assert str(events[0]["summary"]) == "Houd me vast: Introductie: liefde als hechting"
    assert (
        "Geheimnaam" not in calendar_export.course_calendar(session, code=course.row.code).decode()
    )


def test_re_export_keeps_uids_and_raises_the_sequence_of_a_moved_meeting(session, make):
    course, _lead, _venue = plan(session, make)
    before = Calendar.from_ical(calendar_export.course_calendar(session, code=course.row.code))
    second = group_sessions.list_group_sessions(session, course_id=course.row.id)[1]
    moved = group_sessions.update_group_session(
        session,
        group_session_id=second.id,
        course_version=second.course_version,
        on=date(2027, 3, 17),
        start_time=time(19, 30),
        end_time=time(21, 30),
        venue_id=None,
    )
    group_sessions.set_group_session_status(
        session,
        group_session_id=second.id,
        course_version=moved.course_version,
        status=GroupSessionStatus.CANCELLED,
        reason="Zaal bezet",
    )
    after = Calendar.from_ical(calendar_export.course_calendar(session, code=course.row.code))
    uids = [str(e["uid"]) for e in before.walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in after.walk("VEVENT")] and len(set(uids)) == 8
    event = next(e for e in after.walk("VEVENT") if str(e["uid"]) == f"{second.uid}@holdmetight")
    assert int(event["sequence"]) > 1 and str(event["status"]) == "CANCELLED"


def test_two_groups_in_different_rooms_of_one_venue_do_not_clash(session, make):
    from holdmetight.services import venues

    venue = venues.create_venue(session, name="Wijkhuis", rooms=["Zaal 1", "Zaal 2"])
    zaal1, zaal2 = venue.rooms
    lead = make.facilitator()
    meetings = scheduling.propose_schedule(
        session,
        program_code="HMT-WEEKLY",
        first_date=date(2027, 3, 9),
        start_time=time(19, 30),
    )
    planned = scheduling.create_planned_course(
        session,
        code="HMV-ZAAL1",
        title="Zaal 1",
        program_code="HMT-WEEKLY",
        lead_facilitator_id=lead.id,
        co_facilitator_id=None,
        venue_id=venue.id,
        room_id=zaal1.id,
        language=Language.NL,
        capacity=8,
        meetings=meetings,
    )

    def clashes(room_id):
        slot = MeetingSlot(
            1, date(2027, 3, 9), time(19), time(21), venue_id=venue.id, room_id=room_id
        )
        return scheduling.check_new_course(session, meetings=[slot], facilitator_ids=[])

    assert clashes(zaal2.id) == []
    assert clashes(zaal1.id) == [
        "Wijkhuis – Zaal 1 is already booked for course HMV-ZAAL1 on 9 Mar 2027, 19:30–21:30."
    ]
    assert len(clashes(None)) == 1, "booking the whole venue clashes with any room"
    other = venues.create_venue(session, name="Elders", rooms=["Zaal 1"])
    with pytest.raises(ValidationError, match="not part of the chosen venue"):
        scheduling.add_makeup_session(
            session,
            course_id=planned.row.id,
            course_version=planned.version,
            position=1,
            on=date(2027, 6, 1),
            start_time=time(19),
            end_time=time(21),
            venue_id=venue.id,
            room_id=other.rooms[0].id,
        )
