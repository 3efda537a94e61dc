"""Keeping a view in step with the data it shows.

A view declares the kinds of data it shows. When an operation changes one of them, a visible
view reads its data again at once; a hidden one (another page, another tab) only notes that it
is out of date and reads again when it is shown. Nothing else refreshes views.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtWidgets import QWidget

from holdmetight.services.changes import Changes, Kind
from holdmetight.ui.context import AppContext


class Freshness(QObject):
    """Calls ``refresh`` when ``view`` is visible and the data it shows has changed."""

    def __init__(
        self,
        view: QWidget,
        context: AppContext,
        shows: Iterable[Kind],
        refresh: Callable[[], None],
    ) -> None:
        super().__init__(view)
        self._view = view
        self.shows = frozenset(shows)
        self._refresh = refresh
        self.stale = True
        view.installEventFilter(self)
        context.changed.connect(self._on_changed)

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(self.shows):
            self.request()

    def request(self) -> None:
        """Refresh now if the view is on screen, else as soon as it is shown."""
        if self._view.isVisible():
            self.stale = False
            self._refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self._refresh()
        return False
