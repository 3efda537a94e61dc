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
    # A list counted only so far (not :attr:`exact`) was scrolled to its end: its length is known.
    counted = Signal()

    def __init__(
        self,
        columns: Sequence[Column[T]],
        parent: Any = None,
        *,
        orders: Sequence[OrderT],
        order: tuple[int, Qt.SortOrder],
        identity: Callable[[T], Any] | None = None,
        page_size: int | None = None,
    ) -> None:
        super().__init__(columns, parent, identity=identity)
        assert len(orders) == len(columns)
        self._orders = list(orders)
        self.sort_column, self.sort_order = order
        self._fetch: FetchPage[T] | None = None
        self._total = 0
        self._exact = True
        self._page_size = page_size

    @property
    def page_size(self) -> int:
        """How many rows one fetch asks for (a list that opens at once asks for a screenful)."""
        return self._page_size or PAGE_SIZE

    @property
    def total(self) -> int:
        """How many rows the list has, fetched or not (when not :attr:`exact`: at least)."""
        return self._total

    @property
    def exact(self) -> bool:
        """Whether :attr:`total` is the list's length or only a lower bound (the list was not
        counted to its end; scrolling goes on until a fetch comes back short)."""
        return self._exact

    @property
    def order(self) -> OrderT:
        """What the database sorts by, after the column chosen."""
        return self._orders[self.sort_column]

    @property
    def descending(self) -> bool:
        return self.sort_order == Qt.SortOrder.DescendingOrder

    def load(self, fetch: FetchPage[T], total: int, *, rows: int = 0, exact: bool = True) -> None:
        """Start over with a new query: the first page now (or the first ``rows``, to keep a
        place the user had scrolled to), the rest on demand. ``total`` is how many rows there
        are, or with ``exact`` false how many there are at least."""
        self._fetch = fetch
        self._total = total
        self._exact = exact
        asked = max(self.page_size, rows)
        first = list(fetch(0, asked)) if total else []
        if not exact and len(first) < asked:
            self._total, self._exact = len(first), True
        self.set_rows(first)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._fetch is None:
            return False
        return self.rowCount() < self._total or not self._exact

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if self.canFetchMore(parent):
            self._fetch_to(self.rowCount() + self.page_size)

    def fetch_through(self, row: int) -> None:
        """Make sure rows up to ``row`` are here (one query for all that are missing)."""
        if row >= self.rowCount() and self.canFetchMore():
            self._fetch_to(row + 1)

    def _fetch_to(self, end: int) -> None:
        assert self._fetch is not None
        have = self.rowCount()
        asked = (min(end, self._total) if self._exact else end) - have
        page = self._fetch(have, asked)
        reached_end = not self._exact and len(page) < asked
        if reached_end:
            self._total, self._exact = have + len(page), True
        self._total = max(self._total, have + len(page))
        if not page:  # the list shrank meanwhile: stop asking
            self._total = have
        else:
            self.append_rows(page)
        if reached_end:
            self.counted.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a column header: note the order and let the page read the list again."""
        if (column, order) == (self.sort_column, self.sort_order) or not (
            0 <= column < len(self.columns)
        ):
            return
        self.sort_column, self.sort_order = column, order
        self.order_changed.emit()
