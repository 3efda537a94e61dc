"""Which rows an export holds and how it names couples: the enrollments and attendance exports
list couples as every other list does, a course or period asked for is honoured, and a course
code that no course has is refused instead of giving an empty file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from holdmetight.errors import NotFoundError
from holdmetight.services import couple_export, enrollments, payments

START = date.today() - timedelta(weeks=3)


@pytest.fixture
def office(session, make):
    """Two courses; in HMV-B couples applied in the order Zegers, Çelik, Van den Berg, Aalbers."""
    course_b = make.course("HMV-B", first_date=START, capacity=8)
    course_a = make.course("HMV-A", first_date=START, capacity=8)
    applied = datetime.combine(START - timedelta(days=60), datetime.min.time(), tzinfo=UTC)
    for days, (family, prefix) in enumerate(
        [("Zegers", ""), ("Çelik", ""), ("Berg", "van den"), ("Aalbers", "")]
    ):
        couple = make.couple(family, prefix=prefix)
        enrollments.enroll(
            session,
            couple_id=couple.id,
            course_id=course_b.row.id,
            applied_at=applied + timedelta(days=days),
        )
    enrollments.enroll(session, couple_id=make.couple("Mulder").id, course_id=course_a.row.id)
    return session


def test_enrollments_are_listed_by_course_then_in_the_couples_list_order(office):
    table = couple_export.enrollments_table(office, language="en")
    assert [(row[0], str(row[1]).split(",")[0]) for row in table.rows] == [
        ("HMV-A", "Mulder"),
        ("HMV-B", "Aalbers"),
        ("HMV-B", "Berg"),
        ("HMV-B", "Çelik"),
        ("HMV-B", "Zegers"),
    ]
    assert table.rows[2][1] == "Berg, Anna van den & Visser, Bram"
    applied_on = [row[3] for row in table.rows[1:]]
    assert applied_on == sorted(applied_on, reverse=True)  # the column stays, Aalbers last


def test_the_enrollments_of_one_course(office):
    table = couple_export.enrollments_table(office, language="en", course_code="hmv-a ")
    assert [row[:2] for row in table.rows] == [("HMV-A", "Mulder, Anna & Visser, Bram")]


def test_attendance_names_couples_and_partners_as_lists_do(office):
    table = couple_export.attendance_table(office, language="en", course_code="HMV-B")
    first_meeting = [row for row in table.rows if row[1] == table.rows[0][1]]
    assert [(row[5], row[6]) for row in first_meeting[:4]] == [
        ("Aalbers, Anna & Visser, Bram", "Aalbers, Anna"),
        ("Aalbers, Anna & Visser, Bram", "Visser, Bram"),
        ("Berg, Anna van den & Visser, Bram", "Berg, Anna van den"),
        ("Berg, Anna van den & Visser, Bram", "Visser, Bram"),
    ]


def test_attendance_of_a_period_holds_only_its_meetings(office):
    every = couple_export.attendance_table(office, language="en")
    days = sorted({row[2] for row in every.rows})
    first, last = days[1], days[2]
    period = couple_export.attendance_table(office, language="en", first=first, last=last)
    assert {row[2] for row in period.rows} == {first, last}
    assert len(period.rows) == sum(1 for row in every.rows if first <= row[2] <= last)
    assert {row[0] for row in period.rows} == {"HMV-A", "HMV-B"}


@pytest.mark.parametrize(
    "export",
    [
        lambda s: couple_export.enrollments_table(s, language="en", course_code="NOPE"),
        lambda s: couple_export.fees_table(s, language="en", course_code="NOPE"),
        lambda s: couple_export.payments_table(s, language="en", course_code="NOPE"),
    ],
    ids=["enrollments", "fees", "payments"],
)
def test_a_course_code_no_course_has_is_refused(office, export):
    with pytest.raises(NotFoundError, match=r"^There is no course with code NOPE\.$"):
        export(office)


def test_a_course_without_payments_has_none_and_only_an_unknown_code_is_refused(office):
    """The course is looked up only when no payment was found: the lines stay one query."""
    assert payments.payment_lines(office, course_code="hmv-a") == []
    with pytest.raises(NotFoundError, match=r"^There is no course with code NOPE\.$"):
        payments.payment_lines(office, course_code="NOPE")
    fees = couple_export.fees_table(office, language="en", course_code="hmv-a")
    assert [row[:2] for row in fees.rows] == [("HMV-A", "Mulder, Anna & Visser, Bram")]
