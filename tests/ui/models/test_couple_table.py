"""The couples list: sorted by family name as the office files them, fetched a page at a time
as the list is scrolled, so that a register of tens of thousands of couples opens at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from holdmetight.domain.enums import EnrollmentStatus
from holdmetight.i18n import set_language
from holdmetight.services import couple_list
from holdmetight.services.couple_list import CoupleRow
from holdmetight.ui.context import AppContext
from holdmetight.ui.models import couple_table
from holdmetight.ui.models.couple_table import (
    COL_COURSE,
    COL_NAMES,
    COL_STATUS,
    CoupleTableModel,
)
from holdmetight.ui.models.row_table import ID_ROLE

pytestmark = pytest.mark.usefixtures("qapp")


def load(
    model: CoupleTableModel,
    context: AppContext,
    text: str = "",
    status: EnrollmentStatus | None = None,
) -> list[tuple[int, int]]:
    """Load ``model`` as the Couples page does for a search; return the pages it asks for."""
    asked: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int) -> list[CoupleRow]:
        asked.append((offset, limit))
        return context.call(
            couple_list.list_couples, text=text, status=status, offset=offset, limit=limit
        )

    model.load(fetch, context.call(couple_list.count_couples, text=text, status=status))
    return asked


def couples_page(
    context: AppContext, text: str = "", status: EnrollmentStatus | None = None
) -> tuple[CoupleTableModel, list[tuple[int, int]]]:
    model = CoupleTableModel()
    return model, load(model, context, text, status)


def names(model: CoupleTableModel) -> list[str]:
    return [model.index(row, COL_NAMES).data() for row in range(model.rowCount())]


@pytest.fixture
def pages_of_ten(monkeypatch):
    monkeypatch.setattr(couple_table, "PAGE_ROWS", 10)


def test_a_couple_reads_with_both_list_names_contact_and_latest_course(demo_context):
    set_language("nl")
    model, _asked = couples_page(demo_context, text="ozturk erik")
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == ["Stel", "E-mail", "Postcode", "Gemeente", "Cursus", "Status"]
    assert [model.index(0, c).data() for c in range(model.columnCount())] == [
        "Öztürk, Erik & Öztürk, René",
        "erik.ozturk@example.com",
        "3705 NA",
        "Zeist",
        "HMV-26-10B",
        "ingeschreven",
    ]


def test_a_couple_not_yet_in_any_course_has_a_dash_in_its_course_cells(demo_context):
    model, _asked = couples_page(demo_context, text="Bakker Sven")
    assert model.index(0, COL_NAMES).data() == "Bakker, Sven & Visser, Wendy"
    assert (model.index(0, COL_COURSE).data(), model.index(0, COL_STATUS).data()) == ("–", "–")


def test_couples_are_filed_by_family_name_without_prefix_or_accents(demo_context):
    model, _asked = couples_page(demo_context)
    listed = names(model)
    assert listed.index("Berg, Babette van den & Bakker, Gert-Jan") == 1
    around_ozturk = listed[listed.index("Öztürk, Erik & Öztürk, René") - 1 :][:3]
    assert around_ozturk == [
        "Mulder, Floor & Çelik, Maaike",
        "Öztürk, Erik & Öztürk, René",
        "Peters, Pieter & Bos, Joël",
    ]


def test_each_row_carries_its_couple_for_opening_it(demo_context):
    model, _asked = couples_page(demo_context, text="Dijkstra Kees")
    (couple,) = demo_context.call(couple_list.list_couples, text="Dijkstra Kees")
    assert model.index(0, COL_STATUS).data(ID_ROLE) == couple.id
    assert model.index(0, COL_STATUS).data() == "waiting list"


def test_only_the_first_page_is_read_until_the_list_is_scrolled(demo_context, pages_of_ten):
    model, asked = couples_page(demo_context)
    assert (model.rowCount(), model.total) == (10, 30)
    assert asked == [(0, 10)]
    assert model.canFetchMore()


def test_scrolling_to_the_end_shows_every_couple_once_in_order(demo_context, pages_of_ten):
    model, asked = couples_page(demo_context)
    while model.canFetchMore():
        model.fetchMore()
    assert asked == [(0, 10), (10, 10), (20, 10)]
    assert names(model) == [r.names for r in demo_context.call(couple_list.list_couples)]
    model.fetchMore()
    assert model.rowCount() == 30 and len(asked) == 3


def test_a_list_that_shrank_meanwhile_stops_asking_for_more(demo_context, pages_of_ten):
    model = CoupleTableModel()
    first_page = demo_context.call(couple_list.list_couples, limit=10)
    model.load(lambda offset, limit: first_page if offset == 0 else [], 30)
    model.fetchMore()
    assert model.rowCount() == 10
    assert not model.canFetchMore()
    assert model.total == 10


def test_a_new_search_starts_again_from_the_top(demo_context, pages_of_ten):
    model, _asked = couples_page(demo_context)
    model.fetchMore()
    asked = load(model, demo_context, status=EnrollmentStatus.WAITLISTED)
    assert asked == [(0, 10)]
    assert names(model) == [
        "Dijkstra, Kees & Hof, Marieke van 't",
        "Meer, Tim van der & Yılmaz, Thijs",
        "Wit, Ruben de & Hendriks, Loïs",
    ]
    assert not model.canFetchMore()


def test_nothing_is_fetched_for_an_empty_search_or_below_a_row(demo_context):
    model, asked = couples_page(demo_context, text="nobody-by-this-name")
    assert (model.rowCount(), asked) == (0, [])
    assert not model.canFetchMore()
    full, _asked = couples_page(demo_context)
    assert not full.canFetchMore(full.index(0, 0))
