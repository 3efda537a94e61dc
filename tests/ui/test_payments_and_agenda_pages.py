"""The Fees page's payments of a period and the Agenda as the office uses them on a long history:
payments read a page at a time and sorted by the database, the period's totals counted there;
the agenda read only when it is on screen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from holdmetight.services import agenda, payment_list, payments
from holdmetight.ui.main_window import PAGE_AGENDA, PAGE_FEES, MainWindow
from holdmetight.ui.models import paged_table
from holdmetight.ui.models.payment_table import COL_AMOUNT, COL_COUPLE, COL_DATE
from holdmetight.ui.widgets import to_qdate
from tests.ui.models.conftest import column_texts


@pytest.fixture
def window(qtbot, demo_context, window_settings) -> MainWindow:
    shown = MainWindow(demo_context, window_settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def autumn_2026(window: MainWindow) -> MainWindow:
    """The Fees page on the demo's payments: August to December 2026."""
    page = window.fees_page
    window.show_page(PAGE_FEES)
    page.first_edit.setDate(to_qdate(date(2026, 8, 1)))
    page.last_edit.setDate(to_qdate(date(2026, 12, 31)))
    return window


def test_the_payments_open_newest_first_with_the_periods_totals(autumn_2026, demo_context):
    page = autumn_2026.fees_page
    assert not isinstance(page.payments_table.model(), QSortFilterProxyModel)
    assert column_texts(page.payments, COL_DATE)[:2] == ["10 Nov 2026", "10 Nov 2026"]
    lines = demo_context.call(payments.payment_lines, first=date(2026, 8, 1))
    assert sum(line.amount for line in lines) == Decimal("462.50")
    assert page.period_totals.text() == (
        "10 payments and refunds: received €462.50, refunded €0.00."
    )


def test_a_click_on_the_amount_header_has_the_database_sort_the_payments(autumn_2026, monkeypatch):
    page = autumn_2026.fees_page
    asked: list[payment_list.PaymentOrder] = []
    original = payment_list.list_payments

    def listing(session, /, **kwargs):
        asked.append(kwargs["order"])
        return original(session, **kwargs)

    monkeypatch.setattr(payment_list, "list_payments", listing)
    page.payments_table.sortByColumn(COL_AMOUNT, Qt.SortOrder.DescendingOrder)
    assert asked == [payment_list.PaymentOrder.AMOUNT]
    assert column_texts(page.payments, COL_AMOUNT)[:3] == ["€75.00", "€75.00", "€75.00"]
    page.payments_table.selectRow(0)
    assert page.selected_payment().amount == page.payments.row_at(0).amount
    assert page.receipt_button.isEnabled()


def test_a_long_period_is_read_a_page_at_a_time_and_keeps_the_chosen_payment(
    autumn_2026, monkeypatch
):
    monkeypatch.setattr(paged_table, "PAGE_SIZE", 4)
    page = autumn_2026.fees_page
    page.payments_table.sortByColumn(COL_COUPLE, Qt.SortOrder.AscendingOrder)
    assert (page.payments.rowCount(), page.payments.total) == (4, 10)
    page.payments.fetchMore()
    page.payments_table.selectRow(6)
    chosen = page.selected_payment()
    autumn_2026.refresh_action.trigger()  # F5
    assert page.payments.rowCount() == 8
    assert page.selected_payment() == chosen


def test_the_agenda_is_not_read_before_it_is_shown(
    qtbot, demo_context, window_settings, monkeypatch
):
    reads: list[date] = []
    original = agenda.agenda

    def reading(session, /, **kwargs):
        reads.append(kwargs["first"])
        return original(session, **kwargs)

    monkeypatch.setattr(agenda, "agenda", reading)
    window = MainWindow(demo_context, window_settings)
    qtbot.addWidget(window)
    window.show()
    window.agenda_page.period_combo.setCurrentIndex(0)
    assert reads == []
    window.show_page(PAGE_AGENDA)
    assert len(reads) == 1
    window.agenda_page.period_combo.setCurrentIndex(3)
    assert len(reads) == 2
