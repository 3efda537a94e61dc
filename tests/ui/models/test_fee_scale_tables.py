"""The Fees page's reference lists: fee scales with their bands and fees, and the yearly
social-minimum norms per household.

``sorted_by`` builds the sorting proxy ``make_table`` puts in front of a sortable table.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from holdmetight.domain.enums import FeeBasis, HouseholdType
from holdmetight.i18n import set_language
from holdmetight.services import fee_scales
from holdmetight.services.fee_scales import BandInput
from holdmetight.ui.context import AppContext
from holdmetight.ui.models.fee_scale_tables import (
    COL_BANDS,
    COL_HOUSEHOLD,
    COL_MONTHLY,
    COL_NAME,
    COL_VALID,
    COL_YEAR,
    FeeScaleModel,
    NormModel,
)
from tests.ui.models.conftest import DESCENDING, column_texts, sorted_by

pytestmark = pytest.mark.usefixtures("qapp")

HORIZONTAL = Qt.Orientation.Horizontal
ALIGN = Qt.ItemDataRole.TextAlignmentRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
NBSP = "\u00a0"

DEMO_BANDS_EN = (
    "€0.00 – €1,800.00: €0.00; €1,800.00 – €2,500.00: €25.00; "
    "€2,500.00 – €3,500.00: €50.00; from €3,500.00: €75.00"
)


def eur(amount: str) -> str:
    """An amount as Dutch writes it: the euro sign, a non-breaking space, then the number."""
    return f"€{NBSP}{amount}"


def headers(model: FeeScaleModel | NormModel) -> list[str]:
    return [model.headerData(c, HORIZONTAL) for c in range(model.columnCount())]


def row_texts(model: FeeScaleModel | NormModel, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def scale_list(context: AppContext) -> FeeScaleModel:
    model = FeeScaleModel()
    model.set_rows(context.call(fee_scales.list_fee_scales))
    return model


def norm_list(context: AppContext) -> NormModel:
    model = NormModel()
    model.set_rows(context.call(fee_scales.list_norms))
    return model


def add_old_scale_by_percentage(context: AppContext) -> None:
    """Last year's scale: bands by percentage of the social minimum, typed in highest first."""
    context.call(
        fee_scales.create_fee_scale,
        name="Eigen bijdrage 2025/2",
        basis=FeeBasis.PERCENT_OF_NORM,
        valid_from=date(2025, 7, 1),
        valid_to=date(2025, 12, 31),
        bands=[
            BandInput(income_from=130, income_to=None, fee=Decimal("40")),
            BandInput(income_from=100, income_to=130, fee=Decimal("15")),
            BandInput(income_from=0, income_to=100, fee=Decimal("0"), label="Minima"),
        ],
    )


NORMS = [
    (2025, HouseholdType.LIVING_TOGETHER, "1932.56"),
    (2025, HouseholdType.LIVING_APART, "1352.79"),
    (2026, HouseholdType.LIVING_TOGETHER, "1978.20"),
    (2026, HouseholdType.LIVING_TOGETHER_PENSION_AGE, "2046.12"),
    (2026, HouseholdType.LIVING_APART, "1384.74"),
    (2008, HouseholdType.LIVING_APART, "912.35"),
]


def set_norms(context: AppContext) -> None:
    for year, household, monthly in NORMS:
        context.call(
            fee_scales.set_norm, year=year, household_type=household, monthly=Decimal(monthly)
        )


def test_the_column_titles_read_in_english_and_after_a_switch_in_dutch():
    scales, norms = FeeScaleModel(), NormModel()
    assert headers(scales) == ["Name", "Bands by", "Valid", "Bands and fees"]
    assert headers(norms) == ["Year", "Household", "Monthly norm"]
    set_language("nl")
    scales.retranslate()
    norms.retranslate()
    assert headers(scales) == ["Naam", "Groepen naar", "Geldig", "Inkomensgroepen en bijdragen"]
    assert headers(norms) == ["Jaar", "Leefsituatie", "Norm per maand"]


def test_the_demo_scale_lists_its_bands_lowest_income_first_each_with_its_fee(demo_context):
    model = scale_list(demo_context)
    assert model.rowCount() == 1
    assert row_texts(model, 0) == [
        "Income-dependent fee 2026",
        "net monthly household income",
        "1 Jan 2026 – …",
        DEMO_BANDS_EN,
    ]
    # The bands column is cut off in a narrow window; its tooltip reads the whole list.
    assert model.index(0, COL_BANDS).data(TOOLTIP) == DEMO_BANDS_EN
    assert model.index(0, COL_NAME).data(TOOLTIP) is None


def test_the_demo_scale_reads_in_dutch_after_a_switch(demo_context):
    model = scale_list(demo_context)
    set_language("nl")
    model.retranslate()
    assert row_texts(model, 0)[1:] == [
        "netto gezinsinkomen per maand",
        "1 jan 2026 – …",
        f"{eur('0,00')} – {eur('1.800,00')}: {eur('0,00')}; "
        f"{eur('1.800,00')} – {eur('2.500,00')}: {eur('25,00')}; "
        f"{eur('2.500,00')} – {eur('3.500,00')}: {eur('50,00')}; "
        f"vanaf {eur('3.500,00')}: {eur('75,00')}",
    ]


def test_a_scale_by_percentage_shows_its_end_date_and_its_bands_from_the_lowest(demo_context):
    add_old_scale_by_percentage(demo_context)
    set_language("nl")
    model = scale_list(demo_context)
    assert column_texts(model, COL_NAME) == [
        "Income-dependent fee 2026",
        "Eigen bijdrage 2025/2",
    ]
    assert row_texts(model, 1) == [
        "Eigen bijdrage 2025/2",
        "percentage van het sociaal minimum",
        "1 jul 2025 – 31 dec 2025",
        f"Minima: {eur('0,00')}; 100% – 130%: {eur('15,00')}; vanaf 130%: {eur('40,00')}",
    ]
    set_language("en")
    model.retranslate()
    assert row_texts(model, 1)[COL_VALID:] == [
        "1 Jul 2025 – 31 Dec 2025",
        "Minima: €0.00; 100% – 130%: €15.00; from 130%: €40.00",
    ]


def test_scales_sort_by_when_they_start_not_by_the_text_of_their_dates(demo_context):
    add_old_scale_by_percentage(demo_context)
    set_language("nl")
    by_start = sorted_by(scale_list(demo_context), COL_VALID)
    assert column_texts(by_start, COL_VALID) == ["1 jul 2025 – 31 dec 2025", "1 jan 2026 – …"]


def test_no_scale_column_is_right_aligned_and_the_monthly_norm_is(context):
    set_norms(context)
    add_old_scale_by_percentage(context)
    scales, norms = scale_list(context), norm_list(context)
    assert [scales.index(0, c).data(ALIGN) for c in range(scales.columnCount())] == [None] * 4
    assert [norms.index(0, c).data(ALIGN) for c in range(norms.columnCount())] == [
        None,
        None,
        RIGHT,
    ]


def test_norms_list_the_latest_year_first_with_household_and_amount(context):
    set_norms(context)
    model = norm_list(context)
    assert [row_texts(model, r) for r in range(model.rowCount())] == [
        ["2026", "living apart", "€1,384.74"],
        ["2026", "married or living together", "€1,978.20"],
        ["2026", "married or living together, pension age", "€2,046.12"],
        ["2025", "living apart", "€1,352.79"],
        ["2025", "married or living together", "€1,932.56"],
        ["2008", "living apart", "€912.35"],
    ]
    set_language("nl")
    model.retranslate()
    assert row_texts(model, 2) == ["2026", "gehuwd of samenwonend, AOW-leeftijd", eur("2.046,12")]
    assert row_texts(model, 5) == ["2008", "niet samenwonend", eur("912,35")]


def test_norms_sort_by_year(context):
    set_norms(context)
    model = norm_list(context)
    assert column_texts(sorted_by(model, COL_YEAR), COL_YEAR) == [
        "2008",
        "2025",
        "2025",
        "2026",
        "2026",
        "2026",
    ]
    latest = sorted_by(model, COL_YEAR, DESCENDING)
    assert column_texts(latest, COL_YEAR)[:3] == ["2026"] * 3


def test_norms_sort_by_amount_not_by_text(context):
    set_norms(context)
    set_language("nl")
    model = norm_list(context)
    by_amount = sorted_by(model, COL_MONTHLY)
    assert column_texts(by_amount, COL_MONTHLY) == [
        eur("912,35"),
        eur("1.352,79"),
        eur("1.384,74"),
        eur("1.932,56"),
        eur("1.978,20"),
        eur("2.046,12"),
    ]
    assert [by_amount.index(r, COL_HOUSEHOLD).data() for r in (0, 5)] == [
        "niet samenwonend",
        "gehuwd of samenwonend, AOW-leeftijd",
    ]
