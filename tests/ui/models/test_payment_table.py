"""Payments and refunds as the Fees page lists them: a row each, a refund as a negative amount.

The page opens on the date column, newest first; a click on a header (``sort``) has the
database read the list again in that order. ``payment_list`` below loads the model as the page
does, for a period that holds every payment.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from holdmetight.domain.enums import PaymentMethod
from holdmetight.i18n import set_language
from holdmetight.services import payment_list as listing
from holdmetight.services import payments
from holdmetight.services.payment_list import PaymentOrder
from holdmetight.services.payments import PaymentLine
from holdmetight.ui.context import AppContext
from holdmetight.ui.models.payment_table import (
    COL_AMOUNT,
    COL_COUPLE,
    COL_DATE,
    COL_METHOD,
    PaymentTableModel,
)
from holdmetight.ui.models.row_table import ID_ROLE
from tests.ui.models.conftest import ASCENDING, column_texts

pytestmark = pytest.mark.usefixtures("qapp")

HORIZONTAL = Qt.Orientation.Horizontal
ALIGN = Qt.ItemDataRole.TextAlignmentRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
NBSP = "\u00a0"

VERMEULEN = "Vermeulen, Hüseyin & Leeuwen, Esther van"
HAAN = "Haan, Koen de & Vos, Lotte"


EVER = (date(2000, 1, 1), date(2099, 12, 31))


def load(model: PaymentTableModel, context: AppContext) -> None:
    """Read the list as the Fees page does, in the order the model was last asked for."""

    def fetch(offset: int, limit: int) -> list[PaymentLine]:
        return context.call(
            listing.list_payments,
            first=EVER[0],
            last=EVER[1],
            order=model.order,
            descending=model.descending,
            offset=offset,
            limit=limit,
        )

    totals = context.call(listing.payment_totals, first=EVER[0], last=EVER[1])
    model.load(fetch, totals.count)


def payment_list(
    context: AppContext, column: int = COL_DATE, order: Qt.SortOrder = ASCENDING
) -> PaymentTableModel:
    """The list after a click on ``column``'s header (oldest first unless told otherwise)."""
    model = PaymentTableModel()
    model.sort(column, order)
    load(model, context)
    return model


def headers(model: PaymentTableModel) -> list[str]:
    return [model.headerData(c, HORIZONTAL) for c in range(model.columnCount())]


def row_texts(model: PaymentTableModel, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def paid_by(context: AppContext, names: str) -> PaymentLine:
    (line,) = [p for p in context.call(payments.payment_lines) if p.names == names]
    return line


def pay_back(context: AppContext, names: str, amount: str, on: date) -> None:
    """Part of what the couple paid goes back to them, by bank transfer."""
    context.call(
        payments.record_refund,
        assessment_id=paid_by(context, names).assessment_id,
        amount=Decimal(amount),
        paid_on=on,
        method=PaymentMethod.BANK_TRANSFER,
        reference="Terugbetaling",
    )


def test_the_column_titles_read_in_english_and_after_a_switch_in_dutch():
    model = PaymentTableModel()
    assert headers(model) == ["Date", "Course", "Couple", "Amount", "Method", "Reference"]
    set_language("nl")
    model.retranslate()
    assert headers(model) == ["Datum", "Cursus", "Stel", "Bedrag", "Betaalwijze", "Kenmerk"]


def test_payments_read_in_dutch_with_dates_euros_and_how_they_were_paid(demo_context):
    set_language("nl")
    model = payment_list(demo_context)
    assert [row_texts(model, r) for r in range(5)] == [
        [
            "23 aug 2026",
            "HMV-26-08A",
            "Ramdin, Sem & Meer, Femke van der",
            f"€{NBSP}50,00",
            "contant",
            "",
        ],
        [
            "27 aug 2026",
            "HMV-26-08A",
            "Yılmaz, Linda & Wit, Saskia de",
            f"€{NBSP}75,00",
            "contant",
            "",
        ],
        [
            "2 sep 2026",
            "HMV-26-08A",
            "Boer, Bram de & Boer, Priya de",
            f"€{NBSP}25,00",
            "gemeentelijke voucher",
            "",
        ],
        [
            "3 sep 2026",
            "HMV-26-08A",
            "Schäfer, Renée & Meijer, Fatima",
            f"€{NBSP}37,50",
            "overboeking",
            "Termijn 1",
        ],
        [
            "5 sep 2026",
            "HMV-26-08A",
            "El Amrani, Karim & El Amrani, Wouter",
            f"€{NBSP}25,00",
            "pin",
            "",
        ],
    ]


def test_the_same_payments_read_in_english(demo_context):
    model = payment_list(demo_context)
    assert row_texts(model, 6) == [
        "26 Oct 2026",
        "HMV-26-10B",
        HAAN,
        "€37.50",
        "bank transfer",
        "Termijn 1",
    ]
    assert column_texts(model, COL_METHOD) == [
        "cash",
        "cash",
        "municipal voucher",
        "bank transfer",
        "PIN/card",
        "cash",
        "bank transfer",
        "bank transfer",
        "municipal voucher",
        "municipal voucher",
    ]


def test_a_refund_shows_as_a_negative_amount_explained_as_a_refund(demo_context):
    pay_back(demo_context, VERMEULEN, "12.50", date(2026, 11, 3))
    model = payment_list(demo_context)
    assert row_texts(model, 7)[COL_AMOUNT] == "€12.50"
    assert row_texts(model, 8) == [
        "3 Nov 2026",
        "HMV-26-10B",
        VERMEULEN,
        "-€12.50",
        "bank transfer",
        "Terugbetaling",
    ]
    assert model.index(8, COL_AMOUNT).data(TOOLTIP) == "refund"
    assert not model.index(7, COL_AMOUNT).data(TOOLTIP)
    assert model.index(8, COL_COUPLE).data(TOOLTIP) is None

    set_language("nl")
    model.retranslate()
    assert (model.index(8, COL_DATE).data(), model.index(8, COL_AMOUNT).data()) == (
        "3 nov 2026",
        f"€{NBSP}-12,50",
    )
    assert model.index(8, COL_AMOUNT).data(TOOLTIP) == "terugbetaling"


def test_only_the_amount_is_right_aligned(demo_context):
    model = payment_list(demo_context)
    assert [model.index(0, c).data(ALIGN) for c in range(model.columnCount())] == [
        None,
        None,
        None,
        RIGHT,
        None,
        None,
    ]


def test_the_page_opens_newest_first_and_of_one_day_the_last_recorded_on_top(demo_context):
    set_language("nl")
    newest_first = PaymentTableModel()
    assert (newest_first.order, newest_first.descending) == (PaymentOrder.DATE, True)
    load(newest_first, demo_context)
    assert column_texts(newest_first, COL_DATE)[:4] == [
        "10 nov 2026",
        "10 nov 2026",
        "27 okt 2026",
        "26 okt 2026",
    ]
    assert column_texts(newest_first, COL_DATE)[-3:] == ["2 sep 2026", "27 aug 2026", "23 aug 2026"]
    on_top = [newest_first.index(r, COL_COUPLE).data() for r in range(2)]
    assert on_top == ["Groot, Stijn de & Brouwer, Inès", "Berg, Babette van den & Bakker, Gert-Jan"]
    # The receipt is printed for the payment on the selected row.
    groot = paid_by(demo_context, "Groot, Stijn de & Brouwer, Inès")
    assert newest_first.index(0, COL_DATE).data(ID_ROLE) == groot.id


def test_oldest_first_goes_by_calendar_and_then_by_recording(demo_context):
    set_language("nl")
    oldest_first = payment_list(demo_context)
    assert column_texts(oldest_first, COL_DATE) == [
        "23 aug 2026",
        "27 aug 2026",
        "2 sep 2026",
        "3 sep 2026",
        "5 sep 2026",
        "23 okt 2026",
        "26 okt 2026",
        "27 okt 2026",
        "10 nov 2026",
        "10 nov 2026",
    ]
    assert column_texts(oldest_first, COL_COUPLE)[-2:] == [
        "Berg, Babette van den & Bakker, Gert-Jan",
        "Groot, Stijn de & Brouwer, Inès",
    ]


def test_amounts_sort_by_value_with_the_largest_refund_first(demo_context):
    pay_back(demo_context, VERMEULEN, "12.50", date(2026, 11, 3))
    pay_back(demo_context, HAAN, "37.50", date(2026, 11, 5))
    by_amount = payment_list(demo_context, COL_AMOUNT)
    assert by_amount.order is PaymentOrder.AMOUNT
    assert column_texts(by_amount, COL_AMOUNT) == [
        "-€37.50",
        "-€12.50",
        "€12.50",
        "€25.00",
        "€25.00",
        "€37.50",
        "€37.50",
        "€50.00",
        "€50.00",
        "€75.00",
        "€75.00",
        "€75.00",
    ]
    assert by_amount.index(0, COL_COUPLE).data() == HAAN

    set_language("nl")
    by_amount.retranslate()
    assert column_texts(by_amount, COL_AMOUNT)[:3] == [
        f"€{NBSP}-37,50",
        f"€{NBSP}-12,50",
        f"€{NBSP}12,50",
    ]
