"""A table model over a list of read models, one row each, with declared columns.

A cell's text is made once, when its row is first shown, and kept until the rows or the
language change (a switch of language is noticed even before ``retranslate``): a view asks for
the same cell many times (painting, sizing columns), and formatting dates and money on every
ask is what made long lists slow.

Sorting goes through :data:`SORT_ROLE`, which gives each cell its place in its column's order
rather than the column's key itself: a sorting proxy compares numbers and strings, not the
tuples, dates or decimals a key is naturally written as, so the model orders the rows by the
key in Python and hands the proxy a rank. Text without a key of its own sorts as the couples
list does, ignoring case and accents ("Öztürk" under O).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from holdmetight.domain.names import fold
from holdmetight.i18n import _, current_language

T = TypeVar("T")

# What a cell shows when the row has no value where one is expected (no venue chosen yet, no fee
# set yet): a dash, so that an empty cell never has to be guessed at. A column that speaks only
# for some rows (a payment's reference, a refund still due) stays empty for the others.
DASH = "–"


def or_dash(text: str) -> str:
    """``text``, or a dash when there is none."""
    return text or DASH


def yes_no(flag: bool) -> str:
    """A yes-or-no fact in a column: "yes" or "no", never an empty cell."""
    return _("yes") if flag else _("no")


SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
_ANSWERED = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        SORT_ROLE,
        ID_ROLE,
    )
)


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its (translated) title, the text of a cell, and optionally a sort key
    (any values Python can compare; without one the column sorts by its folded text)."""

    title: Callable[[], str]
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[T], str] | None = None


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows are frozen read models from a service; ``set_rows`` replaces them all at once."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        parent: Any = None,
        *,
        identity: Callable[[T], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._identity = identity or (lambda item: getattr(item, "id", None))
        self._rows: list[T] = []
        self._texts: list[list[str] | None] = []
        self._places: dict[Any, int] | None = None
        self._ranks: dict[int, list[int]] = {}
        self._language = current_language()

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [None] * len(self._rows)
        self._places = None
        self._ranks.clear()
        self.endResetModel()

    def append_rows(self, rows: Sequence[T]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self._texts.extend([None] * len(rows))
        if self._places is not None:
            for place, item in enumerate(rows, start=first):
                self._places.setdefault(self._identity(item), place)
        self._ranks.clear()
        self.endInsertRows()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def row_of(self, identity: Any) -> int | None:
        """The row of the item with this identity (its id), or None when it is not here."""
        if self._places is None:
            self._places = {}
            for place, item in enumerate(self._rows):
                self._places.setdefault(self._identity(item), place)
        return self._places.get(identity)

    def text(self, row: int, column: int) -> str:
        """What the cell shows, made once per row (see the module's docstring)."""
        if self._language != current_language():
            self._forget_texts()
        texts = self._texts[row]
        if texts is None:
            item = self._rows[row]
            texts = self._texts[row] = [declared.text(item) for declared in self.columns]
        return texts[column]

    def rows(self) -> list[T]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks each cell for a dozen roles while painting; most are answered at once.
        if role not in _ANSWERED or not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == SORT_ROLE:
            return self._rank(index.column())[index.row()]
        if role == ID_ROLE:
            return self._identity(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(item)
        return None

    def _rank(self, column: int) -> list[int]:
        """Each row's place in the column's order; rows with equal keys share a place."""
        if self._language != current_language():
            self._forget_texts()
        ranks = self._ranks.get(column)
        if ranks is None:
            declared = self.columns[column]
            if declared.sort_key is None:
                keys = [fold(self.text(row, column)) for row in range(len(self._rows))]
            else:
                keys = [declared.sort_key(item) for item in self._rows]
            order = sorted(range(len(keys)), key=keys.__getitem__)
            ranks = [0] * len(keys)
            for place, row in enumerate(order):
                tie = place > 0 and keys[order[place - 1]] == keys[row]
                ranks[row] = ranks[order[place - 1]] if tie else place
            self._ranks[column] = ranks
        return ranks

    def _forget_texts(self) -> None:
        self._texts = [None] * len(self._rows)
        self._ranks.clear()
        self._language = current_language()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title()
        return None

    def retranslate(self) -> None:
        """Re-read titles and texts after a language change."""
        self._forget_texts()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )
