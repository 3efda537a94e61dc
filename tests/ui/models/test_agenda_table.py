"""The agenda: every meeting of every course in a period, as the planner reads it."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt

from holdmetight.domain.enums import GroupSessionStatus
from holdmetight.i18n import set_language
from holdmetight.services import agenda, courses, group_sessions, scheduling
from holdmetight.services.agenda import AgendaItem
from holdmetight.services.group_sessions import GroupSessionInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.models.agenda_table import (
    COL_COURSE,
    COL_DATE,
    COL_DAY,
    COL_STATUS,
    COL_STEP,
    COL_TIME,
    AgendaTableModel,
)
from holdmetight.ui.models.row_table import ID_ROLE
from tests.ui.models.conftest import sorted_by

pytestmark = pytest.mark.usefixtures("qapp")


def row_texts(model: QAbstractItemModel, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def thursday_meetings(context: AppContext) -> list[GroupSessionInfo]:
    """The demo's running course HMV-26-10B: Thursday evenings, 22 Oct - 10 Dec 2026."""
    (course,) = [c for c in context.call(courses.list_courses) if c.code == "HMV-26-10B"]
    return context.call(group_sessions.list_group_sessions, course_id=course.id)


def agenda_model(
    context: AppContext, first: date, last: date
) -> tuple[AgendaTableModel, list[AgendaItem]]:
    items = context.call(agenda.agenda, first=first, last=last)
    model = AgendaTableModel()
    model.set_rows(items)
    return model, items


def test_a_meeting_reads_in_dutch_with_weekday_date_times_and_trainers(demo_context):
    set_language("nl")
    model, _items = agenda_model(demo_context, date(2026, 11, 26), date(2026, 11, 26))
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == [
        "Dag",
        "Datum",
        "Tijd",
        "Cursus",
        "Onderdeel",
        "Locatie",
        "Trainers",
        "Status",
    ]
    assert row_texts(model, 0) == [
        "do",
        "26 nov 2026",
        "19:00–21:00",
        "HMV-26-10B",
        "6. Gesprek 5: Kwetsuren vergeven",
        "Buurthuis 't Klaverblad",
        "Ingrid de Jong, Frank Hoekstra",
        "gepland",
    ]


def test_the_same_meeting_reads_in_english_after_switching_back(demo_context):
    set_language("nl")
    model, _items = agenda_model(demo_context, date(2026, 11, 26), date(2026, 11, 26))
    set_language("en")
    model.retranslate()
    assert model.headerData(COL_STEP, Qt.Orientation.Horizontal) == "Step"
    assert model.headerData(COL_DAY, Qt.Orientation.Horizontal) == "Day"
    assert model.index(0, COL_DAY).data() == "Thu"
    assert model.index(0, COL_DATE).data() == "26 Nov 2026"
    assert model.index(0, COL_STEP).data() == "6. Conversation 5: Forgiving injuries"
    assert model.index(0, COL_STATUS).data() == "scheduled"


def test_hovering_the_course_code_shows_the_course_title(demo_context):
    model, _items = agenda_model(demo_context, date(2027, 1, 23), date(2027, 1, 23))
    course = model.index(0, COL_COURSE)
    assert course.data() == "HMV-27-01W"
    assert course.data(Qt.ItemDataRole.ToolTipRole) == "Hold Me Tight – weekend (English)"
    assert model.index(0, COL_DATE).data(Qt.ItemDataRole.ToolTipRole) is None


def test_each_row_carries_the_meeting_it_shows(demo_context):
    model, _items = agenda_model(demo_context, date(2026, 11, 26), date(2026, 11, 26))
    (meeting,) = [m for m in thursday_meetings(demo_context) if m.date == date(2026, 11, 26)]
    assert model.index(0, COL_TIME).data(ID_ROLE) == meeting.id


def test_a_cancelled_meeting_and_its_make_up_say_so(demo_context):
    (stormy,) = [m for m in thursday_meetings(demo_context) if m.date == date(2026, 11, 26)]
    demo_context.call(
        group_sessions.set_group_session_status,
        group_session_id=stormy.id,
        course_version=stormy.course_version,
        status=GroupSessionStatus.CANCELLED,
        reason="Code rood: storm",
    )
    demo_context.call(
        scheduling.add_makeup_session,
        course_id=stormy.course_id,
        course_version=demo_context.call(courses.get_course, course_id=stormy.course_id).version,
        position=stormy.position,
        on=date(2026, 12, 17),
        start_time=time(19, 0),
        end_time=time(21, 0),
        venue_id=stormy.venue_id,
    )
    set_language("nl")
    model, _items = agenda_model(demo_context, date(2026, 11, 26), date(2026, 12, 31))
    shown = [
        (
            model.index(r, COL_DAY).data(),
            model.index(r, COL_DATE).data(),
            model.index(r, COL_STATUS).data(),
        )
        for r in range(4)
    ]
    assert shown == [
        ("do", "26 nov 2026", "geannuleerd"),
        ("do", "3 dec 2026", "gepland"),
        ("do", "10 dec 2026", "gepland"),
        ("do", "17 dec 2026", "gepland (inhaalbijeenkomst)"),
    ]


def test_the_date_column_sorts_by_day_and_hour_not_by_its_text(demo_context):
    set_language("nl")
    model, items = agenda_model(demo_context, date(2026, 12, 1), date(2027, 3, 31))
    model.set_rows(list(reversed(items)))
    proxy = sorted_by(model, COL_DATE)
    dates_and_times = [
        (
            proxy.index(r, COL_DAY).data(),
            proxy.index(r, COL_DATE).data(),
            proxy.index(r, COL_TIME).data(),
        )
        for r in range(proxy.rowCount())
    ]
    assert dates_and_times[:7] == [
        ("do", "3 dec 2026", "19:00–21:00"),
        ("do", "10 dec 2026", "19:00–21:00"),
        ("za", "23 jan 2027", "09:30–10:30"),
        ("za", "23 jan 2027", "10:45–12:15"),
        ("za", "23 jan 2027", "13:00–15:00"),  # after lunch
        ("za", "23 jan 2027", "15:15–17:45"),
        ("zo", "24 jan 2027", "09:30–11:30"),
    ]
    assert dates_and_times[-1] == ("di", "30 mrt 2027", "19:30–21:30")
    by_day = sorted_by(model, COL_DAY)
    assert [
        (
            by_day.index(r, COL_DAY).data(),
            by_day.index(r, COL_DATE).data(),
            by_day.index(r, COL_TIME).data(),
        )
        for r in range(by_day.rowCount())
    ] == dates_and_times
