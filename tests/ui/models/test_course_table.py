"""The course list: what a coordinator scans for, sortable by a click on any column header.

The model holds the rows the Courses page fetched, in the order the database put them; a click
on a header (``sort``) only asks for the list again in that order (``order_changed``).
``course_list`` below loads the model as the page does.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt

from holdmetight.domain.enums import CourseStatus, Language
from holdmetight.i18n import set_language
from holdmetight.services import course_list as listing
from holdmetight.services import courses, facilitators, group_sessions, venues
from holdmetight.services.course_list import CourseOrder, CourseRow
from holdmetight.ui.context import AppContext
from holdmetight.ui.models.course_table import (
    COL_CODE,
    COL_DATES,
    COL_ENROLLED,
    COL_STATUS,
    COL_TITLE,
    CourseTableModel,
)
from holdmetight.ui.models.row_table import ID_ROLE
from tests.ui.models.conftest import ASCENDING, DESCENDING, column_texts

pytestmark = pytest.mark.usefixtures("qapp")


def load(model: CourseTableModel, context: AppContext) -> None:
    """Read the list as the Courses page does, in the order the model was last asked for."""

    def fetch(offset: int, limit: int) -> list[CourseRow]:
        return context.call(
            listing.list_courses,
            order=model.order,
            descending=model.descending,
            offset=offset,
            limit=limit,
        )

    model.load(fetch, context.call(listing.count_courses))


def course_list(context: AppContext) -> CourseTableModel:
    model = CourseTableModel()
    load(model, context)
    return model


def sorted_by(context: AppContext, column: int, order: Qt.SortOrder = ASCENDING):
    """The list after a click on ``column``'s header: the model asks, the page reads again."""
    model = course_list(context)
    asked: list[bool] = []
    model.order_changed.connect(lambda: asked.append(True))
    model.sort(column, order)
    assert asked == [True]
    load(model, context)
    return model


def add_course(context: AppContext, code: str, first_meeting: date | None) -> None:
    """A weekly course of the demo's team, planned from ``first_meeting`` (or not yet)."""
    lead, co = context.call(facilitators.list_facilitators)[:2]
    venue = context.call(venues.list_venues)[0]
    info = context.call(
        courses.create_course,
        code=code,
        title=f"Houd me vast – {code}",
        program_code="HMT-WEEKLY",
        lead_facilitator_id=lead.id,
        co_facilitator_id=co.id,
        venue_id=venue.id,
    )
    if first_meeting is not None:
        context.call(
            group_sessions.plan_weekly,
            course_id=info.row.id,
            first_date=first_meeting,
            start_time=time(19, 30),
        )


def test_courses_read_in_dutch_with_their_dates_places_and_status(demo_context):
    set_language("nl")
    model = course_list(demo_context)
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == ["Code", "Titel", "Data", "Ingeschreven", "Status"]
    rows = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    assert rows == [
        [
            "HMV-27-03C",
            "Houd me vast – dinsdagavond",
            "9 mrt 2027 – 4 mei 2027",
            "5/6 (+3 wachtend, 1 plaats aangeboden)",
            "open",
        ],
        [
            "HMV-27-01W",
            "Hold Me Tight – weekend (English)",
            "23 jan 2027 – 24 jan 2027",
            "3/10",
            "gepland",
        ],
        [
            "HMV-26-10B",
            "Houd me vast – donderdagavond",
            "22 okt 2026 – 10 dec 2026",
            "7/8",
            "lopend",
        ],
        [
            "HMV-26-08A",
            "Houd me vast – maandagavond",
            "17 aug 2026 – 5 okt 2026",
            "6/8",
            "afgerond",
        ],
    ]


def test_the_list_reads_in_english_after_switching_back(demo_context):
    set_language("nl")
    model = course_list(demo_context)
    set_language("en")
    model.retranslate()
    assert model.headerData(COL_ENROLLED, Qt.Orientation.Horizontal) == "Enrolled"
    assert model.index(0, COL_DATES).data() == "9 Mar 2027 – 4 May 2027"
    assert model.index(0, COL_ENROLLED).data() == "5/6 (+3 waiting, 1 offered a place)"
    assert model.index(0, COL_STATUS).data() == "open"


def test_a_one_day_course_shows_one_date_and_an_unplanned_one_a_dash():
    def course(code: str, first: date | None, last: date | None) -> CourseRow:
        return CourseRow(
            id=1,
            code=code,
            title="Houd me vast – intensief",
            program_code="HMT-INTENSIVE",
            language=Language.NL,
            status=CourseStatus.PLANNED,
            first_date=first,
            last_date=last,
            enrolled=0,
            waitlisted=0,
            offered=0,
            capacity=8,
            venue_name="Wijkcentrum De Brug",
        )

    set_language("nl")
    model = CourseTableModel()
    model.set_rows([course("DAG", date(2027, 6, 5), date(2027, 6, 5)), course("NOG", None, None)])
    assert column_texts(model, COL_DATES) == ["5 jun 2027", "–"]


def test_places_are_right_aligned_and_each_row_carries_its_course(demo_context):
    model = course_list(demo_context)
    places = model.index(0, COL_ENROLLED)
    assert places.data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert model.index(0, COL_TITLE).data(Qt.ItemDataRole.TextAlignmentRole) is None
    codes = {row.id: row.code for row in demo_context.call(courses.list_courses)}
    assert [codes[model.index(r, COL_CODE).data(ID_ROLE)] for r in range(4)] == column_texts(
        model, COL_CODE
    )


def test_the_page_opens_with_the_latest_course_on_top_by_calendar_not_by_text(demo_context):
    add_course(demo_context, "HMV-27-01J", date(2027, 1, 5))
    add_course(demo_context, "HMV-27-09S", None)
    set_language("nl")
    model = course_list(demo_context)
    assert (model.sort_column, model.order, model.descending) == (
        COL_DATES,
        CourseOrder.DATES,
        True,
    )
    assert column_texts(model, COL_CODE) == [
        "HMV-27-09S",
        "HMV-27-03C",
        "HMV-27-01W",
        "HMV-27-01J",
        "HMV-26-10B",
        "HMV-26-08A",
    ]
    assert column_texts(model, COL_DATES)[2:4] == [
        "23 jan 2027 – 24 jan 2027",
        "5 jan 2027 – 23 feb 2027",
    ]


def test_places_sort_by_how_full_a_course_is(demo_context):
    model = sorted_by(demo_context, COL_ENROLLED)
    assert model.order is CourseOrder.ENROLLED
    assert column_texts(model, COL_ENROLLED) == [
        "3/10",
        "6/8",
        "5/6 (+3 waiting, 1 offered a place)",
        "7/8",
    ]


def test_status_sorts_by_the_word_shown_in_the_language_in_use(demo_context):
    model = sorted_by(demo_context, COL_STATUS)
    assert column_texts(model, COL_STATUS) == ["completed", "open", "planned", "running"]
    set_language("nl")
    model.retranslate()
    load(model, demo_context)
    assert column_texts(model, COL_STATUS) == ["afgerond", "gepland", "lopend", "open"]


def test_codes_and_titles_sort_by_their_text_and_a_second_click_reverses(demo_context):
    by_code = sorted_by(demo_context, COL_CODE)
    assert column_texts(by_code, COL_CODE) == [
        "HMV-26-08A",
        "HMV-26-10B",
        "HMV-27-01W",
        "HMV-27-03C",
    ]
    by_code.sort(COL_CODE, DESCENDING)
    load(by_code, demo_context)
    assert column_texts(by_code, COL_CODE)[0] == "HMV-27-03C"
    by_title = sorted_by(demo_context, COL_TITLE)
    assert column_texts(by_title, COL_TITLE)[0] == "Hold Me Tight – weekend (English)"


def test_asking_for_the_order_already_shown_reads_nothing_again(demo_context):
    model = course_list(demo_context)
    asked: list[bool] = []
    model.order_changed.connect(lambda: asked.append(True))
    model.sort(COL_DATES, DESCENDING)
    model.sort(-1, ASCENDING)
    assert asked == []
