"""The fees of a course as the table shows them: a row per couple, its band, amounts as money."""

from __future__ import annotations

from decimal import Decimal
from itertools import count

import pytest
from PySide6.QtCore import Qt

from holdmetight.domain.enums import EnrollmentStatus, FeeBasis
from holdmetight.i18n import set_language
from holdmetight.services.fee_assessments import FeeRow
from holdmetight.services.fee_scales import BandBounds
from holdmetight.ui.models.fee_table import FeeTableModel
from tests.ui.models.conftest import column_texts, sorted_by

pytestmark = pytest.mark.usefixtures("qapp")

HORIZONTAL = Qt.Orientation.Horizontal
DISPLAY = Qt.ItemDataRole.DisplayRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
NBSP = "\u00a0"

(
    COL_COUPLE,
    COL_STATUS,
    COL_BAND,
    COL_FEE,
    COL_PAID,
    COL_WAIVED,
    COL_OUTSTANDING,
    COL_REFUND,
    COL_CHECKED,
) = range(9)
ZERO = Decimal("0.00")
IDS = count(1)


def band(position: int, low: int, high: int | None, label: str = "") -> BandBounds:
    return BandBounds(
        position=position, label=label, income_from=low, income_to=high, basis=FeeBasis.ABSOLUTE
    )


def assessed(
    names: str,
    *,
    income_band: BandBounds | None,
    fee: str,
    paid: str = "0",
    waived: str = "0",
    checked: bool = False,
    reason: str = "",
) -> FeeRow:
    fee_, paid_, waived_ = Decimal(fee), Decimal(paid), Decimal(waived)
    number = next(IDS)
    return FeeRow(
        enrollment_id=number,
        couple_id=number,
        names=names,
        assessment_id=number,
        band=income_band,
        assessed=fee_,
        paid=paid_,
        waived=waived_,
        outstanding=max(fee_ - paid_ - waived_, ZERO),
        refund_due=max(paid_ + waived_ - fee_, ZERO),
        income_checked=checked,
        reduction_reason=reason,
        status=EnrollmentStatus.ENROLLED,
        fee_on_leaving=None,
    )


def not_assessed(names: str) -> FeeRow:
    number = next(IDS)
    return FeeRow(
        enrollment_id=number,
        couple_id=number,
        names=names,
        assessment_id=None,
        band=None,
        assessed=None,
        paid=ZERO,
        waived=ZERO,
        outstanding=ZERO,
        refund_due=ZERO,
        income_checked=False,
        reduction_reason="",
        status=EnrollmentStatus.ENROLLED,
        fee_on_leaving=None,
    )


@pytest.fixture
def table() -> FeeTableModel:
    model = FeeTableModel()
    model.set_rows(
        [
            assessed(
                "Berg, Jan van der & Vries, Anna de",
                income_band=band(2, 180000, 250000),
                fee="25",
                paid="10",
                checked=True,
            ),
            assessed(
                "Öztürk, Elif & Yılmaz, Mert",
                income_band=band(3, 250000, None),
                fee="30",
                waived="30",
                reason="Schulden; afspraak met de schuldhulp",
            ),
            assessed(
                "Claassen, Eva & Dijk, Tom", income_band=band(1, 0, 180000, "Minima"), fee="0"
            ),
            not_assessed("Aalders, Piet & Bakker, Sanne"),
        ]
    )
    return model


def text(model: FeeTableModel, row: int, column: int, role: int = DISPLAY) -> object:
    return model.data(model.index(row, column), role)


def headers(model: FeeTableModel) -> list[str]:
    return [model.headerData(c, HORIZONTAL, DISPLAY) for c in range(model.columnCount())]


def test_the_columns_are_couple_band_amounts_and_proof_of_income(table):
    assert (table.rowCount(), table.columnCount()) == (4, 9)
    assert headers(table) == [
        "Couple",
        "Status",
        "Income band",
        "Fee",
        "Paid",
        "Waived",
        "Outstanding",
        "To pay back",
        "Proof of income seen",
    ]


def test_a_row_shows_the_band_by_its_bounds_and_the_amounts_as_money(table):
    assert [text(table, 0, c) for c in range(9)] == [
        "Berg, Jan van der & Vries, Anna de",
        "enrolled",
        "€1,800.00 – €2,500.00",
        "€25.00",
        "€10.00",
        "€0.00",
        "€15.00",
        "",
        "yes",
    ]
    assert [text(table, 1, c) for c in (COL_BAND, COL_WAIVED, COL_OUTSTANDING, COL_CHECKED)] == [
        "from €2,500.00",
        "€30.00",
        "€0.00",
        "no",
    ]


def test_a_band_with_its_own_label_shows_that_label(table):
    assert text(table, 2, COL_BAND) == "Minima"


def test_a_couple_not_yet_assessed_is_flagged_and_has_no_fee(table):
    assert [text(table, 3, c) for c in range(9)] == [
        "Aalders, Piet & Bakker, Sanne",
        "enrolled",
        "no income band yet",
        "–",
        "€0.00",
        "€0.00",
        "€0.00",
        "",
        "no",
    ]


def test_a_fee_assessed_by_a_band_since_removed_shows_no_band_text():
    model = FeeTableModel()
    model.set_rows([assessed("Jansen, Anna & Visser, Bram", income_band=None, fee="20")])
    assert (text(model, 0, COL_BAND), text(model, 0, COL_FEE)) == ("–", "€20.00")


def test_amounts_are_right_aligned_and_names_and_bands_are_not(table):
    assert [text(table, 0, c, ALIGN) for c in range(9)] == [
        None,
        None,
        None,
        RIGHT,
        RIGHT,
        RIGHT,
        RIGHT,
        RIGHT,
        None,
    ]


def test_the_band_cell_explains_a_lower_fee_in_its_tooltip(table):
    assert text(table, 1, COL_BAND, TOOLTIP) == "Schulden; afspraak met de schuldhulp"
    assert text(table, 1, COL_COUPLE, TOOLTIP) is None


def test_sorting_by_fee_puts_the_unassessed_couple_with_the_free_ones_first(table):
    fees = column_texts(sorted_by(table, COL_FEE), COL_FEE)
    assert fees[2:] == ["€25.00", "€30.00"] and sorted(fees[:2]) == ["–", "€0.00"]


def test_after_a_language_change_headers_bands_and_money_read_in_dutch(table):
    set_language("nl")
    table.retranslate()
    assert headers(table)[COL_BAND] == "Inkomensgroep"
    assert text(table, 0, COL_BAND) == f"€{NBSP}1.800,00 – €{NBSP}2.500,00"
    assert text(table, 1, COL_BAND) == f"vanaf €{NBSP}2.500,00"
    assert text(table, 0, COL_OUTSTANDING) == f"€{NBSP}15,00"
    assert (text(table, 0, COL_CHECKED), text(table, 3, COL_BAND)) == (
        "ja",
        "nog geen inkomensgroep",
    )
