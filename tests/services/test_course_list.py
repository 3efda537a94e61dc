"""The course list as the Courses page reads it: a page at a time, in the order of the column the
coordinator clicked, put in that order by the database."""

from __future__ import annotations

from datetime import date

import pytest

from holdmetight.domain.enums import GroupSessionStatus
from holdmetight.domain.names import fold
from holdmetight.i18n import set_language
from holdmetight.services import course_list, courses, demo, group_sessions
from holdmetight.services.course_list import CourseOrder

DEMO = ["HMV-27-03C", "HMV-27-01W", "HMV-26-10B", "HMV-26-08A"]


@pytest.fixture
def office(session):
    """The demo office: four courses from August 2026 to March 2027."""
    demo.create_demo_data(session, today=date(2026, 11, 24))
    return session


def codes(session, order: CourseOrder = CourseOrder.DATES, descending: bool = True, **page):
    rows = course_list.list_courses(session, order=order, descending=descending, **page)
    return [row.code for row in rows]


def test_the_list_opens_with_the_course_starting_latest_on_top(office):
    assert codes(office) == DEMO
    assert codes(office, descending=False) == list(reversed(DEMO))
    assert [r.code for r in courses.list_courses(office)] == DEMO


def test_a_course_not_planned_yet_counts_as_the_latest(office, make):
    make.course("HMV-27-09S")
    make.course("HMV-27-01J", first_date=date(2027, 1, 5))
    assert codes(office) == ["HMV-27-09S", "HMV-27-03C", "HMV-27-01W", "HMV-27-01J", *DEMO[2:]]
    assert codes(office, descending=False)[-1] == "HMV-27-09S"


def test_a_cancelled_first_meeting_does_not_count_as_the_start(office, make):
    make.course("HMV-27-01J", first_date=date(2027, 1, 20))
    earlier = make.course("HMV-27-01K", first_date=date(2027, 1, 19))
    first = group_sessions.list_group_sessions(office, course_id=earlier.row.id)[0]
    group_sessions.set_group_session_status(
        office,
        group_session_id=first.id,
        course_version=courses.get_course(office, course_id=earlier.row.id).version,
        status=GroupSessionStatus.CANCELLED,
        reason="Storm",
    )
    rows = course_list.list_courses(office, limit=4)
    assert [(r.code, r.first_date) for r in rows] == [
        ("HMV-27-03C", date(2027, 3, 9)),
        ("HMV-27-01K", date(2027, 1, 26)),
        ("HMV-27-01W", date(2027, 1, 23)),
        ("HMV-27-01J", date(2027, 1, 20)),
    ]


def test_codes_sort_alphabetically_both_ways(office):
    assert codes(office, CourseOrder.CODE, descending=False) == sorted(DEMO)
    assert codes(office, CourseOrder.CODE) == sorted(DEMO, reverse=True)


def test_titles_sort_ignoring_capitals(office, session, make):
    lower = make.course("HMV-X")
    courses.update_course(
        session,
        course_id=lower.row.id,
        version=lower.version,
        title="houd me vast – extra groep",
        lead_facilitator_id=lower.facilitators[0].facilitator_id,
        co_facilitator_id=None,
        venue_id=None,
        language=lower.row.language,
        capacity=8,
    )
    titles = [r.title for r in course_list.list_courses(office, order=CourseOrder.TITLE)]
    assert titles == [
        "Houd me vast – maandagavond",
        "houd me vast – extra groep",
        "Houd me vast – donderdagavond",
        "Houd me vast – dinsdagavond",
        "Hold Me Tight – weekend (English)",
    ]


def test_places_sort_by_how_full_a_course_is(office):
    rows = course_list.list_courses(office, order=CourseOrder.ENROLLED, descending=False)
    assert [f"{r.enrolled}/{r.capacity}" for r in rows] == ["3/10", "6/8", "5/6", "7/8"]
    fullest_first = codes(office, CourseOrder.ENROLLED)
    assert fullest_first == ["HMV-26-10B", "HMV-27-03C", "HMV-26-08A", "HMV-27-01W"]


def test_equally_full_courses_put_the_longer_waiting_list_last(office, make):
    make.course("HMV-LEEG-B")
    make.course("HMV-LEEG-A")
    rows = course_list.list_courses(office, order=CourseOrder.ENROLLED, descending=False)
    assert [r.code for r in rows][:2] == ["HMV-LEEG-A", "HMV-LEEG-B"]


def test_status_sorts_by_the_word_shown_in_the_language_in_use(office):
    def statuses() -> list[str]:
        rows = course_list.list_courses(office, order=CourseOrder.STATUS, descending=False)
        return [r.status.label for r in rows]

    assert statuses() == ["completed", "open", "planned", "running"]
    set_language("nl")
    assert statuses() == ["afgerond", "gepland", "lopend", "open"]


@pytest.mark.parametrize("order", list(CourseOrder))
@pytest.mark.parametrize("descending", [False, True])
def test_pages_follow_on_without_gaps_and_each_course_knows_its_place(office, order, descending):
    whole = codes(office, order, descending)
    pages = [codes(office, order, descending, offset=o, limit=3) for o in (0, 3, 6)]
    assert [code for page in pages for code in page] == whole
    assert pages[-1] == []
    for place, row in enumerate(
        course_list.list_courses(office, order=order, descending=descending)
    ):
        found = course_list.course_place(
            office, course_id=row.id, order=order, descending=descending
        )
        assert found == place


def test_counting_and_looking_for_a_course_that_is_not_there(office):
    assert course_list.count_courses(office) == 4
    assert course_list.course_place(office, course_id=999) is None


def test_a_page_carries_dates_places_and_waiting_list_as_the_list_shows_them(office):
    (row,) = course_list.list_courses(office, limit=1)
    assert (row.code, row.first_date, row.last_date) == (
        "HMV-27-03C",
        date(2027, 3, 9),
        date(2027, 5, 4),
    )
    assert (row.enrolled, row.capacity, row.waitlisted, row.offered) == (5, 6, 3, 1)
    assert (row.program_code, row.venue_name) == ("HMT-WEEKLY", "Wijkcentrum De Brug")


def test_titles_sort_ignoring_diacritics_as_every_list_does(office, session, make):
    """An accented capital sorts with its letter (issue 14, item 5): SQL's lower() leaves
    "Ö" alone in SQLite, so the stored key does the folding, the same on any database."""
    for code, title in (
        ("HMV-OZ", "Öpen groep Zuid"),
        ("HMV-OO", "Oost – open groep"),
        ("HMV-ZO", "Zomergroep"),
    ):
        made = make.course(code)
        courses.update_course(
            session,
            course_id=made.row.id,
            version=made.version,
            title=title,
            lead_facilitator_id=made.facilitators[0].facilitator_id,
            co_facilitator_id=None,
            venue_id=None,
            language=made.row.language,
            capacity=8,
        )
    titles = [
        r.title for r in course_list.list_courses(office, order=CourseOrder.TITLE, descending=False)
    ]
    assert titles == sorted(titles, key=fold)
    assert titles.index("Oost – open groep") + 1 == titles.index("Öpen groep Zuid")
