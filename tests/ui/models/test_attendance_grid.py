"""The attendance grid of a course: a row per partner, a column per meeting, a coloured mark
in each cell and the couple's standing under the completion rule at the end."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt

from holdmetight.domain.enums import GroupSessionStatus
from holdmetight.i18n import set_language
from holdmetight.services import attendance, courses, group_sessions, scheduling
from holdmetight.ui.context import AppContext
from holdmetight.ui.models.attendance_grid import AttendanceGridModel

pytestmark = pytest.mark.usefixtures("qapp")

HORIZONTAL = Qt.Orientation.Horizontal
BACKGROUND = Qt.ItemDataRole.BackgroundRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole

PARTNER, FIRST_MEETING = 0, 1
KOEN_DE_HAAN = 4  # first partner of the third couple, who missed two steps


def running_course_id(context: AppContext) -> int:
    """The demo's HMV-26-10B: eight Thursday evenings from 22 Oct 2026, five held so far."""
    (course,) = [c for c in context.call(courses.list_courses) if c.code == "HMV-26-10B"]
    return course.id


def grid_of(context: AppContext, course_id: int) -> AttendanceGridModel:
    model = AttendanceGridModel()
    model.load(context.call(attendance.attendance_grid, course_id=course_id))
    return model


def headers(model: AttendanceGridModel, role: int = Qt.ItemDataRole.DisplayRole) -> list[str]:
    return [model.headerData(c, HORIZONTAL, role) for c in range(model.columnCount())]


def background(model: AttendanceGridModel, row: int, column: int) -> str | None:
    brush = model.index(row, column).data(BACKGROUND)
    return brush.color().name() if brush is not None else None


def test_before_a_course_is_chosen_the_grid_is_empty():
    model = AttendanceGridModel()
    assert (model.rowCount(), model.columnCount()) == (0, 0)
    assert model.headerData(0, HORIZONTAL) is None


def test_each_partner_has_a_row_under_a_dutch_column_per_meeting(demo_context):
    set_language("nl")
    model = grid_of(demo_context, running_course_id(demo_context))
    assert headers(model) == [
        "Partner",
        "1\n22 okt 2026",
        "2\n29 okt 2026",
        "3\n5 nov 2026",
        "4\n12 nov 2026",
        "5\n19 nov 2026",
        "6\n26 nov 2026",
        "7\n3 dec 2026",
        "8\n10 dec 2026",
        "Afronding",
    ]
    partners = [model.index(row, PARTNER).data() for row in range(model.rowCount())]
    assert partners[:4] == [
        "Babette van den Berg",
        "Gert-Jan Bakker",
        "Stijn de Groot",
        "Inès Brouwer",
    ]
    assert partners[0::2] == [
        "Babette van den Berg",
        "Stijn de Groot",
        "Koen de Haan",
        "Erik Öztürk",
        "Annelies Smit",
        "Hüseyin Vermeulen",
        "Merel Visser",
        "Niels de Vries",
    ]


def test_hovering_a_meeting_header_names_its_step_and_date(demo_context):
    set_language("nl")
    model = grid_of(demo_context, running_course_id(demo_context))
    tips = headers(model, TOOLTIP)
    assert tips[FIRST_MEETING] == (
        "1. Introductie: liefde als hechting – donderdag 22 oktober 2026"
    )
    assert tips[PARTNER] is None and tips[-1] is None


def test_marks_read_as_words_on_coloured_centred_cells(demo_context):
    set_language("nl")
    model = grid_of(demo_context, running_course_id(demo_context))
    marks = [model.index(KOEN_DE_HAAN, c).data() for c in range(FIRST_MEETING, 9)]
    assert model.index(KOEN_DE_HAAN, PARTNER).data() == "Koen de Haan"
    assert marks == ["aanwezig", "aanwezig", "afwezig", "te laat", "afgemeld", "", "", ""]
    colours = [background(model, KOEN_DE_HAAN, c) for c in range(FIRST_MEETING, 7)]
    sixth = model.meeting_at(6)
    assert sixth is not None
    not_yet = "#e4e4e4" if not sixth.started else None  # greyed until the meeting begins
    assert colours == ["#d8f0d2", "#d8f0d2", "#f6d3d0", "#fbefc4", "#dbe7f7", not_yet]
    centred = model.index(KOEN_DE_HAAN, FIRST_MEETING).data(Qt.ItemDataRole.TextAlignmentRole)
    assert centred == int(Qt.AlignmentFlag.AlignCenter)
    assert background(model, KOEN_DE_HAAN, PARTNER) is None


def test_the_couples_standing_shows_once_on_the_first_partners_row(demo_context):
    set_language("nl")
    model = grid_of(demo_context, running_course_id(demo_context))
    standing = model.columnCount() - 1
    assert model.index(0, standing).data() == "op koers (4/6)"
    assert model.index(1, standing).data() is None
    assert background(model, 0, standing) is None
    assert model.index(KOEN_DE_HAAN, standing).data() == "risico (3/6)"
    assert background(model, KOEN_DE_HAAN, standing) == "#f6d3d0"
    assert model.index(KOEN_DE_HAAN, standing).data(TOOLTIP) == (
        "3 onderdelen door beide partners bijgewoond, 2 gemist"
    )


def test_a_cancelled_meeting_is_greyed_out_and_its_make_up_stands_beside_it(demo_context):
    course_id = running_course_id(demo_context)
    meetings = demo_context.call(group_sessions.list_group_sessions, course_id=course_id)
    (stormy,) = [m for m in meetings if m.date == date(2026, 11, 26)]
    demo_context.call(
        group_sessions.set_group_session_status,
        group_session_id=stormy.id,
        course_version=stormy.course_version,
        status=GroupSessionStatus.CANCELLED,
        reason="Code rood: storm",
    )
    demo_context.call(
        scheduling.add_makeup_session,
        course_id=course_id,
        course_version=demo_context.call(courses.get_course, course_id=course_id).version,
        position=6,
        on=date(2026, 12, 17),
        start_time=time(19, 0),
        end_time=time(21, 0),
        venue_id=stormy.venue_id,
    )
    set_language("nl")
    model = grid_of(demo_context, course_id)
    assert headers(model)[6:9] == ["6\n26 nov 2026", "6+\n17 dec 2026", "7\n3 dec 2026"]
    assert headers(model, TOOLTIP)[6] == (
        "6. Gesprek 5: Kwetsuren vergeven – donderdag 26 november 2026 (geannuleerd)"
    )
    cancelled = [model.index(row, 6).data() for row in range(model.rowCount())]
    assert set(cancelled) == {"–"}
    assert background(model, 0, 6) == "#e4e4e4"
    assert model.index(0, 7).data() == ""


def test_the_grid_speaks_english_after_switching_back(demo_context):
    set_language("nl")
    model = grid_of(demo_context, running_course_id(demo_context))
    set_language("en")
    assert headers(model)[0] == "Partner" and headers(model)[-1] == "Completion"
    assert model.index(KOEN_DE_HAAN, 4).data() == "late"
    assert model.index(0, model.columnCount() - 1).data() == "on track (4/6)"
