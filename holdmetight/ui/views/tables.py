"""Table views set up the same way everywhere: whole-row selection, sortable, tidy headers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from holdmetight.ui.models.row_table import ID_ROLE, SORT_ROLE


def make_table(
    model: QAbstractItemModel,
    *,
    sortable: bool,
    parent: QWidget | None = None,
    stretch_column: int = 1,
) -> QTableView:
    """A read-only table over ``model`` (through a sorting proxy when ``sortable``)."""
    view = QTableView(parent)
    if sortable:
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view.setModel(proxy)
        view.setSortingEnabled(True)
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    return view


@contextmanager
def keeping_place(table: QTableView) -> Iterator[None]:
    """Read a table's rows again without losing the user's place: the chosen row (found again
    by its id) and how far the list was scrolled."""
    rows = table.selectionModel().selectedRows()
    chosen = rows[0].data(ID_ROLE) if rows else None
    scrolled = table.verticalScrollBar().value()
    yield
    model = table.model()
    if chosen is not None:
        for row in range(model.rowCount()):
            if model.index(row, 0).data(ID_ROLE) == chosen:
                table.selectRow(row)
                break
    table.verticalScrollBar().setValue(scrolled)
