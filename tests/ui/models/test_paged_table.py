"""A list that grows with the years is read a page at a time as it is scrolled, and a click on a
column header has the database sort it again: nothing here reads or sorts the whole list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from holdmetight.i18n import _, format_date, format_money, set_language
from holdmetight.ui.models import paged_table
from holdmetight.ui.models.paged_table import PagedTableModel
from holdmetight.ui.models.row_table import ID_ROLE, Column
from holdmetight.ui.views.tables import find_row, make_table
from tests.ui.models.conftest import ASCENDING, DESCENDING, column_texts

pytestmark = pytest.mark.usefixtures("qapp")


@dataclass(frozen=True)
class Receipt:
    """A payment received (a stand-in for any read model of a long list)."""

    id: int
    paid_on: date
    amount: Decimal


COL_DATE, COL_AMOUNT = range(2)
TEN_YEARS = [
    Receipt(id=n, paid_on=date(2016, 1, 1) + timedelta(days=n), amount=Decimal(n))
    for n in range(1, 36)
]


class Office:
    """The database's side: pages of receipts in the order asked, and what was asked."""

    def __init__(self, receipts: list[Receipt]) -> None:
        self.receipts = receipts
        self.asked: list[tuple[int, int]] = []
        self.formatted = 0

    def fetch(self, offset: int, limit: int) -> list[Receipt]:
        self.asked.append((offset, limit))
        return self.receipts[offset : offset + limit]

    def date_text(self, receipt: Receipt) -> str:
        self.formatted += 1
        return format_date(receipt.paid_on)


def receipts_list(office: Office) -> PagedTableModel[Receipt, str]:
    return PagedTableModel(
        [
            Column(lambda: _("Date"), office.date_text),
            Column(lambda: _("Amount"), lambda r: format_money(r.amount), align_right=True),
        ],
        orders=["paid_on", "amount"],
        order=(COL_DATE, DESCENDING),
    )


@pytest.fixture(autouse=True)
def pages_of_ten(monkeypatch):
    monkeypatch.setattr(paged_table, "PAGE_SIZE", 10)


def loaded(receipts: list[Receipt] = TEN_YEARS) -> tuple[PagedTableModel[Receipt, str], Office]:
    office = Office(receipts)
    model = receipts_list(office)
    model.load(office.fetch, len(receipts))
    return model, office


def test_only_the_first_page_is_read_until_the_list_is_scrolled():
    model, office = loaded()
    assert (model.rowCount(), model.total, office.asked) == (10, 35, [(0, 10)])
    assert model.canFetchMore()


def test_scrolling_to_the_end_shows_every_row_once_in_the_order_given():
    model, office = loaded()
    while model.canFetchMore():
        model.fetchMore()
    assert office.asked == [(0, 10), (10, 10), (20, 10), (30, 5)]
    assert [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())] == list(range(1, 36))
    model.fetchMore()
    assert len(office.asked) == 4


def test_reading_again_keeps_as_many_rows_as_the_user_had_scrolled_through():
    model, office = loaded()
    model.fetchMore()
    model.fetchMore()
    model.load(office.fetch, 35, rows=model.rowCount())
    assert office.asked[-1] == (0, 30)
    assert model.rowCount() == 30


def test_a_row_further_down_is_fetched_with_everything_above_it_in_one_go():
    model, office = loaded()
    model.fetch_through(26)
    assert office.asked == [(0, 10), (10, 17)]
    assert model.row_of(27) == 26
    model.fetch_through(5)
    assert len(office.asked) == 2


def test_a_list_that_shrank_meanwhile_stops_asking_for_more():
    model = receipts_list(Office([]))
    model.load(lambda offset, limit: TEN_YEARS[:10] if offset == 0 else [], 35)
    model.fetchMore()
    assert (model.rowCount(), model.total, model.canFetchMore()) == (10, 10, False)


def test_an_empty_list_reads_nothing_and_nothing_below_a_row():
    model, office = loaded([])
    assert (model.rowCount(), office.asked, model.canFetchMore()) == (0, [], False)
    full, _office = loaded()
    assert not full.canFetchMore(full.index(0, 0))


def test_a_cell_is_formatted_once_however_often_it_is_shown_and_again_in_another_language():
    model, office = loaded()
    for _time in range(5):
        texts = column_texts(model, COL_DATE)
    assert texts[0] == "2 Jan 2016"
    assert office.formatted == 10
    set_language("nl")
    assert model.index(0, COL_DATE).data() == "2 jan 2016"
    assert model.index(0, COL_AMOUNT).data() == "€\u00a01,00"
    assert office.formatted == 11


def test_a_click_on_a_header_asks_for_the_list_again_and_sorts_nothing_itself():
    model, _office = loaded()
    asked: list[tuple[str, bool]] = []
    model.order_changed.connect(lambda: asked.append((model.order, model.descending)))
    model.sort(COL_AMOUNT, ASCENDING)
    assert asked == [("amount", False)]
    assert model.index(0, 0).data(ID_ROLE) == 1, "the rows wait for the database's order"
    model.sort(COL_AMOUNT, ASCENDING)
    assert len(asked) == 1


def test_the_table_shows_the_models_order_and_hands_header_clicks_to_it():
    model, _office = loaded()
    table = make_table(model, sortable=True)
    header = table.horizontalHeader()
    assert table.model() is model, "no proxy sorting the fetched rows in Python"
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (COL_DATE, DESCENDING)
    asked: list[int] = []
    model.order_changed.connect(lambda: asked.append(model.sort_column))
    table.sortByColumn(COL_AMOUNT, Qt.SortOrder.AscendingOrder)
    assert asked == [COL_AMOUNT]
    assert find_row(table, 7) == 6
    assert find_row(table, 99) is None
