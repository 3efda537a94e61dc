"""What an operation changed is read from what its transaction wrote, not named by anyone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from holdmetight.domain.enums import AttendanceStatus, GroupSessionStatus
from holdmetight.domain.models import metadata
from holdmetight.errors import ValidationError
from holdmetight.services import (
    attendance,
    couple_import,
    courses,
    enrollments,
    venues,
)
from holdmetight.services.changes import DELETE_REACHES, TABLE_KINDS, Changes, Kind, perform

CSV = (
    b"partner1_voornaam;partner1_achternaam;partner2_voornaam;partner2_achternaam;postcode\r\n"
    b"Fatima;El Amrani;Youssef;El Amrani;3511 AA\r\n"
    b"Els;Vries;Jan;Vries;3512 BB\r\n"
)


def test_every_table_belongs_to_a_kind_a_view_can_ask_for():
    assert set(TABLE_KINDS) == set(metadata.tables) - {"alembic_version"}


def test_a_read_changes_nothing(database, make):
    make.course("HMV-R")
    make.session.commit()
    rows, changes = perform(database, courses.list_courses)
    assert [r.code for r in rows] == ["HMV-R"]
    assert not changes
    assert changes.kinds == frozenset()


def test_recording_attendance_also_reports_the_meeting_that_became_held(database, make):
    course = make.course("HMV-A", first_date=date.today() - timedelta(days=7))
    couple = make.couple()
    place = enrollments.enroll(make.session, couple_id=couple.id, course_id=course.row.id)
    make.session.commit()
    first = attendance.attendance_grid(make.session, course_id=course.row.id).meetings[0]
    assert first.status is GroupSessionStatus.SCHEDULED
    present = (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT)

    _before, changes = perform(
        database,
        attendance.set_marks,
        group_session_id=first.id,
        version=first.version,
        marks=[(place.id, present)],
    )

    assert changes.touches([Kind.MEETINGS]), "the meeting is now held: the sessions tab must know"
    assert changes.kinds == {Kind.ATTENDANCE, Kind.MEETINGS, Kind.AUDIT}


def test_a_version_that_moved_alone_is_reported_too(database, make):
    """The same marks saved again change no mark, but they move the meeting's version: the
    grid holding the old one must read it again, or its next save would be refused."""
    course = make.course("HMV-A", first_date=date.today() - timedelta(days=7))
    place = enrollments.enroll(make.session, couple_id=make.couple().id, course_id=course.row.id)
    make.session.commit()
    present = (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT)
    for _time in range(2):
        grid, _changes = perform(database, attendance.attendance_grid, course_id=course.row.id)
        first = grid.meetings[0]
        _before, changes = perform(
            database,
            attendance.set_marks,
            group_session_id=first.id,
            version=first.version,
            marks=[(place.id, present)],
        )
    assert changes.tables == {"group_session", "audit_entry"}


def test_a_refused_operation_raises_and_reports_no_change(database):
    with pytest.raises(ValidationError):
        perform(database, venues.create_venue, name="", city="Utrecht", rooms=[])


def test_a_dry_run_import_writes_nothing_and_the_real_one_writes_couples(database):
    report, changes = perform(database, couple_import.import_couples, data=CSV, dry_run=True)
    assert report.imported == 2
    assert not changes.touches([Kind.COUPLES]), "the savepoint was rolled back"
    report, changes = perform(database, couple_import.import_couples, data=CSV)
    assert report.imported == 2
    assert changes.touches([Kind.COUPLES])


def test_deleting_a_row_counts_for_the_rows_the_database_removes_with_it():
    assert {"group_session", "enrollment", "attendance", "fee_assessment", "payment"} <= (
        DELETE_REACHES["course"]
    )
    assert "partner" in DELETE_REACHES["couple"]
    assert DELETE_REACHES["audit_entry"] == frozenset()


def test_changes_combine_and_everything_touches_every_kind():
    combined = Changes(frozenset({"payment"})) | Changes(frozenset({"couple"}))
    assert combined.kinds == {Kind.FEES, Kind.COUPLES}
    assert Changes.all().touches([Kind.TEAM]) and Changes.all()
