"""A course's page: its meetings, and its couples (sortable by a click on a column header).

The couples table puts a ``QSortFilterProxyModel`` on ``SORT_ROLE`` in front of the model
(``make_table``); ``sorted_by`` builds that proxy without a view.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt

from holdmetight.domain.enums import EnrollmentStatus, GroupSessionStatus, Language
from holdmetight.i18n import set_language
from holdmetight.services import courses, enrollments, group_sessions, scheduling, venues
from holdmetight.services.enrollments import EnrollmentInfo
from holdmetight.ui.context import AppContext
from holdmetight.ui.models.course_detail_tables import (
    COL_ENROLLMENT_NAMES,
    COL_ENROLLMENT_STATUS,
    COL_SESSION_DATE,
    COL_SESSION_DAY,
    COL_SESSION_STATUS,
    COL_SESSION_STEP,
    COL_SESSION_VENUE,
    EnrollmentTableModel,
    GroupSessionTableModel,
)
from holdmetight.ui.models.row_table import ID_ROLE
from tests.ui.models.conftest import column_texts, sorted_by

pytestmark = pytest.mark.usefixtures("qapp")

HORIZONTAL = Qt.Orientation.Horizontal


def row_texts(model: QAbstractItemModel, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def course_id(context: AppContext, code: str) -> int:
    (course,) = [c for c in context.call(courses.list_courses) if c.code == code]
    return course.id


def meetings_of(context: AppContext, code: str) -> GroupSessionTableModel:
    model = GroupSessionTableModel()
    model.set_rows(
        context.call(group_sessions.list_group_sessions, course_id=course_id(context, code))
    )
    return model


def couples_of(context: AppContext, code: str) -> EnrollmentTableModel:
    model = EnrollmentTableModel()
    model.set_rows(context.call(enrollments.list_enrollments, course_id=course_id(context, code)))
    return model


def enrollment(
    id: int, names: str, status: EnrollmentStatus, *, waitlist_position: int | None = None
) -> EnrollmentInfo:
    return EnrollmentInfo(
        id=id,
        couple_id=id,
        course_id=1,
        names=names,
        languages=(Language.NL, Language.NL),
        status=status,
        applied_at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC),
        waitlist_position=waitlist_position,
        status_reason="",
        override_reason="",
        closing_date=None,
        closing_advice="",
        had_place=status is not EnrollmentStatus.WAITLISTED,
        fee_on_leaving=None,
        not_ready="",
        offer_answer_by=None,
        version=1,
    )


def cancel_stormy_thursday_and_make_it_up(context: AppContext) -> None:
    """Meeting 6 of HMV-26-10B is cancelled and held again on 17 Dec in Zaal 1 of De Brug."""
    meetings = context.call(
        group_sessions.list_group_sessions, course_id=course_id(context, "HMV-26-10B")
    )
    (stormy,) = [m for m in meetings if m.date == date(2026, 11, 26)]
    context.call(
        group_sessions.set_group_session_status,
        group_session_id=stormy.id,
        course_version=stormy.course_version,
        status=GroupSessionStatus.CANCELLED,
        reason="Code rood: storm",
    )
    (brug,) = [v for v in context.call(venues.list_venues) if v.name == "Wijkcentrum De Brug"]
    (zaal,) = [r for r in brug.rooms if r.name == "Zaal 1"]
    context.call(
        scheduling.add_makeup_session,
        course_id=stormy.course_id,
        course_version=context.call(courses.get_course, course_id=stormy.course_id).version,
        position=stormy.position,
        on=date(2026, 12, 17),
        start_time=time(19, 0),
        end_time=time(21, 0),
        venue_id=brug.id,
        room_id=zaal.id,
    )


def test_meetings_read_in_dutch_with_weekday_date_time_and_place(demo_context):
    set_language("nl")
    model = meetings_of(demo_context, "HMV-26-10B")
    titles = [model.headerData(c, HORIZONTAL) for c in range(model.columnCount())]
    assert titles == ["Onderdeel", "Dag", "Datum", "Tijd", "Locatie", "Status"]
    assert row_texts(model, 0) == [
        "1. Introductie: liefde als hechting",
        "do",
        "22 okt 2026",
        "19:00–21:00",
        "Buurthuis 't Klaverblad",
        "gehouden",
    ]
    assert model.index(5, COL_SESSION_STATUS).data() == "gepland"


def test_a_cancelled_meeting_and_its_make_up_in_another_room_say_so(demo_context):
    cancel_stormy_thursday_and_make_it_up(demo_context)
    set_language("nl")
    model = meetings_of(demo_context, "HMV-26-10B")
    assert model.index(5, COL_SESSION_STATUS).data() == "geannuleerd"
    assert row_texts(model, 8) == [
        "6. Gesprek 5: Kwetsuren vergeven",
        "do",
        "17 dec 2026",
        "19:00–21:00",
        "Wijkcentrum De Brug – Zaal 1",
        "gepland (inhaalbijeenkomst)",
    ]


def test_by_step_a_make_up_stands_beside_its_step_and_by_date_in_the_calendar(demo_context):
    cancel_stormy_thursday_and_make_it_up(demo_context)
    set_language("nl")
    model = meetings_of(demo_context, "HMV-26-10B")
    by_step = sorted_by(model, COL_SESSION_STEP)
    assert column_texts(by_step, COL_SESSION_DATE)[5:8] == [
        "26 nov 2026",
        "17 dec 2026",
        "3 dec 2026",
    ]
    assert column_texts(by_step, COL_SESSION_DAY)[5:8] == ["do", "do", "do"]
    by_date = sorted_by(model, COL_SESSION_DATE)
    assert column_texts(by_date, COL_SESSION_DATE)[5:] == [
        "26 nov 2026",
        "3 dec 2026",
        "10 dec 2026",
        "17 dec 2026",
    ]
    by_day = sorted_by(model, COL_SESSION_DAY)
    assert column_texts(by_day, COL_SESSION_DATE) == column_texts(by_date, COL_SESSION_DATE)
    make_up = model.row_at(8)
    assert by_date.index(8, COL_SESSION_VENUE).data(ID_ROLE) == make_up.id


def test_the_couples_of_a_full_course_show_the_waiting_list_in_order(demo_context):
    set_language("nl")
    model = couples_of(demo_context, "HMV-27-03C")
    titles = [model.headerData(c, HORIZONTAL) for c in range(model.columnCount())]
    assert titles == ["Stel", "Taal", "Status"]
    # One couple pulled out; its place is offered to the first couple in line.
    assert row_texts(model, 0) == ["Bouzid, Zoë & Ramdin, Hanneke", "NL / NL", "gestopt"]
    assert row_texts(model, 1)[2] == "ingeschreven"
    assert [row_texts(model, row) for row in range(6, 9)] == [
        ["Meer, Tim van der & Yılmaz, Thijs", "NL / NL", "wachtlijst, nr. 1, plaats aangeboden"],
        ["Wit, Ruben de & Hendriks, Loïs", "NL / EN", "wachtlijst, nr. 2"],
        ["Dijkstra, Kees & Hof, Marieke van 't", "NL / NL", "wachtlijst, nr. 3"],
    ]


def test_hovering_a_withdrawal_shows_the_reason(demo_context):
    set_language("nl")
    model = couples_of(demo_context, "HMV-26-08A")
    statuses = column_texts(model, COL_ENROLLMENT_STATUS)
    withdrawn = model.index(statuses.index("gestopt"), COL_ENROLLMENT_STATUS)
    assert withdrawn.data(Qt.ItemDataRole.ToolTipRole) == "Verhuisd naar een andere gemeente"
    completed = model.index(statuses.index("afgerond"), COL_ENROLLMENT_STATUS)
    assert completed.data(Qt.ItemDataRole.ToolTipRole) == ""


def test_couples_sort_by_family_name_with_ozturk_under_o(demo_context):
    model = couples_of(demo_context, "HMV-26-10B")
    proxy = sorted_by(model, COL_ENROLLMENT_NAMES)
    assert column_texts(proxy, COL_ENROLLMENT_NAMES) == [
        "Berg, Babette van den & Bakker, Gert-Jan",
        "Groot, Stijn de & Brouwer, Inès",
        "Haan, Koen de & Vos, Lotte",
        "Öztürk, Erik & Öztürk, René",
        "Smit, Annelies & Kok, Bas",
        "Vermeulen, Hüseyin & Leeuwen, Esther van",
        "Visser, Merel & Heuvel, Geert van den",
        "Vries, Niels de & Horst, Jeroen ter",
    ]
    (ozturk,) = [e for e in model.rows() if e.names.startswith("Öztürk")]
    assert proxy.index(3, COL_ENROLLMENT_STATUS).data(ID_ROLE) == ozturk.id


def test_status_sorts_by_the_word_shown_and_the_waiting_list_by_number():
    model = EnrollmentTableModel()
    model.set_rows(
        [
            enrollment(1, "Wit, Ruben de", EnrollmentStatus.WAITLISTED, waitlist_position=10),
            enrollment(2, "Bouzid, Zoë", EnrollmentStatus.ENROLLED),
            enrollment(3, "Yılmaz, Linda", EnrollmentStatus.WITHDRAWN),
            enrollment(4, "Meer, Tim van der", EnrollmentStatus.WAITLISTED, waitlist_position=2),
        ]
    )
    proxy = sorted_by(model, COL_ENROLLMENT_STATUS)
    assert column_texts(proxy, COL_ENROLLMENT_STATUS) == [
        "enrolled",
        "waiting list, no. 2",
        "waiting list, no. 10",
        "withdrawn",
    ]
    set_language("nl")
    model.retranslate()
    assert column_texts(proxy, COL_ENROLLMENT_STATUS) == [
        "gestopt",
        "ingeschreven",
        "wachtlijst, nr. 2",
        "wachtlijst, nr. 10",
    ]
