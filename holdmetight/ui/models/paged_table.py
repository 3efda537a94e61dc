"""Lists that grow with the years (courses, payments): fetched a page at a time as the view
scrolls, and sorted by the database.

The model never holds the whole list. ``load`` is given a ``fetch(offset, limit)`` that reads
rows in the current order and how many there are in all; the view asks for more
(``canFetchMore``/``fetchMore``) as the user scrolls. A click on a column header lands in
``sort``, which only notes the wished order and emits ``order_changed``: the page then asks the
database for the list again in that order. Nothing is sorted here, so the cost of a refresh
grows with what was shown, not with the years of history behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from holdmetight.ui.models.row_table import Column, RowTableModel

T = TypeVar("T")
OrderT = TypeVar("OrderT")  # what the database sorts by: one value for each column

PAGE_SIZE = 200

Index = QModelIndex | QPersistentModelIndex
FetchPage = Callable[[int, int], Sequence[T]]


class PagedTableModel(RowTableModel[T], Generic[T, OrderT]):
    """Rows arrive in pages from the ``fetch`` given to :meth:`load`, in the order the user
    chose by clicking a column header (:attr:`order`, :attr:`descending`); ``orders`` names
    the database's order for each column."""

    order_changed = Signal()

    def __init__(
        self,
        columns: Sequence[Column[T]],
        parent: Any = None,
        *,
        orders: Sequence[OrderT],
        order: tuple[int, Qt.SortOrder],
        identity: Callable[[T], Any] | None = None,
    ) -> None:
        super().__init__(columns, parent, identity=identity)
        assert len(orders) == len(columns)
        self._orders = list(orders)
        self.sort_column, self.sort_order = order
        self._fetch: FetchPage[T] | None = None
        self._total = 0

    @property
    def total(self) -> int:
        """How many rows the list has, fetched or not."""
        return self._total

    @property
    def order(self) -> OrderT:
        """What the database sorts by, after the column chosen."""
        return self._orders[self.sort_column]

    @property
    def descending(self) -> bool:
        return self.sort_order == Qt.SortOrder.DescendingOrder

    def load(self, fetch: FetchPage[T], total: int, *, rows: int = 0) -> None:
        """Start over with a new query: the first page now (or the first ``rows``, to keep a
        place the user had scrolled to), the rest on demand."""
        self._fetch = fetch
        self._total = total
        self.set_rows(fetch(0, max(PAGE_SIZE, rows)) if total else [])

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and self._fetch is not None and self.rowCount() < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if self.canFetchMore(parent):
            self._fetch_to(self.rowCount() + PAGE_SIZE)

    def fetch_through(self, row: int) -> None:
        """Make sure rows up to ``row`` are here (one query for all that are missing)."""
        if row >= self.rowCount() and self.canFetchMore():
            self._fetch_to(row + 1)

    def _fetch_to(self, end: int) -> None:
        assert self._fetch is not None
        have = self.rowCount()
        page = self._fetch(have, min(end, self._total) - have)
        if not page:  # the list shrank meanwhile: stop asking
            self._total = have
            return
        self.append_rows(page)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a column header: note the order and let the page read the list again."""
        if (column, order) == (self.sort_column, self.sort_order) or not (
            0 <= column < len(self.columns)
        ):
            return
        self.sort_column, self.sort_order = column, order
        self.order_changed.emit()
