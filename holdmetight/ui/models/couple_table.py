"""The couples list, fetched page by page so that tens of thousands of couples stay instant."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from holdmetight.i18n import _
from holdmetight.services.couple_list import CoupleRow
from holdmetight.ui.models.row_table import Column, RowTableModel

COL_NAMES, COL_EMAIL, COL_POSTCODE, COL_MUNICIPALITY, COL_COURSE, COL_STATUS = range(6)
PAGE_SIZE = 200

FetchPage = Callable[[int, int], list[CoupleRow]]


class CoupleTableModel(RowTableModel[CoupleRow]):
    """Rows arrive in pages from ``fetch(offset, limit)`` as the view scrolls (``fetchMore``)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(lambda: _("Couple"), lambda r: r.names),
                Column(lambda: _("E-mail"), lambda r: r.email),
                Column(lambda: _("Postcode"), lambda r: r.postcode),
                Column(lambda: _("Municipality"), lambda r: r.municipality),
                Column(lambda: _("Course"), lambda r: r.course_code),
                Column(lambda: _("Status"), lambda r: r.status.label if r.status else ""),
            ],
            parent,
        )
        self._fetch: FetchPage | None = None
        self._total = 0

    @property
    def total(self) -> int:
        """How many couples match, fetched or not."""
        return self._total

    def load(self, fetch: FetchPage, total: int) -> None:
        """Start over with a new query: the first page now, the rest on demand."""
        self._fetch = fetch
        self._total = total
        self.set_rows(fetch(0, PAGE_SIZE) if total else [])

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._fetch is not None and self.rowCount() < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        page = self._fetch(self.rowCount(), PAGE_SIZE)
        if not page:  # the data shrank meanwhile: stop asking
            self._total = self.rowCount()
            return
        self.append_rows(page)
