"""The couples list, fetched page by page so that tens of thousands of couples stay instant."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from holdmetight.i18n import _
from holdmetight.services.couple_list import CoupleRow
from holdmetight.ui.models.paged_table import PagedTableModel
from holdmetight.ui.models.row_table import Column, or_dash

COL_NAMES, COL_EMAIL, COL_POSTCODE, COL_MUNICIPALITY, COL_COURSE, COL_STATUS = range(6)
# Rows read at a time: a screenful and some, so that each keystroke of a filter reads little.
PAGE_ROWS = 60


class CoupleTableModel(PagedTableModel[CoupleRow, None]):
    """Couples in the order of the first partner's family name, as the database gives them
    (the list has one order, so no column chooses another)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Couple"), lambda r: r.names),
                Column(lambda: _("E-mail"), lambda r: or_dash(r.email)),
                Column(lambda: _("Postcode"), lambda r: or_dash(r.postcode)),
                Column(lambda: _("Municipality"), lambda r: or_dash(r.municipality)),
                Column(lambda: _("Course"), lambda r: or_dash(r.course_code)),
                Column(lambda: _("Status"), lambda r: or_dash(r.status.label if r.status else "")),
            ],
            parent,
            orders=[None] * 6,
            order=(COL_NAMES, Qt.SortOrder.AscendingOrder),
        )

    @property
    def page_size(self) -> int:
        return PAGE_ROWS
