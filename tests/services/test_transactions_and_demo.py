from datetime import date

import pytest
from sqlalchemy import func
from sqlmodel import select

from holdmetight.domain.audit import AuditEntry
from holdmetight.domain.couple import Couple
from holdmetight.domain.course import GroupSession
from holdmetight.domain.enums import CourseStatus, EnrollmentStatus
from holdmetight.errors import RuleError, ValidationError
from holdmetight.services import courses, demo, enrollments, venues
from holdmetight.services.couples import PartnerInput, create_couple
from holdmetight.services.transaction import unit_of_work


def test_failed_action_leaves_no_trace_even_after_partial_work(session):
    @unit_of_work
    def register_then_fail(session, /):
        create_couple(session, partners=(PartnerInput("A", "B"), PartnerInput("C", "D")))
        venues.create_venue(session, name="")  # invalid: name required

    with pytest.raises(ValidationError):
        register_then_fail(session)
    assert session.exec(select(func.count()).select_from(Couple)).one() == 0


def test_audit_records_who_did_what_without_personal_values(session, make):
    couple = make.couple("Geheim")
    entry = session.exec(select(AuditEntry).where(AuditEntry.entity == "couple")).one()
    assert (entry.action, entry.entity_id) == ("create", couple.id)
    assert "Geheim" not in repr(entry.model_dump())


def test_demo_data_tells_a_realistic_story(database):
    with database.session() as session:
        summary = demo.create_demo_data(session, today=date(2026, 11, 24))
        rows = {r.status: r for r in courses.list_courses(session)}
        sessions = session.exec(select(GroupSession)).all()
        opened = rows[CourseStatus.OPEN]
        waiting = [
            e
            for e in enrollments.list_enrollments(session, course_id=opened.id)
            if e.status is EnrollmentStatus.WAITLISTED
        ]
        weekend = courses.get_course(session, course_id=rows[CourseStatus.PLANNED].id)
    assert (weekend.completion_min_steps, weekend.step_count) == (7, 8), "its own rule"
    assert (summary.couples, summary.venues, summary.facilitators) == (30, 2, 4)
    assert set(rows) == {
        CourseStatus.COMPLETED,
        CourseStatus.RUNNING,
        CourseStatus.OPEN,
        CourseStatus.PLANNED,
    }
    # Full but for one couple that pulled out: its place is offered to the first in line.
    assert opened.enrolled + opened.offered == opened.capacity and len(waiting) == 3
    assert opened.offered == 1
    assert (
        rows[CourseStatus.RUNNING].first_date
        < date(2026, 11, 24)
        < rows[CourseStatus.RUNNING].last_date
    )
    assert opened.first_date < demo.next_dst_change(date(2026, 12, 15)) < opened.last_date
    assert any(s.date < date(2026, 11, 24) and s.status == "held" for s in sessions)


def test_demo_data_is_refused_on_a_database_with_data(session, make):
    make.couple()
    with pytest.raises(RuleError, match="only be added to an empty database"):
        demo.create_demo_data(session)


def test_next_daylight_saving_change_is_the_last_sunday_of_march_or_october():
    assert demo.next_dst_change(date(2026, 11, 24)) == date(2027, 3, 28)
    assert demo.next_dst_change(date(2027, 4, 1)) == date(2027, 10, 31)
