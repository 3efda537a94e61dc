"""Helpers for the item-model tests: the sorting proxy a sortable table puts in front of its model.

``make_table`` (holdmetight/ui/views/tables.py) gives a sortable table a
``QSortFilterProxyModel`` on ``SORT_ROLE``; ``sorted_by`` builds the same proxy without a view and
sorts it as a click on a column header does. Import it with
``from tests.ui.models.conftest import sorted_by``.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt

from holdmetight.ui.models.row_table import SORT_ROLE

ASCENDING, DESCENDING = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def sorted_by(
    model: QAbstractItemModel, column: int, order: Qt.SortOrder = ASCENDING
) -> QSortFilterProxyModel:
    """The rows as a sortable table shows them after a click on ``column``'s header."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(column, order)
    return proxy


def column_texts(model: QAbstractItemModel, column: int) -> list[str]:
    """What a column shows, top to bottom."""
    return [model.index(row, column).data() for row in range(model.rowCount())]
