from datetime import UTC, date, datetime, timedelta

import pytest

from holdmetight.domain.enums import CourseStatus, EnrollmentStatus
from holdmetight.errors import ConflictError, RuleError, ValidationError
from holdmetight.services import couple_list, couples, courses, enrollments


def test_couples_are_listed_by_family_name_without_prefix(session, make):
    make.couple("Vries", prefix="de")
    make.couple("Berg", prefix="van der")
    make.couple("Bakker")
    names = [row.names for row in couple_list.list_couples(session)]
    assert names == [
        "Bakker, Anna & Visser, Bram",
        "Berg, Anna van der & Visser, Bram",
        "Vries, Anna de & Visser, Bram",
    ]


def test_filter_matches_every_word_ignoring_case_and_accents(session, make):
    make.couple("Öztürk", postcode="3433 ZK", municipality="Nieuwegein")
    make.couple("Jansen", municipality="Utrecht")
    assert [r.names for r in couple_list.list_couples(session, text="ozturk nieuwegein")] == [
        "Öztürk, Anna & Visser, Bram"
    ]
    assert couple_list.count_couples(session, text="3433zk") == 1
    assert couple_list.count_couples(session, text="%") == 0
    assert couple_list.count_couples(session, text="example.com") == 2


def test_couples_list_pages_through_the_whole_list(session, make):
    for n in range(7):
        make.couple(f"Familie{n}")
    pages = [couple_list.list_couples(session, offset=o, limit=3) for o in (0, 3, 6)]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert len({r.id for p in pages for r in p}) == 7


def test_postcode_is_normalised_and_a_wrong_one_is_explained(session, make):
    assert make.couple(postcode="3512ab").postcode == "3512 AB"
    with pytest.raises(ValidationError, match="not a Dutch postcode"):
        make.couple(postcode="12345")


def test_missing_family_name_names_the_partner(session):
    with pytest.raises(ValidationError, match="Partner 2: Family name is required") as caught:
        couples.create_couple(
            session,
            partners=(
                couples.PartnerInput(given_name="Anna", family_name="Jansen"),
                couples.PartnerInput(given_name="Bram", family_name=""),
            ),
        )
    assert caught.value.field == "partner2.family_name"
    assert couple_list.count_couples(session) == 0


def test_full_course_puts_next_couple_on_waiting_list_in_order_of_application(session, make):
    course = make.course("HMV-W", capacity=2)
    start = datetime(2026, 11, 1, 9, tzinfo=UTC)
    ids = [make.couple(f"Stel{n}").id for n in range(4)]
    for n, couple_id in enumerate(ids):
        enrollments.enroll(
            session,
            couple_id=couple_id,
            course_id=course.row.id,
            applied_at=start + timedelta(hours=n),
        )
    listed = enrollments.list_enrollments(session, course_id=course.row.id)
    assert [(e.status, e.waitlist_position) for e in listed] == [
        (EnrollmentStatus.ENROLLED, None),
        (EnrollmentStatus.ENROLLED, None),
        (EnrollmentStatus.WAITLISTED, 1),
        (EnrollmentStatus.WAITLISTED, 2),
    ]
    assert listed[2].couple_id == ids[2]
    row = courses.list_courses(session)[0]
    assert (row.enrolled, row.waitlisted) == (2, 2)


def test_a_couple_cannot_enroll_twice_or_in_a_running_course(session, make):
    course = make.course("HMV-R")
    couple = make.couple()
    enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    with pytest.raises(RuleError, match="already enrolled"):
        enrollments.enroll(session, couple_id=couple.id, course_id=course.row.id)
    for status in (CourseStatus.OPEN, CourseStatus.RUNNING):
        courses.change_course_status(session, course_id=course.row.id, status=status)
    with pytest.raises(RuleError, match="cannot enroll in a course that is running"):
        enrollments.enroll(session, couple_id=make.couple().id, course_id=course.row.id)


def test_second_editor_gets_a_conflict_instead_of_overwriting(session, make):
    original = make.couple("Smit")
    couples.update_couple(
        session,
        couple_id=original.id,
        version=original.version,
        partners=original.partners,
        municipality="Zeist",
    )
    with pytest.raises(ConflictError, match="changed the couple Smit, Anna & Visser, Bram"):
        couples.update_couple(
            session,
            couple_id=original.id,
            version=original.version,
            partners=original.partners,
            municipality="Houten",
        )
    assert couples.get_couple(session, couple_id=original.id).municipality == "Zeist"


def test_consent_date_in_the_future_is_refused(session):
    with pytest.raises(ValidationError, match="consent date cannot be in the future"):
        couples.create_couple(
            session,
            partners=(couples.PartnerInput("Anna", "Smit"), couples.PartnerInput("Bram", "Smit")),
            consent_date=date.today() + timedelta(days=1),
        )
