"""The one path by which the window reads and changes data.

Every call into a service is one operation: one session, one transaction. What the transaction
wrote comes back as :class:`~holdmetight.services.changes.Changes` and is announced once through
``changed``; views listen for the kinds of data they show (see ``freshness``). No widget
announces a change by hand, and the arguments of every call are checked by mypy against the
service's own signature.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlmodel import Session

from holdmetight.db.database import Database
from holdmetight.errors import HoldMeTightError
from holdmetight.i18n import _
from holdmetight.services.changes import Changes, perform

P = ParamSpec("P")
T = TypeVar("T")


def show_error(parent: QWidget | None, error: HoldMeTightError) -> None:
    QMessageBox.warning(parent, _("holdmetight"), str(error))


class AppContext(QObject):
    """The open database and the signal that tells every view what an operation changed."""

    changed = Signal(object)  # Changes

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database

    def call(
        self,
        service: Callable[Concatenate[Session, P], T],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Run one operation and return its result; errors are raised to the caller.

        Safe from a worker thread: the change is then delivered to the views in the GUI thread.
        """
        result, changes = perform(self.database, service, *args, **kwargs)
        self.publish(changes)
        return result

    def run(
        self,
        parent: QWidget | None,
        service: Callable[Concatenate[Session, P], T],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T | None:
        """Run one operation as a user action: on failure show why and return None."""
        try:
            return self.call(service, *args, **kwargs)
        except HoldMeTightError as error:
            show_error(parent, error)
            return None

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)

    def reload_everything(self) -> None:
        """Let every view read its data again (F5: another PC may have changed it)."""
        self.changed.emit(Changes.all())
