"""Table views set up the same way everywhere: whole-row selection, sortable, tidy headers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from holdmetight.ui.models.paged_table import PagedTableModel
from holdmetight.ui.models.row_table import ID_ROLE, SORT_ROLE, RowTableModel


def make_table(
    model: QAbstractItemModel,
    *,
    sortable: bool,
    parent: QWidget | None = None,
    stretch_column: int = 1,
) -> QTableView:
    """A read-only table over ``model``, sortable by a click on a column header when
    ``sortable``: a list fetched page by page (:class:`PagedTableModel`) is sorted by the
    database, any other through a sorting proxy.

    Columns fit the rows on screen: measuring every row read (up to a thousand) cost more than
    reading them."""
    view = QTableView(parent)
    header = view.horizontalHeader()
    if isinstance(model, PagedTableModel):
        view.setModel(model)
        header.setSortIndicator(model.sort_column, model.sort_order)
        view.setSortingEnabled(sortable)
    elif sortable:
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
    header.setResizeContentsPrecision(0)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    return view


def find_row(table: QTableView, identity: object) -> int | None:
    """The row of the table (as shown, sorted or not) holding the item with this id."""
    shown = table.model()
    source = shown.sourceModel() if isinstance(shown, QSortFilterProxyModel) else shown
    if isinstance(source, RowTableModel):
        row = source.row_of(identity)
        if row is None:
            return None
        if source is shown:
            return row
        assert isinstance(shown, QSortFilterProxyModel)
        return shown.mapFromSource(source.index(row, 0)).row()
    for row in range(shown.rowCount()):  # pragma: no cover - every list is a RowTableModel
        if shown.index(row, 0, QModelIndex()).data(ID_ROLE) == identity:
            return row
    return None


@contextmanager
def keeping_place(table: QTableView) -> Iterator[None]:
    """Read a table's rows again without losing the user's place: the chosen row (found again
    by its id) and how far the list was scrolled."""
    rows = table.selectionModel().selectedRows()
    chosen = rows[0].data(ID_ROLE) if rows else None
    scrolled = table.verticalScrollBar().value()
    yield
    if chosen is not None:
        row = find_row(table, chosen)
        if row is not None:
            table.selectRow(row)
    table.verticalScrollBar().setValue(scrolled)
