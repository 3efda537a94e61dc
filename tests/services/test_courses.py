from datetime import date

import pytest

from holdmetight.domain.enums import CourseStatus, FacilitatorRole
from holdmetight.errors import RuleError, ValidationError
from holdmetight.services import courses, group_sessions, programs


def test_shipped_programmes_have_an_introduction_and_seven_conversations(session):
    found = {p.code: p for p in programs.list_programs(session)}
    weekly, intensive = found["HMT-WEEKLY"], found["HMT-INTENSIVE"]
    assert [s.code for s in weekly.steps] == ["INTRO"] + [f"C{n}" for n in range(1, 8)]
    assert weekly.total_minutes == 16 * 60
    assert intensive.total_minutes == 14 * 60
    assert {s.day for s in intensive.steps} == {1, 2}


def test_installing_programmes_twice_adds_nothing_the_second_time(session):
    assert programs.install_shipped_programs(session) == []


def test_new_course_lists_code_title_dates_places_and_status(session, make):
    make.course("HMV-27-03C", capacity=6, first_date=date(2027, 3, 9))
    (row,) = courses.list_courses(session)
    assert (row.code, row.first_date, row.last_date) == (
        "HMV-27-03C",
        date(2027, 3, 9),
        date(2027, 5, 4),
    )
    assert (row.enrolled, row.capacity, row.status) == (0, 6, CourseStatus.PLANNED)


def test_course_keeps_its_steps_when_the_programme_is_edited_later(session, make):
    info = make.course("HMV-A", first_date=date(2027, 3, 9))
    from holdmetight.domain.program import ProgramStep

    step = session.get(ProgramStep, 1)
    step.title_en = "Renamed later"
    session.commit()
    titles = [
        s.step_title_en for s in group_sessions.list_group_sessions(session, course_id=info.row.id)
    ]
    assert titles[0] == "Introduction: love as attachment"


def test_course_shows_lead_and_co_facilitator(session, make):
    info = make.course("HMV-B")
    assert [f.role for f in info.facilitators] == [FacilitatorRole.LEAD, FacilitatorRole.CO]
    assert info.completion_min_steps == 6 and info.step_count == 8


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": " "}, "Code is required"),
        ({"capacity": 0}, "Capacity \\(couples\\) must be between 1 and 30"),
        ({"co_facilitator_id": "lead"}, "someone other than the lead"),
        ({"program_code": "NOPE"}, "Choose a programme"),
    ],
)
def test_invalid_course_is_refused_with_a_clear_message_and_leaves_no_trace(
    session, make, changes, message
):
    lead = make.facilitator()
    values = {
        "code": "HMV-X",
        "title": "Groep",
        "program_code": "HMT-WEEKLY",
        "lead_facilitator_id": lead.id,
        "capacity": 8,
    }
    values.update({k: (lead.id if v == "lead" else v) for k, v in changes.items()})
    with pytest.raises(ValidationError, match=message):
        courses.create_course(session, **values)
    assert courses.list_courses(session) == []


def test_duplicate_course_code_is_refused(session, make):
    make.course("HMV-D")
    with pytest.raises(ValidationError, match="already a course with code HMV-D"):
        make.course("hmv-d")


def test_course_cannot_jump_from_planned_to_completed(session, make):
    info = make.course("HMV-E")
    with pytest.raises(RuleError, match="planned cannot become completed"):
        courses.change_course_status(session, course_id=info.row.id, status=CourseStatus.COMPLETED)
    opened = courses.change_course_status(session, course_id=info.row.id, status=CourseStatus.OPEN)
    assert opened.row.status is CourseStatus.OPEN


def test_cancelling_a_course_needs_a_reason(session, make):
    info = make.course("HMV-F")
    with pytest.raises(ValidationError, match="Reason is required"):
        courses.change_course_status(session, course_id=info.row.id, status=CourseStatus.CANCELLED)


def test_planning_twice_is_refused(session, make):
    info = make.course("HMV-G", first_date=date(2027, 3, 9))
    with pytest.raises(RuleError, match="already has its group sessions"):
        group_sessions.plan_weekly(
            session,
            course_id=info.row.id,
            first_date=date(2027, 9, 7),
            start_time=info_time(),
        )


def info_time():
    from datetime import time

    return time(19, 30)


def test_course_code_lookup_is_case_insensitive_and_missing_code_is_explained(session, make):
    make.course("HMV-H")
    assert courses.get_course(session, code="hmv-h").row.code == "HMV-H"
    with pytest.raises(Exception, match="no course with code HMV-Z"):
        courses.get_course(session, code="HMV-Z")


def test_edited_programme_renumbers_its_steps_and_keeps_planned_courses(session, make):
    info = make.course("HMV-P", first_date=date(2027, 3, 9))
    weekly = programs.get_program(session, code="HMT-WEEKLY")
    new_steps = [
        programs.StepInput(s.code, s.title_nl, s.title_en, s.duration_minutes) for s in weekly.steps
    ]
    new_steps.insert(1, programs.StepInput("EXTRA", "Extra avond", "Extra evening", 90))
    edited = programs.update_program(
        session,
        program_id=weekly.id,
        version=weekly.version,
        name_nl="Houd me vast NL",
        name_en="Hold Me Tight EN",
        steps=new_steps,
    )
    assert [s.code for s in edited.steps][:3] == ["INTRO", "EXTRA", "C1"]
    assert len(edited.steps) == 9
    planned = group_sessions.list_group_sessions(session, course_id=info.row.id)
    assert [s.step_code for s in planned][:2] == ["INTRO", "C1"]


def test_programme_with_a_step_code_twice_is_refused(session):
    weekly = programs.get_program(session, code="HMT-WEEKLY")
    twice = [programs.StepInput("A", "a", "a", 60), programs.StepInput("a", "b", "b", 60)]
    with pytest.raises(ValidationError, match="Step code A is used twice"):
        programs.update_program(
            session,
            program_id=weekly.id,
            version=weekly.version,
            name_nl="x",
            name_en="y",
            steps=twice,
        )
    assert len(programs.get_program(session, code="HMT-WEEKLY").steps) == 8


def test_moving_one_meeting_leaves_the_others_in_place(session, make):
    from datetime import time

    info = make.course("HMV-M", first_date=date(2027, 3, 9))
    before = group_sessions.list_group_sessions(session, course_id=info.row.id)
    third = before[2]
    moved = group_sessions.update_group_session(
        session,
        group_session_id=third.id,
        course_version=third.course_version,
        on=date(2027, 3, 25),
        start_time=time(19, 0),
        end_time=time(21, 0),
        venue_id=None,
        note="Zaal bezet",
    )
    assert (moved.date, moved.start_time, moved.venue_name) == (date(2027, 3, 25), time(19), "")
    after = group_sessions.list_group_sessions(session, course_id=info.row.id)
    assert [s.date for s in after if s.id != third.id] == [
        s.date for s in before if s.id != third.id
    ]
    with pytest.raises(ValidationError, match="must end after it starts"):
        group_sessions.update_group_session(
            session,
            group_session_id=third.id,
            course_version=moved.course_version,
            on=date(2027, 3, 25),
            start_time=time(21),
            end_time=time(19),
            venue_id=None,
        )
