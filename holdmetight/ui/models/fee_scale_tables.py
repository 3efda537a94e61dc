"""The Fees page's lists: fee scales with their bands, and the yearly social-minimum norms."""

from __future__ import annotations

from typing import Any

from holdmetight.i18n import _, current_language, format_money, short_date
from holdmetight.reports.fee_labels import band_label
from holdmetight.services.fee_scales import FeeScaleInfo, NormInfo
from holdmetight.ui.models.row_table import Column, RowTableModel

COL_NAME, COL_BASIS, COL_VALID, COL_BANDS = range(4)
COL_YEAR, COL_HOUSEHOLD, COL_MONTHLY = range(3)


def scale_bands(scale: FeeScaleInfo) -> str:
    """Every band with its fee, lowest income first, in the interface language."""
    language = current_language()
    return "; ".join(
        f"{band_label(b.bounds, language=language)}: {format_money(b.fee)}" for b in scale.bands
    )


def _validity(scale: FeeScaleInfo) -> str:
    end = short_date(scale.valid_to) if scale.valid_to else "…"
    return f"{short_date(scale.valid_from)} – {end}"


class FeeScaleModel(RowTableModel[FeeScaleInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Name"), lambda s: s.name),
                Column(lambda: _("Bands by"), lambda s: s.basis.label),
                Column(lambda: _("Valid"), _validity, sort_key=lambda s: s.valid_from),
                Column(lambda: _("Bands and fees"), scale_bands, tooltip=scale_bands),
            ],
            parent,
        )


class NormModel(RowTableModel[NormInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Year"), lambda n: str(n.year), sort_key=lambda n: n.year),
                Column(lambda: _("Household"), lambda n: n.household_type.label),
                Column(
                    lambda: _("Monthly norm"),
                    lambda n: format_money(n.monthly),
                    align_right=True,
                    sort_key=lambda n: n.monthly,
                ),
            ],
            parent,
        )
