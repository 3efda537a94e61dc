"""The table model every list is built on: what a cell shows, and how a click on a header sorts.

Sortable tables put a ``QSortFilterProxyModel`` on ``SORT_ROLE`` between the model and the view
(``make_table``); ``sorted_by`` (tests/ui/models/conftest.py) builds the same proxy without a
view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt

from holdmetight.domain.enums import EnrollmentStatus
from holdmetight.i18n import _, format_date, format_number, set_language
from holdmetight.ui.models.row_table import ID_ROLE, Column, RowTableModel
from holdmetight.ui.views.tables import find_row, keeping_place, make_table
from tests.ui.models.conftest import DESCENDING, column_texts, sorted_by

pytestmark = pytest.mark.usefixtures("qapp")

HORIZONTAL = Qt.Orientation.Horizontal


@dataclass(frozen=True)
class SignUp:
    """A couple that signed up for an intake talk (a stand-in for any read model)."""

    id: int
    names: str
    talk: date
    minutes: int
    status: EnrollmentStatus
    note: str = ""


COL_NAMES, COL_TALK, COL_MINUTES, COL_STATUS = range(4)


def sign_up_table() -> RowTableModel[SignUp]:
    return RowTableModel(
        [
            Column(lambda: _("Couple"), lambda s: s.names, tooltip=lambda s: s.note),
            Column(lambda: _("Date"), lambda s: format_date(s.talk), sort_key=lambda s: s.talk),
            Column(
                lambda: _("Minutes"),
                lambda s: format_number(s.minutes),
                sort_key=lambda s: s.minutes,
                align_right=True,
            ),
            Column(lambda: _("Status"), lambda s: s.status.label),
        ]
    )


def sign_up(
    id: int,
    names: str,
    *,
    talk: date = date(2027, 1, 12),
    minutes: int = 60,
    status: EnrollmentStatus = EnrollmentStatus.APPLIED,
    note: str = "",
) -> SignUp:
    return SignUp(id=id, names=names, talk=talk, minutes=minutes, status=status, note=note)


def test_an_empty_list_shows_its_column_titles_and_no_rows():
    model = sign_up_table()
    assert model.rowCount() == 0
    titles = [model.headerData(c, HORIZONTAL) for c in range(model.columnCount())]
    assert titles == ["Couple", "Date", "Minutes", "Status"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_cells_show_the_rows_in_the_order_given_and_carry_their_id():
    model = sign_up_table()
    model.set_rows(
        [
            sign_up(7, "Visser, Merel & Heuvel, Geert van den", minutes=45),
            sign_up(3, "Boer, Bram de & Boer, Priya de", talk=date(2027, 3, 9)),
        ]
    )
    assert column_texts(model, COL_NAMES) == [
        "Visser, Merel & Heuvel, Geert van den",
        "Boer, Bram de & Boer, Priya de",
    ]
    assert model.index(1, COL_TALK).data() == "9 Mar 2027"
    assert model.index(0, COL_MINUTES).data() == "45"
    assert [model.index(row, COL_STATUS).data(ID_ROLE) for row in range(2)] == [7, 3]


def test_numbers_are_right_aligned_and_text_is_left_to_the_view():
    model = sign_up_table()
    model.set_rows([sign_up(1, "Smit, Annelies & Kok, Bas", minutes=60)])
    alignment = model.index(0, COL_MINUTES).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, COL_NAMES).data(Qt.ItemDataRole.TextAlignmentRole) is None


def test_a_column_with_a_tooltip_explains_the_cell_on_hover():
    model = sign_up_table()
    model.set_rows([sign_up(1, "Meijer, Eva & Meijer, Jasper", note="Call after 17:00")])
    assert model.index(0, COL_NAMES).data(Qt.ItemDataRole.ToolTipRole) == "Call after 17:00"
    assert model.index(0, COL_TALK).data(Qt.ItemDataRole.ToolTipRole) is None


def test_names_sort_by_letter_ignoring_case_and_accents():
    model = sign_up_table()
    model.set_rows(
        [
            sign_up(1, "Öztürk, Erik & Öztürk, René"),
            sign_up(2, "peters, Pieter & Bos, Joël"),
            sign_up(3, "Zwart, Ilse & Dekker, Mark"),
            sign_up(4, "Mulder, Floor & Çelik, Maaike"),
            sign_up(5, "Berg, Babette van den & Bakker, Gert-Jan"),
        ]
    )
    assert column_texts(sorted_by(model, COL_NAMES), COL_NAMES) == [
        "Berg, Babette van den & Bakker, Gert-Jan",
        "Mulder, Floor & Çelik, Maaike",
        "Öztürk, Erik & Öztürk, René",
        "peters, Pieter & Bos, Joël",
        "Zwart, Ilse & Dekker, Mark",
    ]


def test_dates_sort_by_the_calendar_not_by_their_dutch_text():
    set_language("nl")
    model = sign_up_table()
    model.set_rows(
        [
            sign_up(1, "A", talk=date(2027, 1, 10)),
            sign_up(2, "B", talk=date(2026, 12, 3)),
            sign_up(3, "C", talk=date(2026, 11, 26)),
        ]
    )
    assert column_texts(sorted_by(model, COL_TALK), COL_TALK) == [
        "26 nov 2026",
        "3 dec 2026",
        "10 jan 2027",
    ]


def test_numbers_sort_by_value_and_descending_reverses():
    model = sign_up_table()
    model.set_rows([sign_up(1, "A", minutes=90), sign_up(2, "B", minutes=45)])
    model.append_rows([sign_up(3, "C", minutes=120)])
    assert column_texts(sorted_by(model, COL_MINUTES), COL_MINUTES) == ["45", "90", "120"]
    descending = sorted_by(model, COL_MINUTES, DESCENDING)
    assert column_texts(descending, COL_MINUTES) == ["120", "90", "45"]


def test_rows_with_the_same_value_keep_the_order_they_came_in():
    model = sign_up_table()
    model.set_rows(
        [
            sign_up(1, "Wit, Ruben de", status=EnrollmentStatus.WAITLISTED),
            sign_up(2, "Bouzid, Zoë", status=EnrollmentStatus.ENROLLED),
            sign_up(3, "Meer, Tim van der", status=EnrollmentStatus.WAITLISTED),
            sign_up(4, "Peters, Pieter", status=EnrollmentStatus.ENROLLED),
        ]
    )
    assert column_texts(sorted_by(model, COL_STATUS), COL_NAMES) == [
        "Bouzid, Zoë",
        "Peters, Pieter",
        "Wit, Ruben de",
        "Meer, Tim van der",
    ]


def test_a_row_added_to_a_sorted_list_takes_its_place():
    model = sign_up_table()
    model.set_rows([sign_up(1, "A", minutes=30), sign_up(2, "B", minutes=120)])
    proxy = sorted_by(model, COL_MINUTES)
    model.append_rows([sign_up(3, "C", minutes=90)])
    assert column_texts(proxy, COL_NAMES) == ["A", "C", "B"]


def test_a_new_set_of_rows_replaces_the_old_one_in_a_sorted_list():
    model = sign_up_table()
    model.set_rows([sign_up(1, "A", minutes=60)])
    proxy = sorted_by(model, COL_MINUTES)
    model.set_rows([sign_up(2, "B", minutes=120), sign_up(3, "C", minutes=90)])
    assert column_texts(proxy, COL_NAMES) == ["C", "B"]


def test_switching_to_dutch_retranslates_titles_and_resorts_the_texts():
    model = sign_up_table()
    model.set_rows(
        [
            sign_up(1, "A", status=EnrollmentStatus.ENROLLED),
            sign_up(2, "B", status=EnrollmentStatus.WITHDRAWN),
        ]
    )
    proxy = sorted_by(model, COL_STATUS)
    assert column_texts(proxy, COL_STATUS) == ["enrolled", "withdrawn"]
    headers_changed: list[tuple[int, int]] = []
    cells_changed: list[tuple[int, int]] = []
    model.headerDataChanged.connect(lambda _o, first, last: headers_changed.append((first, last)))
    model.dataChanged.connect(lambda top, bottom: cells_changed.append((top.row(), bottom.row())))

    set_language("nl")
    model.retranslate()

    assert headers_changed == [(0, 3)]
    assert cells_changed == [(0, 1)]
    assert [model.headerData(c, HORIZONTAL) for c in range(4)] == [
        "Stel",
        "Datum",
        "Minuten",
        "Status",
    ]
    assert column_texts(proxy, COL_STATUS) == ["gestopt", "ingeschreven"]


def test_cells_outside_the_rows_are_empty():
    model = sign_up_table()
    model.set_rows([sign_up(1, "A")])
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.index(0, COL_NAMES).data(Qt.ItemDataRole.BackgroundRole) is None


def test_a_chosen_row_is_found_again_by_its_id_in_a_sorted_table():
    model = sign_up_table()
    model.set_rows([sign_up(1, "A", minutes=90), sign_up(2, "B", minutes=45)])
    table = make_table(model, sortable=True)
    table.sortByColumn(COL_MINUTES, Qt.SortOrder.AscendingOrder)
    table.selectRow(find_row(table, 1))
    with keeping_place(table):
        model.set_rows([sign_up(3, "C", minutes=10), *model.rows()])
    assert [index.data() for index in table.selectionModel().selectedRows()] == ["A"]
    assert (find_row(table, 3), find_row(table, 1), find_row(table, 7)) == (0, 2, None)
