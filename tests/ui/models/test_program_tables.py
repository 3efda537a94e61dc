"""The Programmes page: the programmes a course can follow, and the steps of the chosen one.

Both tables show the rows in the order the service gives them (the page does not sort them):
programmes shipped first, then by code; steps in programme order.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt

from holdmetight.domain.enums import ProgramVariant
from holdmetight.i18n import set_language
from holdmetight.services import programs
from holdmetight.services.programs import ProgramInfo, StepInput
from holdmetight.ui.models.program_tables import ProgramStepTableModel, ProgramTableModel
from holdmetight.ui.models.row_table import ID_ROLE

pytestmark = pytest.mark.usefixtures("qapp")

HORIZONTAL = Qt.Orientation.Horizontal
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
COL_CODE, COL_NAME, COL_VARIANT, COL_STEPS, COL_HOURS = range(5)
COL_STEP, COL_TITLE_NL, COL_TITLE_EN, COL_MINUTES, COL_DAY = range(5)


def titles(model: QAbstractItemModel) -> list[str]:
    return [model.headerData(c, HORIZONTAL) for c in range(model.columnCount())]


def row_texts(model: QAbstractItemModel, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def eleven_short_steps(session) -> ProgramInfo:
    """A made-up programme of eleven 45-minute steps: 8¼ hours."""
    return programs.create_program(
        session,
        code="KORT-11",
        name_nl="Korte bijeenkomsten",
        name_en="Short meetings",
        variant=ProgramVariant.OTHER,
        steps=[
            StepInput(
                code=f"S{n}",
                title_nl=f"Bijeenkomst {n}",
                title_en=f"Meeting {n}",
                duration_minutes=45,
            )
            for n in range(1, 12)
        ],
    )


def test_the_shipped_programmes_read_in_dutch_with_steps_and_hours(session):
    set_language("nl")
    model = ProgramTableModel()
    model.set_rows(programs.list_programs(session))
    assert titles(model) == ["Code", "Naam", "Variant", "Onderdelen", "Uren"]
    assert [row_texts(model, row) for row in range(model.rowCount())] == [
        ["HMT-INTENSIVE", "Houd me vast (intensief, twee dagen)", "intensief", "8", "14"],
        ["HMT-WEEKLY", "Houd me vast (wekelijks)", "wekelijks", "8", "16"],
    ]


def test_names_and_variants_follow_the_language(session):
    set_language("nl")
    model = ProgramTableModel()
    model.set_rows(programs.list_programs(session))
    set_language("en")
    model.retranslate()
    assert titles(model) == ["Code", "Name", "Variant", "Steps", "Hours"]
    assert row_texts(model, 0)[COL_NAME:COL_STEPS] == [
        "Hold Me Tight (intensive, two days)",
        "intensive",
    ]


def test_part_hours_are_written_with_the_languages_decimal_mark(session):
    short = eleven_short_steps(session)
    model = ProgramTableModel()
    model.set_rows([short])
    assert model.index(0, COL_HOURS).data() == "8.25"
    set_language("nl")
    assert model.index(0, COL_HOURS).data() == "8,25"
    assert model.index(0, COL_STEPS).data() == "11"


def test_counts_are_right_aligned_and_each_row_carries_its_programme(session):
    short = eleven_short_steps(session)
    model = ProgramTableModel()
    model.set_rows(programs.list_programs(session))
    assert [model.index(0, c).data(ALIGNMENT) for c in range(5)] == [None, None, None, RIGHT, RIGHT]
    assert model.index(2, COL_CODE).data() == "KORT-11"
    assert model.index(2, COL_NAME).data(ID_ROLE) == short.id


def test_the_steps_of_the_intensive_programme_show_both_titles_minutes_and_day(session):
    set_language("nl")
    intensive = programs.get_program(session, code="HMT-INTENSIVE")
    model = ProgramStepTableModel()
    model.set_rows(intensive.steps)
    assert titles(model) == ["Onderdeel", "Nederlandse titel", "Engelse titel", "Minuten", "Dag"]
    assert row_texts(model, 0) == [
        "1. INTRO",
        "Introductie: liefde als hechting",
        "Introduction: love as attachment",
        "60",
        "1",
    ]
    assert model.index(7, COL_DAY).data() == "2"
    assert [model.index(0, c).data(ALIGNMENT) for c in range(5)] == [None, None, None, RIGHT, RIGHT]


def test_a_weekly_step_has_no_day_and_shows_a_dash(session):
    weekly = programs.get_program(session, code="HMT-WEEKLY")
    model = ProgramStepTableModel()
    model.set_rows(weekly.steps)
    assert {model.index(row, COL_DAY).data() for row in range(model.rowCount())} == {"–"}


def test_steps_are_listed_in_programme_order_with_ten_after_nine(session):
    model = ProgramStepTableModel()
    model.set_rows(eleven_short_steps(session).steps)
    steps = [model.index(row, COL_STEP).data() for row in range(model.rowCount())]
    assert steps[8:] == ["9. S9", "10. S10", "11. S11"]
    assert model.index(9, COL_TITLE_EN).data() == "Meeting 10"
    assert model.index(9, COL_MINUTES).data() == "45"
